/**
 * The PLIE counters' handling of the stream (issue 16), against an in-memory store: a record deleted by the purge
 * takes its contribution off and no later delivery of its older versions counts it again; a stream record that is not
 * a participant record under participant keys counts nowhere.
 */
import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { appliquerEvenements, type AgregatsStore, type ContexteAgregats, type Marque, type MiseAJourCompteurs } from '#shared/domain/consolidation/agregats';
import type { CompteursAnnee } from '#shared/domain/consolidation/direct';
import type { ParticipantStocke } from '#shared/domain/participant/use-cases';
import { evenementsParticipants } from '#shared/http/flux-participants';

function store(): AgregatsStore & { annees: Map<string, CompteursAnnee> } {
  const marques = new Map<string, Marque>();
  const annees = new Map<string, CompteursAnnee>();
  const cle = (m: { dossierId: string; participantId: string }) => `${m.dossierId}#${m.participantId}`;
  return {
    annees,
    marque: async (d, p) => marques.get(`${d}#${p}`) ?? null,
    marques: async (cles) => new Map(cles.flatMap((c) => (marques.has(cle(c)) ? [[cle(c), marques.get(cle(c))!] as const] : []))),
    async appliquer(xs: ReadonlyArray<{ avant: Marque | null; apres: Marque }>, majs: readonly MiseAJourCompteurs[]) {
      if (xs.some((x) => (marques.get(cle(x.apres))?.version ?? null) !== (x.avant?.version ?? null))) return false;
      for (const x of xs) marques.set(cle(x.apres), x.apres);
      for (const m of majs) {
        const c = annees.get(`${m.plie}#${m.annee}`) ?? {};
        for (const [k, v] of Object.entries(m.compteurs) as Array<[keyof CompteursAnnee, number]>) c[k] = (c[k] ?? 0) + v;
        annees.set(`${m.plie}#${m.annee}`, c);
      }
      return true;
    },
    compteurs: async () => new Map(),
    remplacer: async () => undefined,
  };
}

const participant = (version: number, sortie: ParticipantStocke['sortie'] = null) => ({
  id: 'P1', dossierId: 'D1', organisationId: 'O1', saisiLe: '2026-02-01', version, cle: 'k', conserverJusquAu: '2035-12-31', dateEntree: '2026-02-01',
  identite: { nom: 'A', prenom: 'B', dateNaissance: '1990-01-01', sexe: 'femme', naissance: { commune: 'X', codePostal: '33000' }, adresse: { ligne: '1', codePostal: '33000', commune: 'X' }, telephoneMobile: null, telephoneDomicile: null, courriel: null },
  questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: {} }, plie: null, notice: { remiseLe: '2026-02-01', mode: 'papier' }, sortie,
}) as unknown as ParticipantStocke;

describe('the PLIE counters from the stream', () => {
  it('take a purged record off, and an older version delivered after the purge does not count it again', async () => {
    const s = store();
    const ctx = { agregats: s, dossiers: { lire: async () => ({ id: 'D1', oi: 'AGAPE', plieId: 'bordeaux' }), toutDuStatut: async () => [] }, participants: { tous: async () => [] }, bilans: { bilans: async () => [] }, regles: { versions: async () => [], ajouter: async () => undefined } } as unknown as ContexteAgregats;
    const evt = (sequence: string, p: ParticipantStocke | null) => ({ sequence, dossierId: 'D1', participantId: 'P1', participant: p });
    await appliquerEvenements(ctx, [evt('1', participant(1))]);
    expect(s.annees.get('bordeaux#2026')).toMatchObject({ entrees: 1, op_D1_entrees: 1 });
    await appliquerEvenements(ctx, [evt('2', null)]);
    expect(Object.values(s.annees.get('bordeaux#2026')!).every((v) => v === 0)).toBe(true);
    const r = await appliquerEvenements(ctx, [evt('1', participant(1))]);
    expect(r).toMatchObject({ appliques: 0, ignores: 1, echecs: [] });
    expect(s.annees.get('bordeaux#2026')!.entrees).toBe(0);
  });

  it('reads participant records from the stream (a REMOVE without image) and skips other items under their keys', () => {
    const event = {
      Records: [
        { eventName: 'REMOVE', dynamodb: { SequenceNumber: '9', Keys: { pk: { S: 'DOSSIER#D1' }, sk: { S: 'PART#P1' } } } },
        { eventName: 'INSERT', dynamodb: { SequenceNumber: '10', Keys: { pk: { S: 'DOSSIER#BRUT' }, sk: { S: 'PART#1' } }, NewImage: { pk: { S: 'DOSSIER#BRUT' }, sk: { S: 'PART#1' }, version: { N: '1' } } } },
        { eventName: 'INSERT', dynamodb: { SequenceNumber: '11', Keys: { pk: { S: 'DOSSIER#D1' }, sk: { S: 'BILAN#01' } } } },
      ],
    } as unknown as DynamoDBStreamEvent;
    expect(evenementsParticipants(event)).toEqual([{ sequence: '9', dossierId: 'D1', participantId: 'P1', participant: null }]);
  });
});
