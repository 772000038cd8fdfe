/**
 * The PLIE-year counters behind the current year's report (issue 16, scale): maintained from the stream of the
 * participant records, idempotent per event (a marker per participant holds the version applied and what it
 * contributes), recomputed from the source items by the rebuild (bounded Queries: the OI's dossiers by statut, then
 * each dossier's participants — never a Scan), and read by the report with one Query per PLIE plus one per operation.
 */
import type { Dossier } from '../../schemas/dossier';
import type { Bilan } from '../../schemas/bilan';
import type { InstantanePlie } from '../../schemas/consolidation';
import type { Plie } from '../../schemas/plie';
import type { AapStore } from '../aap/use-cases';
import type { CodeProgramme } from '../programmes';
import type { ParticipantStocke } from '../participant/use-cases';
import { STATUTS_AVEC_PARTICIPANTS } from '../participant/participant';
import { versionsDuPlie, type ReglesStore, type VersionRegles } from '../sortie/regles-plie';
import { apportParticipant, bilanDeLAnnee, compter, ecart, instantaneDirect, participantsParOperation, type Apport, type CompteursAnnee } from './direct';

/** A participant's applied contribution: the version of its record last applied (`SUPPRIME` once removed). */
export interface Marque { dossierId: string; participantId: string; oi: string; plie: string; version: number; apports: Apport[] }
export interface MiseAJourCompteurs { oi: string; plie: string; annee: number; compteurs: CompteursAnnee }

/** The version a removed record's marker keeps: no later event of that record can apply again. */
export const SUPPRIME = Number.MAX_SAFE_INTEGER;

export interface AgregatsStore {
  marque(dossierId: string, participantId: string): Promise<Marque | null>;
  /** The markers of these participants (BatchGetItem, consistent), keyed `<dossierId>#<participantId>`. */
  marques(cles: ReadonlyArray<{ dossierId: string; participantId: string }>): Promise<Map<string, Marque>>;
  /**
   * One transaction: each marker `apres` written on condition of its `avant` (its version, or its absence), the
   * counters moved by `majs`; false if a condition failed (nothing written).
   */
  appliquer(marques: ReadonlyArray<{ avant: Marque | null; apres: Marque }>, majs: readonly MiseAJourCompteurs[]): Promise<boolean>;
  /** The PLIE's counters, every year (one Query). */
  compteurs(oi: string, plie: string): Promise<Map<number, CompteursAnnee>>;
  /** The rebuild's write: the PLIE's years replaced (years no longer counted deleted) and the markers rewritten. */
  remplacer(oi: string, plie: string, compteurs: ReadonlyMap<number, CompteursAnnee>, marques: readonly Marque[]): Promise<void>;
}

export interface ContexteAgregats {
  agregats: AgregatsStore;
  dossiers: { lire(id: string): Promise<Dossier | null>; toutDuStatut(oi: string, statut: Dossier['statut']): Promise<Dossier[]> };
  participants: { tous(dossierId: string): Promise<ParticipantStocke[]> };
  bilans: { bilans(dossierId: string): Promise<Bilan[]> };
  regles: ReglesStore;
}

/** One record of the stream: the participant's new image, or null when the record was deleted (the purge). */
export interface EvenementParticipant { sequence: string; dossierId: string; participantId: string; participant: ParticipantStocke | null }

const EN_PARALLELE = 8;

async function parLots<T>(xs: readonly T[], f: (x: T) => Promise<void>) {
  for (let i = 0; i < xs.length; i += EN_PARALLELE) await Promise.all(xs.slice(i, i + EN_PARALLELE).map(f));
}

const majsDe = (oi: string, plie: string, d: Map<number, CompteursAnnee>): MiseAJourCompteurs[] => [...d].map(([annee, compteurs]) => ({ oi, plie, annee, compteurs }));

