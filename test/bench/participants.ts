/**
 * A 10 000-row participant import as a job: one recevable dossier of the FSE+ demo AAP (deposited and declared
 * recevable through the API), a CSV of valid rows with the FSE+ questionnaire's columns, sent to the presigned POST of
 * `POST /dossiers/{id}/participants/imports/envoi`, its job started (`.../imports/taches`) and followed
 * (`GET .../imports/{importId}`) to `terminee`; then the same file again (every row unchanged). The floor: as many raw
 * TransactWriteItems of the record and its natural-key item (two conditional Puts), 16 at a time like the import.
 * Figures to compare with the job function's limits on AWS: 15 minutes, 1 769 Mo.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resourceUsage } from 'node:process';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { colonnes } from '#shared/domain/participant/csv';
import { dynamo } from '#shared/repositories/clients';
import { aapDemoId, brouillons, PORTEUR } from './depot';
import { compter } from './echelle';

const GESTIONNAIRE = 'gestionnaire@guichet.test';
const CONCURRENCE = 16;
/** The job function's timeout and memory (shared/http/taches.ts), and how often the bench reads the job's progress. */
const TACHE_TIMEOUT_MS = 900_000;
const TACHE_MEMOIRE_MO = 1769;
const SUIVI_MS = 200;

const NOMS = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Nguyen', 'Benali', 'Da Silva', 'N’Diaye', 'Le Gall'];
const PRENOMS = ['Marie', 'Jean', 'Samira', 'Julien', 'Thi', 'Kévin', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Inès', 'Mohamed', 'Camille', 'Nathalie', 'Éric', 'Zoé', 'Yanis', 'Manon', 'Théo', 'Aïcha', 'Sébastien', 'Emma', 'Noé'];

/** `n` valid, distinct rows (name, first name and birth date vary together; the birth date alone is unique). */
export function csvParticipants(n: number, aujourdhui: Date): string {
  const entete = colonnes('FSEPLUS-2021-1057');
  const fr = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  const lignes = [entete.join(';')];
  for (let i = 0; i < n; i++) {
    const naissance = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000 * 1.3);
    const entree = new Date(aujourdhui.getTime() - (5 + (i % 300)) * 86_400_000);
    const enRecherche = i % 3 !== 0;
    const valeurs: Record<string, string> = {
      nom: NOMS[i % NOMS.length]!, prenom: PRENOMS[(i * 7) % PRENOMS.length]!, date_naissance: fr(naissance), sexe: i % 2 ? 'F' : 'H',
      commune_naissance: 'Bordeaux', code_postal_naissance: '33000', adresse: `${1 + (i % 120)} rue Sainte-Catherine`, code_postal: '33000', commune: 'Bordeaux',
      telephone_mobile: i % 4 ? `06 ${String(i).padStart(8, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}` : '', telephone_domicile: '', courriel: i % 5 ? '' : `p${i}@exemple.fr`,
      date_entree: fr(entree), notice_remise_le: fr(entree), notice_mode: 'papier', prescripteur: i % 2 ? 'France Travail' : 'Mission locale',
      Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: enRecherche ? 'non' : 'oui', Q1f: enRecherche ? 'oui' : 'non', Q1g: enRecherche ? String(1 + (i % 48)) : '',
      Q2: ['2a', '2b', '2c'][i % 3]!, Q3: i % 11 ? 'non' : 'oui', Q4: i % 7 ? 'non' : 'oui', Q5: i % 13 ? 'non' : 'nsp', Q6: 'non', Q7: i % 17 ? 'non' : 'oui',
    };
    lignes.push(entete.map((c) => valeurs[c] ?? '').join(';'));
  }
  return `${lignes.join('\r\n')}\r\n`;
}

/** A dossier of the FSE+ demo AAP, deposited and declared recevable through the API. */
async function dossierRecevable(g: Guichet, api: ClientApi): Promise<string> {
  const aapId = await aapDemoId(g);
  const [id] = await brouillons(api, aapId, 1, 1990);
  const d = await api.appel<{ version: number }>(PORTEUR, 'POST', `/dossiers/${id}/depot`, undefined, { 'idempotency-key': `bench-participants-${randomUUID()}` });
  const fiche = await api.appel<{ conditionsRecevabilite: string[] }>(GESTIONNAIRE, 'GET', `/aaps/${aapId}/fiches/GP2`);
  const conditions = fiche.conditionsRecevabilite.map((condition) => ({ condition, remplie: true }));
  await api.appel(GESTIONNAIRE, 'POST', `/dossiers/${id}/recevabilite`, { decision: 'recevable', conditions }, { 'if-match': String(d.version) });
  return id!;
}

const rssMo = () => Math.round(resourceUsage().maxRSS / 1024);

