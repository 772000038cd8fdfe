/**
 * Participants: load → decide (./participant.ts) → persist, every access journaled (RGPD: the legal basis is a legal
 * obligation with a notice, seed 002 l.8058–8059; the records are read by the organisation's members and the OI's
 * agents only, comité members never). Exits are qualified by the PLIE's rule set in force on their date.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import { exiger } from '../../auth/politique';
import type { Dossier } from '../../schemas/dossier';
import { type DemandeParticipant, type DemandeSortie, type Participant } from '../../schemas/participant';
import { Conflit, Introuvable, TropVolumineux } from '../errors';
import { dateLocale } from '../dossier/dossier';
import { enteteAap, tenance, type ContexteDossier } from '../dossier/use-cases';
import * as regles from './participant';
import { ageALEntree } from './questionnaires';
import { versCsv } from './csv';
import { importeurLignes, lireFichier, rapportCsv, type CompteImport } from './import-lignes';
import { qualifierSortie, type DecisionCommission, type Qualification } from '../sortie/qualification';
import { CATEGORIES_POSITIVES, LIBELLES_CATEGORIE, versionsDuPlie, type ReglesStore, type VersionRegles } from '../sortie/regles-plie';

export type ParticipantStocke = Participant & { cle: string; conserverJusquAu: string; decisionCommission?: DecisionCommission | null | undefined };

export interface AccesParticipants {
  id: string;
  dossierId: string;
  le: string;
  utilisateurId: string;
  nom: string;
  action: 'liste' | 'lecture' | 'indicateurs' | 'export' | 'import' | 'creation' | 'modification' | 'sortie' | 'decision_commission' | 'controle_bilan';
  participantId: string | null;
  nombre: number | null;
}

export interface ParticipantStore {
  /** The record and its natural key at once; Conflit `PARTICIPANT_EXISTANT` if the person is already recorded. */
  creer(p: ParticipantStocke): Promise<void>;
  /** Conditioned on `avant.version`; moves the natural key when it changes. */
  remplacer(apres: ParticipantStocke, avant: ParticipantStocke): Promise<void>;
  lire(dossierId: string, id: string): Promise<ParticipantStocke | null>;
  parCle(dossierId: string, cle: string): Promise<ParticipantStocke | null>;
  page(dossierId: string, f: { q?: string | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: ParticipantStocke[]; cursor: string | null }>;
  tous(dossierId: string): Promise<ParticipantStocke[]>;
  journaliserAcces(a: AccesParticipants): Promise<void>;
  acces(dossierId: string): Promise<AccesParticipants[]>;
  /** Records whose retention date is before `jour`. */
  aPurger(jour: string): Promise<Array<{ dossierId: string; id: string; cle: string }>>;
  supprimer(liste: ReadonlyArray<{ dossierId: string; id: string; cle: string }>): Promise<void>;
}

export interface ContexteParticipants extends ContexteDossier {
  participants: ParticipantStore;
  /** The versions of the exit rules the PLIE's OI entered (read once per request, with the seeded ones). */
  regles: ReglesStore;
}

/** An import holds at most this many rows (the 10 000 of the benchmark, with room). */
export const LIGNES_MAX_IMPORT = 20_000;
export const OCTETS_MAX_IMPORT = 7 * 1024 * 1024;

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);
const participantIntrouvable = (id: string) => new Introuvable('PARTICIPANT_INTROUVABLE', `Aucun participant de cette opération ne porte l’identifiant ${id}.`);

export async function chargerOperation(ctx: ContexteParticipants, actor: Actor, dossierId: string, action: 'participant.lire' | 'participant.ecrire') {
  const d = await ctx.dossiers.lire(dossierId);
  if (!d) throw introuvable(dossierId);
  exiger(actor, action, await tenance(ctx, actor, d), () => introuvable(dossierId));
  // The programme (its questionnaire) and the zone: the header's two attributes, not the AAP.
  const aap = await enteteAap(ctx, d.aapId, ['programme', 'depot']);
  if (!aap) throw new Error(`AAP du dossier ${dossierId} introuvable`);
  return { d, aap, questionnaire: regles.QUESTIONNAIRE_DU_PROGRAMME[aap.programme.code], aujourdhui: dateLocale(ctx.maintenant, aap.depot.cloture.fuseau) };
}