/** Counter moves of the same PLIE-year merged (a transaction writes an item once). */
function fusionner(majs: readonly MiseAJourCompteurs[]): MiseAJourCompteurs[] {
  const m = new Map<string, MiseAJourCompteurs>();
  for (const x of majs) {
    const cle = `${x.oi}#${x.plie}#${x.annee}`;
    const c = m.get(cle) ?? { oi: x.oi, plie: x.plie, annee: x.annee, compteurs: {} };
    for (const [k, v] of Object.entries(x.compteurs) as Array<[keyof CompteursAnnee, number]>) c.compteurs[k] = (c.compteurs[k] ?? 0) + v;
    m.set(cle, c);
  }
  return [...m.values()].map((x) => ({ ...x, compteurs: Object.fromEntries(Object.entries(x.compteurs).filter(([, v]) => v !== 0)) })).filter((x) => Object.keys(x.compteurs).length > 0);
}

/** Participants written in one transaction with their counters' moves (a transaction holds at most 100 items). */
const PAR_TRANSACTION = 25;

/**
 * Applies a batch of the stream: per participant its latest image only (records of one item arrive in order), each
 * moving its PLIE's counters by the difference with its marker, the markers read at once and written with the
 * counters' moves in transactions of 25 participants conditioned on the markers read; a transaction whose condition
 * fails (a marker moved meanwhile) is applied again participant by participant, each marker read again. An event
 * whose version is not newer than the marker's is skipped: a batch delivered twice changes nothing. Records of
 * dossiers without a PLIE count nowhere. Returns the sequence numbers that failed (the batch item failures: handed
 * again by the mapping).
 */
export async function appliquerEvenements(ctx: ContexteAgregats, evenements: readonly EvenementParticipant[]) {
  const derniers = new Map<string, EvenementParticipant>();
  for (const e of evenements) derniers.set(`${e.dossierId}#${e.participantId}`, e);
  const dossiers = new Map<string, Promise<Dossier | null>>();
  const regles = new Map<string, Promise<VersionRegles[]>>();
  const echecs: string[] = [];
  let appliques = 0;
  let ignores = 0;
  const lus = [...derniers.values()];
  for (const e of lus) if (!dossiers.has(e.dossierId)) dossiers.set(e.dossierId, ctx.dossiers.lire(e.dossierId));

  /** What the event writes given the marker read: null when it has nothing to apply. */
  const preparer = async (e: EvenementParticipant, avant: Marque | null) => {
    const d = await dossiers.get(e.dossierId)!;
    // A deleted record's marker says where it counted; a record of a dossier without PLIE counts nowhere.
    const plie = d?.plieId ?? avant?.plie;
    const oi = d?.oi ?? avant?.oi;
    const version = e.participant ? e.participant.version : SUPPRIME;
    if (!plie || !oi || (avant && avant.version >= version)) return null;
    if (!regles.has(plie)) regles.set(plie, versionsDuPlie(ctx.regles, plie));
    const apports = e.participant ? apportParticipant(e.participant, await regles.get(plie)!, e.dossierId) : [];
    const majs = avant && (avant.oi !== oi || avant.plie !== plie)
      ? [...majsDe(avant.oi, avant.plie, compter(avant.apports, -1)), ...majsDe(oi, plie, compter(apports))]
      : majsDe(oi, plie, ecart(avant?.apports ?? [], apports));
    return { avant, apres: { dossierId: e.dossierId, participantId: e.participantId, oi, plie, version, apports }, majs };
  };

  /** One event on its own, its marker read again until its transaction passes. */
  const seul = async (e: EvenementParticipant) => {
    try {
      for (let essai = 0; ; essai++) {
        const p = await preparer(e, await ctx.agregats.marque(e.dossierId, e.participantId));
        if (!p) return void ignores++;
        if (await ctx.agregats.appliquer([p], fusionner(p.majs))) return void appliques++;
        if (essai >= 5) throw new Error(`Marqueur de ${e.participantId} disputé`);
      }
    } catch (err) {
      echecs.push(e.sequence);
      console.error('Agrégat de PLIE non mis à jour', e.dossierId, e.participantId, err instanceof Error ? err.message : err);
    }
  };

  for (let i = 0; i < lus.length; i += PAR_TRANSACTION * EN_PARALLELE) {
    const tranche = lus.slice(i, i + PAR_TRANSACTION * EN_PARALLELE);
    let marques: Map<string, Marque>;
    try {
      marques = await ctx.agregats.marques(tranche);
    } catch {
      await parLots(tranche, seul);
      continue;
    }
    const lots: EvenementParticipant[][] = [];
    for (let j = 0; j < tranche.length; j += PAR_TRANSACTION) lots.push(tranche.slice(j, j + PAR_TRANSACTION));
    await Promise.all(lots.map(async (lot) => {
      try {
        const prets = (await Promise.all(lot.map(async (e) => ({ e, p: await preparer(e, marques.get(`${e.dossierId}#${e.participantId}`) ?? null) }))));
        ignores += prets.filter((x) => !x.p).length;
        const aEcrire = prets.flatMap((x) => (x.p ? [{ e: x.e, p: x.p }] : []));
        if (!aEcrire.length) return;
        if (await ctx.agregats.appliquer(aEcrire.map((x) => x.p), fusionner(aEcrire.flatMap((x) => x.p.majs)))) {
          appliques += aEcrire.length;
          return;
        }
        for (const x of aEcrire) await seul(x.e);
      } catch {
        for (const e of lot) await seul(e);
      }
    }));
  }
  return { appliques, ignores, echecs };
}

