/**
 * The current year's PLIE report from live data at scale (issue 16): one PLIE-year of the AGAPE's PLIE de Bordeaux
 * with 10 000 participants (40 % of them left, by every kind of exit) over 20 programmed operations, each with a
 * controlled bilan. The records are written raw (BatchWrite of the repository's item shape), the PLIE-year counters
 * are maintained by the stream handler as on AWS (time until they agree with the rebuild), the rebuild is timed
 * apart, then `GET /gestion/consolidation` (JSON), its PDF and its workbook are each requested 20 times: median,
 * p95, max, and the DynamoDB calls of one report. Budget: ≤ 1 s per report.
 *
 * `npm run bench -- consolidation` (BENCH_PARTICIPANTS_CONSO to change the 10 000).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { reconstruire, verifier } from '#shared/domain/consolidation/agregats';
import { contexteAgregats } from '#shared/http/contexte-agregats';
import { dynamo } from '#shared/repositories/clients';
import { item as itemDossier } from '#shared/repositories/dossier-repository';
import { Bilan } from '#shared/schemas/bilan';
import type { Dossier } from '#shared/schemas/dossier';
import { compter } from './echelle';

const GESTIONNAIRE = 'gestionnaire@guichet.test';
const OPERATIONS = 20;
const REPETITIONS = 20;
const BUDGET_MS = 1000;
const PLIE = 'bordeaux';

async function ecrire(table: string, items: Record<string, unknown>[]) {
  const lots: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) lots.push(items.slice(i, i + 25));
  for (let i = 0; i < lots.length; i += 8) {
    await Promise.all(lots.slice(i, i + 8).map(async (lot) => {
      let reste: Record<string, unknown>[] | undefined = lot.map((Item) => ({ PutRequest: { Item } }));
      for (let essai = 0; reste?.length && essai < 10; essai++) {
        if (essai) await new Promise((ok) => setTimeout(ok, 20 * 2 ** essai));
        const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: reste as never } }));
        reste = r.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
      }
    }));
  }
}

const jour = (annee: number, n: number) => new Date(Date.UTC(annee, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function operation(i: number, annee: number, maintenant: Date): Dossier {
  const fse = 10_000_000 + i * 100_000;
  return {
    id: `BENCH-CONSO-${String(i).padStart(2, '0')}`, reference: `AAP-BENCH-B${i}-${String(100_000_000 + i)}`, aapId: 'AAP-BENCH', aapReference: 'AAP-BENCH', oi: 'AGAPE',
    ficheCode: `B${i}`, ficheTitre: 'Accompagnement renforcé', plie: 'PLIE de Bordeaux', plieId: PLIE, organisationId: `ORG-BENCH-${i}`, organisationNom: `Association ${i}`,
    siret: String(10_000_000_000_000 + i), statut: 'programme', version: 5, creeLe: `${annee - 1}-10-01T09:00:00.000Z`, creePar: 'bench', modifieLe: maintenant.toISOString(),
    contenu: {
      intitule: `Opération ${i} du PLIE de Bordeaux`,
      description: { objectifs: 'Accompagner 500 participants.', publicVise: 'Participants du PLIE.', modalites: 'Entretiens.', territoire: 'Bordeaux' },
      calendrier: { debut: `${annee}-01-01`, fin: `${annee}-12-31` },
      indicateurs: [],
      planFinancement: {
        depenses: { personnel: [], fonctionnement: [], prestations: [], participants: [] }, indirects: { mode: 'aucun' },
        ressources: { fseCentimes: fse, cofinancements: [{ financeur: 'Ville de Bordeaux', nature: 'public', contrepartieFse: true, attestation: 'obtenue', montantCentimes: fse / 2 }], autofinancementCentimes: 0, recettesCentimes: 0 },
      },
    },
    depot: { deposeLe: `${annee - 1}-10-15T09:00:00.000Z`, deposePar: 'Bench', fuseau: 'Europe/Paris', empreinte: 'x' },
    complements: null, complementsRecus: [],
    suivi: { convention: { etat: 'en_vigueur', numeroEnVigueur: 1, numeroEnCours: null, renouvellements: 0, periode: { debut: `${annee}-01-01`, fin: `${annee}-12-31` }, fseConventionneCentimes: fse } },
    empreinteJournal: null, evenementsJournal: 0,
  } as unknown as Dossier;
}

function bilan(d: Dossier, maintenant: Date): Bilan {
  const trace = { le: maintenant.toISOString(), par: 'bench', nom: 'Bench' };
  const fse = Math.round(d.contenu.planFinancement.ressources.fseCentimes * 0.8);
  const totaux = { personnel: fse * 2, fonctionnement: 0, prestations: 0, participants: 0, remunerationsParticipants: 0, directs: fse * 2, indirects: 0, coutTotal: fse * 2, fse, cofinancements: fse, contreparties: fse, autofinancement: 0, recettes: 0, ressources: fse * 2 };
  return Bilan.parse({
    dossierId: d.id, numero: 1, nature: 'final', statut: 'csf_definitif', version: 4,
    contenu: { nature: 'final', numero: 1, depenses: [], ressources: { fsePercuCentimes: 0, cofinancements: [{ financeur: 'Ville de Bordeaux', montantCentimes: fse }], autofinancementCentimes: 0, recettesCentimes: 0 } },
    cree: trace, modifie: trace, depot: trace,
    csf: {
      decisions: [], modifie: trace, definitif: trace,
      resultat: {
        lignes: [], declareCentimes: fse * 2, retenuDirectsCentimes: fse * 2, ecarteCentimes: 0, totaux, indirects: { libelle: 'Aucun', montantCentimes: 0 }, coutRetenuCentimes: fse * 2,
        autresRessourcesPercuesCentimes: fse, termes: [], fseDuCentimes: fse, tauxFseDu: null, tauxContreparties: null, violations: [], conclusion: 'Bench',
      },
    },
  });
}

const SORTIES = [
  { situation: 'cdi', tempsPlein: true, heuresHebdo: 35, memeEmployeur: true, employeur: 'SAS Bench' },
  { situation: 'formation_qualifiante', formation: { intitule: 'CAP Cuisine', qualification: 'CAP', niveau: 3, qualifiante: true, enLienAvecLeProjet: true, validee: true } },
  { situation: 'interim', dureeMois: 3, heuresHebdo: 35, agence: 'Agence Bench' },
  { situation: 'abandon' },
  { situation: 'demenagement' },
  { situation: 'autre' },
];

function participant(i: number, d: Dossier, annee: number, maintenant: Date) {
  // Entries spread from 1 January last year to today; 40 % left this year (on their entry day at the earliest).
  const aujourdhui = maintenant.toISOString().slice(0, 10);
  const etendue = Math.max(1, Math.floor((maintenant.getTime() - Date.UTC(annee - 1, 0, 1)) / 86_400_000));
  const dateEntree = jour(annee - 1, (i * 7919) % etendue);
  const sortie = i % 5 < 2 ? (() => {
    const s = SORTIES[i % SORTIES.length]!;
    const candidate = jour(annee, i % 30);
    const date = [dateEntree > jour(annee, 0) ? dateEntree : candidate, aujourdhui].sort()[0]! < dateEntree ? dateEntree : [dateEntree > jour(annee, 0) ? dateEntree : candidate, aujourdhui].sort()[0]!;
    return {
      date, debut: s.situation === 'cdi' ? jour(annee - 1, 100) : null, fin: null, dureeMois: null, heuresHebdo: null, tempsPlein: null, tempsPartielChoisi: null, employeur: null, agence: null,
      memeEmployeur: null, structureSiae: null, contrats: [], formation: null, creation: null, sansRepriseApresConge: null, precision: null, pieceId: null, ...s, saisieLe: date, horsDelai: false,
    };
  })() : null;
  const id = `P${String(i).padStart(6, '0')}`;
  return {
    pk: `DOSSIER#${d.id}`, sk: `PART#${id}`, entite: 'PARTICIPANT',
    id, dossierId: d.id, organisationId: d.organisationId, saisiLe: dateEntree, version: sortie ? 2 : 1, cle: `bench-${i}`, conserverJusquAu: '2035-12-31',
    identite: {
      nom: `Bench${i}`, prenom: 'Alex', dateNaissance: jour(1970, i % 9000), sexe: i % 2 ? 'femme' : 'homme', naissance: { commune: 'Bordeaux', codePostal: '33000' },
      adresse: { ligne: '1 cours de l’Intendance', codePostal: '33000', commune: 'Bordeaux' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
    },
    dateEntree,
    questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 8, Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'nsp', Q6: 'non', Q7: 'non' } },
    plie: null, notice: { remiseLe: dateEntree, mode: 'papier' }, sortie,
  };
}

const stats = (xs: number[]) => {
  const t = [...xs].sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!;
  return { medianeMs: q(0.5), p95Ms: q(0.95), maxMs: t.at(-1)!, minMs: t[0]! };
};

export async function benchConsolidation(g: Guichet, api: ClientApi, n = Number(process.env.BENCH_PARTICIPANTS_CONSO ?? 10_000)) {
  const maintenant = new Date();
  const annee = maintenant.getUTCFullYear();
  const operations = Array.from({ length: OPERATIONS }, (_, i) => operation(i + 1, annee, maintenant));
  const t0 = performance.now();
  await ecrire(g.tableName, [
    ...operations.map((d) => itemDossier(d) as Record<string, unknown>),
    ...operations.map((d) => ({ pk: `DOSSIER#${d.id}`, sk: 'BILAN#01', entite: 'BILAN', ...bilan(d, maintenant) })),
    ...Array.from({ length: n }, (_, i) => participant(i, operations[i % OPERATIONS]!, annee, maintenant)),
  ]);
  const msEcriture = Math.round(performance.now() - t0);

  // The stream handler maintains the counters as the records arrive: until they agree with the rebuild.
  const ctx = contexteAgregats();
  const t1 = performance.now();
  for (;;) {
    const v = await verifier(ctx, 'AGAPE', PLIE);
    if (v.concordent) break;
    if (performance.now() - t1 > 600_000) throw new Error('Compteurs maintenus toujours différents du recalcul après 10 minutes');
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  const msFluxJusquAConcordance = Math.round(performance.now() - t1);
  const t2 = performance.now();
  const { r: reconstruction, appels: appelsReconstruction } = await compter(() => reconstruire(ctx, 'AGAPE', PLIE));
  const msReconstruction = Math.round(performance.now() - t2);

  const jeton = await api.jeton(GESTIONNAIRE);
  const demander = async (chemin: string) => {
    const t = performance.now();
    const r = await fetch(`${g.url}/api${chemin}`, { headers: { authorization: `Bearer ${jeton}` } });
    const corps = Buffer.from(await r.arrayBuffer());
    if (r.status !== 200) throw new Error(`${chemin} → ${r.status} ${corps.toString('utf8').slice(0, 300)}`);
    return { ms: performance.now() - t, corps };
  };
  const mesurer = async (chemin: string) => {
    await demander(chemin); // warm-up (module loads: pdf-lib, exceljs)
    const ms: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) ms.push((await demander(chemin)).ms);
    const { appels } = await compter(() => demander(chemin));
    const s = stats(ms);
    return { medianeMs: Math.round(s.medianeMs), p95Ms: Math.round(s.p95Ms), maxMs: Math.round(s.maxMs), minMs: Math.round(s.minMs), appelsDynamo: appels };
  };
  const q = `?annee=${annee}&plies=${PLIE}`;
  const json = await mesurer(`/gestion/consolidation${q}`);
  const pdf = await mesurer(`/gestion/consolidation/rapport.pdf${q}`);
  const xlsx = await mesurer(`/gestion/consolidation/rapport.xlsx${q}`);
  const rapport = JSON.parse((await demander(`/gestion/consolidation${q}`)).corps.toString('utf8')) as { rapport: { flux: Record<string, number>; financements: { plieRepondants: number; fseConsomme: number } } };
  return {
    consolidation: {
      date: maintenant.toISOString(),
      participants: n,
      operations: OPERATIONS,
      budgetMs: BUDGET_MS,
      dansLeBudget: [json, pdf, xlsx].every((x) => x.p95Ms <= BUDGET_MS),
      rapportJson: json,
      rapportPdf: pdf,
      rapportXlsx: xlsx,
      chiffres: {
        entrees: rapport.rapport.flux.entrees, enParcoursDurant: rapport.rapport.flux.enParcoursDurant, sortiesPositives: rapport.rapport.flux.sortiesPositives,
        sansSuite: rapport.rapport.flux.sansSuite, tauxSortiesPositives: rapport.rapport.flux.tauxSortiesPositives, fseConsomme: rapport.rapport.financements.fseConsomme,
      },
      ecritureBruteMs: msEcriture,
      fluxJusquAConcordanceMs: msFluxJusquAConcordance,
      reconstruction: { ms: msReconstruction, ...reconstruction, appelsDynamo: appelsReconstruction },
      note: `${REPETITIONS} requêtes de chaque après une de chauffe, client et API locale dans ce processus ; fluxJusquAConcordanceMs : de la fin des écritures brutes à l’accord des compteurs maintenus par le flux avec le recalcul`,
    },
  };
}