const journaliser = (ctx: ContexteParticipants, actor: Actor, d: Dossier, action: AccesParticipants['action'], participantId: string | null = null, nombre: number | null = null) =>
  ctx.participants.journaliserAcces({ id: ctx.nouvelId(), dossierId: d.id, le: ctx.maintenant.toISOString(), utilisateurId: actor.userId, nom: nomDe(actor), action, participantId, nombre });

/**
 * The exit's category under the rule set of the dossier's PLIE in force on its date (a commission decision settles
 * « à décider »); `versions`: the PLIE's, seeded and entered (`versionsDuPlie`).
 */
export function qualification(p: ParticipantStocke, versions: readonly VersionRegles[]): (Qualification & { libelle: string }) | null {
  if (!p.sortie) return null;
  const q = qualifierSortie({ ...p.sortie, dateNaissance: p.identite.dateNaissance }, versions, p.decisionCommission ?? null);
  return { ...q, libelle: LIBELLES_CATEGORIE[q.categorie] };
}

/** The dossier's PLIE rule versions, read once per request (the routes that show a qualification). */
const versionsDe = (ctx: ContexteParticipants, d: Pick<Dossier, 'plieId'>) => versionsDuPlie(ctx.regles, d.plieId);

const vue = (p: ParticipantStocke, versions: readonly VersionRegles[]) => {
  const { cle: _c, ...reste } = p;
  return { ...reste, age: ageALEntree(p.identite.dateNaissance, p.dateEntree), qualification: qualification(p, versions) };
};

export async function lister(ctx: ContexteParticipants, actor: Actor, dossierId: string, f: { q?: string | undefined; limit: number; cursor?: string | undefined }) {
  const { d, questionnaire } = await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  const versions = await versionsDe(ctx, d);
  const page = await ctx.participants.page(dossierId, f);
  await journaliser(ctx, actor, d, 'liste', null, page.items.length);
  return { items: page.items.map((p) => vue(p, versions)), cursor: page.cursor, questionnaire, plie: d.plieId ?? null, statut: d.statut };
}

export async function lire(ctx: ContexteParticipants, actor: Actor, dossierId: string, id: string) {
  const { d } = await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  const versions = await versionsDe(ctx, d);
  const p = await ctx.participants.lire(dossierId, id);
  if (!p) throw participantIntrouvable(id);
  await journaliser(ctx, actor, d, 'lecture', id);
  return vue(p, versions);
}

export async function creer(ctx: ContexteParticipants, actor: Actor, dossierId: string, demande: DemandeParticipant) {
  const { d, aap, questionnaire, aujourdhui } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  const versions = await versionsDe(ctx, d);
  const p = regles.creer(demande, { dossier: d, id: ctx.nouvelId(), questionnaire, programme: aap.programme.code, aujourdhui });
  await ctx.participants.creer(p);
  await journaliser(ctx, actor, d, 'creation', p.id);
  return vue(p, versions);
}

export async function modifier(ctx: ContexteParticipants, actor: Actor, dossierId: string, id: string, demande: DemandeParticipant, versionLue: number) {
  const { d, questionnaire, aujourdhui } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  const versions = await versionsDe(ctx, d);
  const avant = await ctx.participants.lire(dossierId, id);
  if (!avant) throw participantIntrouvable(id);
  const apres = regles.modifier(avant, demande, { versionLue, questionnaire, aujourdhui });
  await ctx.participants.remplacer(apres, avant);
  await journaliser(ctx, actor, d, 'modification', id);
  return vue(apres, versions);
}

export async function sortir(ctx: ContexteParticipants, actor: Actor, dossierId: string, id: string, demande: DemandeSortie, versionLue: number) {
  const { d, aujourdhui } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  const versions = await versionsDe(ctx, d);
  const avant = await ctx.participants.lire(dossierId, id);
  if (!avant) throw participantIntrouvable(id);
  const apres = { ...regles.sortir(avant, demande, { versionLue, aujourdhui }), decisionCommission: null };
  await ctx.participants.remplacer(apres, avant);
  await journaliser(ctx, actor, d, 'sortie', id);
  return vue(apres, versions);
}