/** The dossiers of the OI that may hold participants of `plie` (one Query per statut of the OI's index). */
async function dossiersDuPlie(ctx: Pick<ContexteAgregats, 'dossiers'>, oi: string, plie: string): Promise<Dossier[]> {
  const parStatut = await Promise.all([...STATUTS_AVEC_PARTICIPANTS].map((s) => ctx.dossiers.toutDuStatut(oi, s)));
  return parStatut.flat().filter((d) => d.plieId === plie);
}

/** The PLIE's counters and markers computed from the source items (no write). */
export async function recalculer(ctx: ContexteAgregats, oi: string, plie: string) {
  const versions = await versionsDuPlie(ctx.regles, plie);
  const dossiers = await dossiersDuPlie(ctx, oi, plie);
  const compteurs = new Map<number, CompteursAnnee>();
  const marques: Marque[] = [];
  await parLots(dossiers, async (d) => {
    for (const p of await ctx.participants.tous(d.id)) {
      const apports = apportParticipant(p, versions, d.id);
      compter(apports, 1, compteurs);
      marques.push({ dossierId: d.id, participantId: p.id, oi, plie, version: p.version, apports });
    }
  });
  for (const [a, c] of compteurs) {
    for (const k of Object.keys(c) as Array<keyof CompteursAnnee>) if (c[k] === 0) delete c[k];
    if (!Object.keys(c).length) compteurs.delete(a);
  }
  return { compteurs, marques, dossiers: dossiers.length };
}

/** The rebuild command: the PLIE's counters recomputed from its participants and written over the maintained ones. */
export async function reconstruire(ctx: ContexteAgregats, oi: string, plie: string) {
  const r = await recalculer(ctx, oi, plie);
  await ctx.agregats.remplacer(oi, plie, r.compteurs, r.marques);
  return { oi, plie, dossiers: r.dossiers, participants: r.marques.length, annees: [...r.compteurs.keys()].sort() };
}

const trie = (m: ReadonlyMap<number, CompteursAnnee>) => Object.fromEntries([...m].sort(([a], [b]) => a - b).map(([a, c]) => [a, Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0).sort())]));