export async function benchParticipants(g: Guichet, api: ClientApi, n = 10_000) {
  const dossierId = await dossierRecevable(g, api);
  const csv = csvParticipants(n, new Date());
  const octetsCsv = Buffer.byteLength(csv, 'utf8');
  const base = `/dossiers/${dossierId}/participants/imports`;

  /** Upload (presigned POST), start, follow to the end: the time of each step and how progress was seen. */
  const importer = async () => {
    const t = performance.now();
    const { r, appels } = await compter(async () => {
      const envoi = await api.appel<{ cle: string; upload: { url: string; fields: Record<string, string> } }>(PORTEUR, 'POST', `${base}/envoi`, { nomFichier: 'participants.csv', taille: octetsCsv });
      const form = new FormData();
      for (const [k, v] of Object.entries(envoi.upload.fields)) form.append(k, v);
      form.append('file', new Blob([csv]), 'participants.csv');
      const s3 = await fetch(envoi.upload.url, { method: 'POST', body: form });
      await s3.arrayBuffer();
      if (s3.status >= 300) throw new Error(`envoi S3 → ${s3.status}`);
      const msEnvoi = Math.round(performance.now() - t);
      const tLancement = performance.now();
      const tache = await api.appel<{ id: string }>(PORTEUR, 'POST', `${base}/taches`, { cle: envoi.cle, nomFichier: 'participants.csv' });
      type Suivi = { statut: string; lignesTotal: number | null; lignesTraitees: number; crees: number; modifies: number; inchanges: number; erreurs: number; motif: string | null };
      const vus: number[] = [];
      let msDemarrage: number | null = null;
      for (;;) {
        const s = await api.appel<Suivi>(PORTEUR, 'GET', `${base}/${tache.id}`);
        if (s.statut !== 'en_attente' && msDemarrage === null) msDemarrage = Math.round(performance.now() - tLancement);
        if (vus.at(-1) !== s.lignesTraitees) vus.push(s.lignesTraitees);
        if (s.statut === 'echouee') throw new Error(`import échoué : ${s.motif}`);
        if (s.statut === 'terminee') {
          const msJusquATerminee = Math.round(performance.now() - tLancement);
          return {
            lignes: s.lignesTotal ?? 0, crees: s.crees, modifies: s.modifies, inchanges: s.inchanges, erreurs: s.erreurs, msEnvoi, msJusquATerminee,
            msDemarrage: msDemarrage ?? msJusquATerminee, msTraitement: msJusquATerminee - (msDemarrage ?? msJusquATerminee), etapesDeProgressionVues: vus.length,
          };
        }
        await new Promise((ok) => setTimeout(ok, SUIVI_MS));
      }
    });
    const ms = Math.round(performance.now() - t);
    return {
      ms, lignesParSeconde: Math.round((r.lignes / r.msJusquATerminee) * 1000), lignesParSecondeTraitement: Math.round((r.lignes / Math.max(1, r.msTraitement)) * 1000),
      ...r, appelsDynamo: appels, rssMaxMo: rssMo(),
    };
  };
  // The floor: the same number of two-Put transactions (record + natural key, both conditional), 16 at a time; measured
  // before and after the imports (the machine may be shared: the load average is recorded with it).
  const t = g.tableName;
  const item = { entite: 'PARTICIPANT', identite: { nom: 'Brut', prenom: 'Plancher' }, questionnaire: { reponses: { Q1a: 'non', Q2: '2b' } }, version: 1 };
  const plancher = async (passe: string) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i += CONCURRENCE) {
      await Promise.all(Array.from({ length: Math.min(CONCURRENCE, n - i) }, (_, k) => dynamo().send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: t, Item: { pk: `DOSSIER#BRUT${passe}-${dossierId}`, sk: `PART#${i + k}`, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: t, Item: { pk: `PARTCLE#BRUT${passe}-${dossierId}#${i + k}`, sk: 'UNIQ', entite: 'PARTCLE', participantId: String(i + k) }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }))));
    }
    return Math.round(performance.now() - t0);
  };
  const chargeAvant = loadavg()[0]!;
  const plancherAvantMs = await plancher('A');
  const rssAvantMo = rssMo();
  const premier = await importer();
  const second = await importer();
  const plancherApresMs = await plancher('B');
  const chargeApres = loadavg()[0]!;
  const plancherMs = Math.round((plancherAvantMs + plancherApresMs) / 2);

  const ratio = (ms: number) => Math.round((ms / plancherMs) * 100) / 100;

  return {
    participants: {
      date: new Date().toISOString(),
      lignes: n,
      octetsCsv,
      concurrence: CONCURRENCE,
      import: { ...premier, ratioAuPlancher: ratio(premier.ms) },
      reimport: { ...second, ratioAuPlancher: ratio(second.ms) },
      plancher: {
        transactions: n, ms: plancherMs, avantMs: plancherAvantMs, apresMs: plancherApresMs, lignesParSeconde: Math.round((n / plancherMs) * 1000),
        note: `${n} TransactWriteItems de 2 Put conditionnels (fiche + clé naturelle), ${CONCURRENCE} à la fois, avant et après les imports (ms : leur moyenne)`,
      },
      chargeMachine: { loadavg1minAvant: Math.round(chargeAvant * 100) / 100, loadavg1minApres: Math.round(chargeApres * 100) / 100 },
      rssMaxMo: rssMo(),
      rssMaxAvantImportMo: rssAvantMo,
      noteRss: 'maxRSS du processus du banc, qui héberge aussi l’API locale (les handlers s’exécutent dans ce processus)',
      limitesTache: {
        timeoutMs: TACHE_TIMEOUT_MS, memoireMo: TACHE_MEMOIRE_MO, suiviMs: SUIVI_MS,
        lignesEn15MinAuDebitMesure: Math.floor((premier.lignesParSecondeTraitement * TACHE_TIMEOUT_MS) / 1000),
        note: 'ms : de la demande d’envoi à « terminee » ; msJusquATerminee et lignesParSeconde : du lancement de la tâche à « terminee » ; msDemarrage : attente du flux DynamoDB local (l’arriéré des écritures précédentes) avant « en_cours » ; msTraitement et lignesParSecondeTraitement : de « en_cours » à « terminee »',
      },
    },
  };
}