/** The PLIE's commission settles an exit the rule set leaves to it (recorded with its date): OI agents record it. */
export async function deciderCommission(ctx: ContexteParticipants, actor: Actor, dossierId: string, id: string, decision: DecisionCommission, versionLue: number) {
  const d = await ctx.dossiers.lire(dossierId);
  if (!d) throw introuvable(dossierId);
  exiger(actor, 'participant.decider', await tenance(ctx, actor, d), () => introuvable(dossierId));
  const avant = await ctx.participants.lire(dossierId, id);
  if (!avant) throw participantIntrouvable(id);
  if (avant.version !== versionLue) throw new Conflit('VERSION_PERIMEE', 'Cette fiche a été modifiée entre-temps : rechargez-la.');
  const versions = await versionsDe(ctx, d);
  const q = qualification(avant, versions);
  if (!q || (q.categorie !== 'a_decider_commission' && q.categorie !== 'a_qualifier')) {
    throw new Conflit('DECISION_SANS_OBJET', 'Cette sortie est qualifiée par la règle du PLIE : la commission n’a pas à en décider.');
  }
  const apres = { ...avant, decisionCommission: decision, version: avant.version + 1 };
  await ctx.participants.remplacer(apres, avant);
  await journaliser(ctx, actor, d, 'decision_commission', id);
  return vue(apres, versions);
}

export interface RapportImport extends CompteImport {
  encodage: 'UTF-8' | 'Windows-1252';
  separateur: ';' | ',';
  lignes: number;
  /** The errors as a CSV (« ligne;erreur »), to download. */
  rapportCsv: string;
}

/**
 * A CSV import in the request, for small files (the job of ./import-tache.ts takes any size): idempotent on the
 * natural key, a new person created, a known one updated if its row changed, counted unchanged otherwise; a row with
 * an error is reported (« ligne 3 : Q5 — réponse obligatoire ») and nothing of it is written.
 */
export async function importer(ctx: ContexteParticipants, actor: Actor, dossierId: string, fichier: { contenuBase64: string }) {
  const { d, aap, questionnaire, aujourdhui } = await chargerOperation(ctx, actor, dossierId, 'participant.ecrire');
  regles.exigerOperationOuverte(d);
  const octets = Buffer.from(fichier.contenuBase64, 'base64');
  if (octets.length > OCTETS_MAX_IMPORT) throw new TropVolumineux(`Fichier trop volumineux : ${OCTETS_MAX_IMPORT / 1024 / 1024} Mo au plus.`);
  const lu = lireFichier(octets, questionnaire, LIGNES_MAX_IMPORT);
  const compte: CompteImport = { crees: 0, modifies: 0, inchanges: 0, erreurs: [] };
  await importeurLignes(ctx, { d, programme: aap.programme.code, questionnaire, aujourdhui })(lu.lignes, compte);
  compte.erreurs.sort((a, b) => a.ligne - b.ligne);
  const rapport: RapportImport = { encodage: lu.encodage, separateur: lu.separateur, lignes: lu.lignes.length, ...compte, rapportCsv: rapportCsv(compte.erreurs) };
  await journaliser(ctx, actor, d, 'import', null, rapport.crees + rapport.modifies);
  return rapport;
}

export async function exporter(ctx: ContexteParticipants, actor: Actor, dossierId: string) {
  const { d, questionnaire } = await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  const versions = await versionsDe(ctx, d);
  const tous = await ctx.participants.tous(dossierId);
  await journaliser(ctx, actor, d, 'export', null, tous.length);
  return { csv: versCsv(tous.map((p) => ({ ...p, qualification: qualification(p, versions) })), questionnaire), nom: `participants-${d.reference}.csv` };
}

const TRANCHES = [
  { code: 'moins_25', libelle: 'moins de 25 ans', max: 24 },
  { code: '25_54', libelle: '25 à 54 ans', max: 54 },
  { code: '55_plus', libelle: '55 ans et plus', max: Infinity },
] as const;