/** The maintained counters next to those the source items give, and whether they agree (the rebuild's check). */
export async function verifier(ctx: ContexteAgregats, oi: string, plie: string) {
  const [maintenus, r] = await Promise.all([ctx.agregats.compteurs(oi, plie), recalculer(ctx, oi, plie)]);
  const a = trie(maintenus);
  const b = trie(r.compteurs);
  return { maintenus: a, recalcules: b, concordent: JSON.stringify(a) === JSON.stringify(b) };
}

/** The programmed dossiers whose AAP is of `programme` (all of them without one); an AAP not found counts in none. */
async function operationsDuProgramme(ctx: { aaps?: Pick<AapStore, 'referentiel'> }, dossiers: Dossier[], programme: CodeProgramme | undefined): Promise<Dossier[]> {
  if (!programme || dossiers.length === 0) return dossiers;
  if (!ctx.aaps) throw new Error('Filtre par programme sans accès aux appels à projets');
  const { entetes } = await ctx.aaps.referentiel({ entetes: [...new Set(dossiers.map((d) => d.aapId))], fiches: [], champs: ['programme'] });
  return dossiers.filter((d) => entetes.get(d.aapId)?.programme.code === programme);
}

/**
 * The year's live snapshots of the OI's PLIE (those with participants counted or programmed operations), computed at
 * `maintenant`: the counters (one Query per PLIE), the OI's programmed dossiers (one Query) and each operation's
 * bilans (one Query each). With `programme`, only the operations whose AAP is of that programme are read and counted
 * (the AAP headers' programme read projected, one batch of their distinct ids); the counters are the PLIE's whole.
 */
export async function instantanesDirects(
  ctx: Pick<ContexteAgregats, 'agregats' | 'dossiers' | 'bilans'> & { aaps?: Pick<AapStore, 'referentiel'> },
  p: { oi: string; annee: number; plies: readonly Pick<Plie, 'id' | 'nom'>[]; maintenant: Date; programme?: CodeProgramme | undefined },
) {
  const programmes = await operationsDuProgramme(ctx, await ctx.dossiers.toutDuStatut(p.oi, 'programme'), p.programme);
  const calculeLe = p.maintenant.toISOString();
  const lus = await Promise.all(p.plies.map(async (plie) => {
    const dossiers = programmes.filter((d) => d.plieId === plie.id).sort((a, b) => a.reference.localeCompare(b.reference));
    const [compteurs, operations] = await Promise.all([
      ctx.agregats.compteurs(p.oi, plie.id),
      Promise.all(dossiers.map(async (d) => ({ dossier: d, bilans: await ctx.bilans.bilans(d.id) }))),
    ]);
    if (compteurs.size === 0 && operations.length === 0) return null;
    const instantane: InstantanePlie = instantaneDirect({ annee: p.annee, plie: plie.id, libelle: plie.nom, calculeLe: calculeLe.slice(0, 10), compteurs, operations });
    const parOperation = participantsParOperation(compteurs, p.annee);
    const vues = operations.map((o) => {
      const b = [...o.bilans].filter((x) => x.csf && x.depot).sort((x, y) => y.numero - x.numero)[0];
      return {
        dossierId: o.dossier.id, reference: o.dossier.reference, intitule: o.dossier.contenu.intitule, porteur: o.dossier.organisationNom,
        /** Participants of the operation in parcours during the year. */
        participants: parOperation.get(o.dossier.id) ?? 0,
        bilanControle: b ? { numero: b.numero, statut: b.statut, deposeLe: b.depot!.le } : null, compteeAuTableau3: bilanDeLAnnee(o, p.annee) !== null,
      };
    });
    return {
      instantane,
      operations: vues,
      /** The participants behind Tableau 3's figures: those of the operations it counts. */
      participantsTableau3: vues.filter((o) => o.compteeAuTableau3).reduce((s, o) => s + o.participants, 0),
    };
  }));
  return { calculeLe, plies: lus.filter((x) => x !== null) };
}