/** Situation at entry from Q1 (seed 002 l.8103–8118): in employment, job seeker, inactive. */
function situationEntree(r: Record<string, unknown>): 'emploi' | 'chomeur' | 'inactif' | 'inconnue' {
  if (['Q1a', 'Q1b', 'Q1c', 'Q1d'].some((c) => r[c] === 'oui')) return 'emploi';
  if (r.Q1f === 'oui') return 'chomeur';
  if (r.Q1e !== undefined || r.Q1f !== undefined) return 'inactif';
  return 'inconnue';
}

/** The operation's realised figures: participants by sex, age band at entry, situation at entry; exits by category. */
export async function indicateurs(ctx: ContexteParticipants, actor: Actor, dossierId: string) {
  const { d } = await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  const versions = await versionsDe(ctx, d);
  const tous = await ctx.participants.tous(dossierId);
  await journaliser(ctx, actor, d, 'indicateurs', null, tous.length);
  return { dossierId: d.id, ...calculerIndicateurs(tous, versions, d) };
}

/**
 * The realised figures computed from the participant records (pure): what the indicators route answers and what a
 * bilan keeps at its dépôt. A planned indicator counting participants (or positive exits) gets its realised value.
 */
export function calculerIndicateurs(tous: readonly ParticipantStocke[], versions: readonly VersionRegles[], d: Pick<Dossier, 'contenu'>) {
  const compter = <K extends string>(cles: readonly K[], de: (p: ParticipantStocke) => K) =>
    Object.fromEntries(cles.map((k) => [k, tous.filter((p) => de(p) === k).length])) as Record<K, number>;
  const sortis = tous.filter((p) => p.sortie);
  const qualifs = sortis.map((p) => ({ p, q: qualification(p, versions)! }));
  const dansLesDelais = qualifs.filter((x) => !x.p.sortie!.horsDelai);
  return {
    participants: tous.length,
    parSexe: compter(['femme', 'homme'] as const, (p) => p.identite.sexe),
    parAge: compter(TRANCHES.map((t) => t.code), (p) => TRANCHES.find((t) => ageALEntree(p.identite.dateNaissance, p.dateEntree) <= t.max)!.code),
    parSituation: compter(['emploi', 'chomeur', 'inactif', 'inconnue'] as const, (p) => situationEntree(p.questionnaire.reponses as Record<string, unknown>)),
    sorties: sortis.length,
    sortiesHorsDelai: sortis.filter((p) => p.sortie!.horsDelai).length,
    /** Exits keyed within four weeks only: the late ones are kept but left out of the immediate results. */
    parCategorie: Object.fromEntries(Object.keys(LIBELLES_CATEGORIE).map((c) => [c, dansLesDelais.filter((x) => x.q.categorie === c).length])),
    sortiesPositives: dansLesDelais.filter((x) => CATEGORIES_POSITIVES.includes(x.q.categorie)).length,
    prevus: d.contenu.indicateurs.map((i) => ({
      libelle: i.libelle, unite: i.unite, valeurPrevue: i.valeurPrevue,
      realise: /participant|personne/i.test(`${i.libelle} ${i.unite ?? ''}`) ? (/sortie/i.test(i.libelle) ? dansLesDelais.filter((x) => CATEGORIES_POSITIVES.includes(x.q.categorie)).length : tous.length) : null,
    })),
  };
}

/** The access journal of the operation's participant data (members of the organisation and OI agents). */
export async function journalAcces(ctx: ContexteParticipants, actor: Actor, dossierId: string) {
  await chargerOperation(ctx, actor, dossierId, 'participant.lire');
  return { items: await ctx.participants.acces(dossierId) };
}

/** The purge: every record whose retention date has passed (31/12/2033 for 2014-2020), with its natural key. */
export async function purger(ctx: Pick<ContexteParticipants, 'participants' | 'maintenant'>) {
  const liste = await ctx.participants.aPurger(dateLocale(ctx.maintenant, 'Europe/Paris'));
  await ctx.participants.supprimer(liste);
  return liste.length;
}

