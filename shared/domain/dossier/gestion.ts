/**
 * The OI's daily work across its dossiers: tableau de bord (work queues, « mes dossiers », deadlines), search, the
 * instructeur of a dossier and « suivre ». Scale: the counters are kept per OI with each transition; a queue or a
 * statut is one index partition per OI and statut, read a page at a time; « mes dossiers » and « suivis » read the
 * OI's assignments (one partition) and then only those dossiers. Only the compléments queue is read whole (its
 * overdue part depends on today's date in each AAP's zone), and the free-text search (and the list with no filter)
 * still reads the OI's dossiers in memory, capped at `MAX_PORTEFEUILLE`: past that, a search engine.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import { exiger, POLITIQUE } from '../../auth/politique';
import type { EnteteAap } from '../../schemas/aap';
import type { Dossier } from '../../schemas/dossier';
import type { Affectation, FiltresRecherche, LigneDossierOi, TableauDeBord } from '../../schemas/gestion';
import { AccesRefuse, Introuvable } from '../errors';
import { bilansADeposer } from '../bilan/echeances';
import { dateLocale } from './dossier';
import { complementsEnRetard, correspond, dansLaFile, motsDe, parDepot, STATUT_DE_LA_FILE } from './tableau-de-bord';
import { FILES } from '../../schemas/gestion';
import { RequeteInvalide } from '../errors';
import { resumer, tenance, type ContexteDossier } from './use-cases';

/** An OI agent on a dossier; `email` (kept since messages reach the instructeur and followers) is absent on older items. */
export interface Personne { userId: string; nom: string; le: string; email?: string | undefined }

/** The port assignments and follows persist through (one partition per OI). */
export interface AffectationStore {
  deLOi(oi: string): Promise<{ instructeurs: Map<string, Personne>; suivis: Array<Personne & { dossierId: string }> }>;
  duDossier(oi: string, dossierId: string): Promise<{ instructeur: Personne | null; suiveurs: Personne[] }>;
  definirInstructeur(oi: string, dossierId: string, instructeur: Personne | null): Promise<void>;
  definirSuivi(oi: string, dossierId: string, personne: Personne, suivre: boolean): Promise<void>;
}

export interface ContexteGestion extends ContexteDossier {
  affectations: AffectationStore;
}

const TERMINAUX: ReadonlySet<Dossier['statut']> = new Set(['irrecevable', 'rejete', 'programme']);
const MAX_LISTE = 50;
const MAX_ECHEANCES = 20;
/** The most dossiers a free-text search reads (the OI's most recent AAPs first); the rest is not searched. */
export const MAX_PORTEFEUILLE = 5_000;

function oiDe(actor: Actor): string {
  exiger(actor, 'dossier.lister_gestion', { oi: actor.oi ?? null }, () => new AccesRefuse(POLITIQUE['dossier.lister_gestion'].refus));
  return actor.oi!;
}

/** Every AAP of the OI (drafts excluded). */
async function aapsDe(ctx: ContexteDossier, oi: string): Promise<EnteteAap[]> {
  const aaps: EnteteAap[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.aaps.lister({ perimetre: { type: 'oi', oi }, maintenant: ctx.maintenant, limit: 100, ...(cursor ? { cursor } : {}) });
    aaps.push(...page.items.filter((a) => a.statut !== 'brouillon'));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return aaps;
}

/** Every AAP of the OI and their deposited dossiers, at most `MAX_PORTEFEUILLE` (for the free-text search only). */
async function portefeuille(ctx: ContexteDossier, oi: string): Promise<{ aaps: EnteteAap[]; dossiers: Dossier[] }> {
  const aaps = await aapsDe(ctx, oi);
  const dossiers: Dossier[] = [];
  for (const a of aaps) {
    let c: string | undefined;
    do {
      const page = await ctx.dossiers.parAap({ oi, aapId: a.id, limit: 500, ...(c ? { cursor: c } : {}) });
      dossiers.push(...page.items);
      c = page.cursor ?? undefined;
    } while (c && dossiers.length < MAX_PORTEFEUILLE);
    if (dossiers.length >= MAX_PORTEFEUILLE) break;
  }
  return { aaps, dossiers: dossiers.slice(0, MAX_PORTEFEUILLE) };
}

/** The deposited dossiers the caller instructs (`mes_dossiers`) or follows (`suivis`), read by id. */
async function dossiersDeLaVue(ctx: ContexteDossier, aff: Awaited<ReturnType<AffectationStore['deLOi']>>, actor: Actor, vue: 'mes_dossiers' | 'suivis') {
  const ids = vue === 'mes_dossiers'
    ? [...aff.instructeurs].filter(([, p]) => p.userId === actor.userId).map(([id]) => id)
    : aff.suivis.filter((s) => s.userId === actor.userId).map((s) => s.dossierId);
  return (await ctx.dossiers.parIds(ids)).filter((d) => d.depot);
}

/** Today's local date in the zone of each dossier's AAP (compléments are due on a local date). */
function horloge(ctx: ContexteDossier, aaps: readonly EnteteAap[]): (d: Dossier) => string {
  const fuseaux = new Map(aaps.map((a) => [a.id, a.depot.cloture.fuseau]));
  const jours = new Map<string, string>();
  return (d) => {
    const f = fuseaux.get(d.aapId) ?? 'Europe/Paris';
    if (!jours.has(f)) jours.set(f, dateLocale(ctx.maintenant, f));
    return jours.get(f)!;
  };
}

async function lignes(ctx: ContexteDossier, dossiers: Dossier[], aff: Awaited<ReturnType<AffectationStore['deLOi']>>, actor: Actor): Promise<LigneDossierOi[]> {
  const suivis = new Set(aff.suivis.filter((s) => s.userId === actor.userId).map((s) => s.dossierId));
  const resumes = await resumer(ctx, dossiers);
  return resumes.map((r, i) => {
    const inst = aff.instructeurs.get(r.id);
    const d = dossiers[i]!;
    return {
      ...r,
      instructeur: inst ? { userId: inst.userId, nom: inst.nom } : null,
      suivi: suivis.has(r.id),
      dateLimiteComplements: d.statut === 'complement_demande' ? (d.complements?.dateLimite ?? null) : null,
    };
  });
}

/** load (counters, compléments queue, assignments) → count: the tableau de bord of the caller's OI. */
export async function tableauDeBord(ctx: ContexteGestion, actor: Actor): Promise<TableauDeBord> {
  const oi = oiDe(actor);
  const [aaps, nombres, complements, aff, programmes] = await Promise.all([
    aapsDe(ctx, oi), ctx.dossiers.compteurs(oi), ctx.dossiers.toutDuStatut(oi, 'complement_demande'), ctx.affectations.deLOi(oi),
    ctx.dossiers.toutDuStatut(oi, 'programme'),
  ]);
  const jour = horloge(ctx, aaps);
  const compteurs = Object.fromEntries(
    FILES.map((f) => [f, f === 'complements_en_retard' ? complements.filter((d) => complementsEnRetard(d, jour(d))).length : (nombres[STATUT_DE_LA_FILE[f]] ?? 0)]),
  ) as TableauDeBord['compteurs'];
  const [mes, suivis] = await Promise.all([
    dossiersDeLaVue(ctx, aff, actor, 'mes_dossiers').then((ds) => ds.filter((d) => !TERMINAUX.has(d.statut)).sort(parDepot).slice(0, MAX_LISTE)),
    dossiersDeLaVue(ctx, aff, actor, 'suivis').then((ds) => ds.sort(parDepot).slice(0, MAX_LISTE)),
  ]);
  const maintenant = ctx.maintenant.toISOString();
  const echeances: TableauDeBord['echeances'] = [
    ...aaps
      .filter((a) => a.clotureLe > maintenant)
      .map((a) => ({ type: 'cloture_aap' as const, le: a.clotureLe, enRetard: false, libelle: `Clôture des dépôts — ${a.titre}`, aapId: a.id, dossierId: null, reference: a.reference })),
    ...complements
      .filter((d) => d.complements)
      .map((d) => ({
        type: 'complements' as const, le: d.complements!.dateLimite, enRetard: complementsEnRetard(d, jour(d)),
        libelle: `Compléments attendus — ${d.organisationNom}`, aapId: d.aapId, dossierId: d.id, reference: d.reference,
      })),
  ]
    .sort((a, b) => Number(b.enRetard) - Number(a.enRetard) || a.le.localeCompare(b.le))
    .slice(0, MAX_ECHEANCES);
  return {
    oi,
    compteurs,
    total: Object.values(nombres).reduce<number>((s, n) => s + (n ?? 0), 0),
    mesDossiers: await lignes(ctx, mes, aff, actor),
    suivis: await lignes(ctx, suivis, aff, actor),
    echeances,
    conventions: conventionsEnAttente(programmes),
    bilans: bilansEnCours(programmes, dateLocale(ctx.maintenant, 'Europe/Paris')),
  };
}

const ETAPE_DU_STATUT: Partial<Record<NonNullable<Dossier['suivi']['bilans']>['bilans'][number]['statut'], TableauDeBord['bilans'][number]['etape']>> = {
  depose: 'a_controler', en_csf: 'en_csf', csf_contradictoire: 'contradictoire',
};

/**
 * The bilans to deposit, those under way and the payments to move on, from the summaries each programmed dossier
 * keeps (`suivi.convention.echeances`, `suivi.bilans`): no other read. A bilan to deposit shows once overdue, or when
 * it is the dossier's next one due; it is late the day after its due date. A bilan under control is late once its
 * payment deadline (receipt + 80 or 90 days) is past while its CSF is not final; a payment step carries the deadline
 * of the dossier's last deposited bilan.
 */
export function bilansEnCours(programmes: readonly Dossier[], aujourdhui: string): TableauDeBord['bilans'] {
  const echeance = (l: TableauDeBord['bilans'][number]) => l.deposerAvant ?? l.payerAvant ?? '9999';
  return programmes
    .flatMap((d): TableauDeBord['bilans'] => {
      const base = { dossierId: d.id, reference: d.reference, organisationNom: d.organisationNom, intitule: d.contenu.intitule };
      const aDeposer = bilansADeposer(d);
      const prochain = aDeposer.find((e) => e.echeance >= aujourdhui);
      const depots = aDeposer
        .filter((e) => e.echeance < aujourdhui || e === prochain)
        .map((e) => ({
          ...base, etape: 'a_deposer' as const, numero: e.numero, nature: e.nature, nombre: null,
          deposerAvant: e.echeance, payerAvant: null, enRetard: e.echeance < aujourdhui,
        }));
      const s = d.suivi.bilans;
      if (!s) return depots;
      const enCours = s.bilans.filter((b) => ETAPE_DU_STATUT[b.statut]);
      const delais = s.bilans.filter((b) => b.payerAvant && b.statut !== 'brouillon').map((b) => b.payerAvant!).sort();
      const bilans = enCours.map((b) => ({
        ...base, etape: b.statut === 'csf_contradictoire' && b.reponseLe ? 'reponse_recue' as const : ETAPE_DU_STATUT[b.statut]!,
        numero: b.numero, nature: b.nature, nombre: null, deposerAvant: null, payerAvant: b.payerAvant, enRetard: !!b.payerAvant && b.payerAvant < aujourdhui,
      }));
      const paiements = ([['paiement_a_valider', s.paiements.aValider], ['paiement_a_mettre_en_paiement', s.paiements.aMettreEnPaiement], ['paiement_a_constater', s.paiements.aConstater]] as const)
        .filter(([, n]) => n > 0)
        .map(([etape, n]) => ({
          ...base, etape, numero: null, nature: null, nombre: n, deposerAvant: null, payerAvant: delais.at(-1) ?? null, enRetard: !!delais.at(-1) && delais.at(-1)! < aujourdhui,
        }));
      return [...depots, ...bilans, ...paiements];
    })
    .sort((a, b) => Number(b.enRetard) - Number(a.enRetard) || echeance(a).localeCompare(echeance(b)) || a.reference.localeCompare(b.reference))
    .slice(0, MAX_LISTE);
}

/** The programmed dossiers whose convention is not (or not only) in force: one partition, the OI's programmed ones. */
export function conventionsEnAttente(programmes: readonly Dossier[]): TableauDeBord['conventions'] {
  return programmes
    .flatMap((d): TableauDeBord['conventions'] => {
      const c = d.suivi.convention;
      if (c?.etat === 'en_vigueur') return [];
      return [{
        dossierId: d.id, reference: d.reference, organisationNom: d.organisationNom, intitule: d.contenu.intitule,
        etat: c ? c.etat : 'a_preparer', numero: c?.numeroEnCours ?? null, modifieLe: d.modifieLe,
      }];
    })
    .sort((a, b) => a.modifieLe.localeCompare(b.modifieLe) || a.dossierId.localeCompare(b.dossierId))
    .slice(0, MAX_LISTE);
}

const curseurInvalide = () => new RequeteInvalide('CURSEUR_INVALIDE', 'Le curseur de pagination est invalide ou périmé.');

/**
 * load → filter → page: the OI's deposited dossiers by queue, statut, AAP, « mes dossiers » and words. A queue or a
 * statut without words nor vue is one page of its index partition (its cursor a key); otherwise the candidates (the
 * vue's dossiers, the statut's partition, or the capped portfolio) are filtered in memory (its cursor a position).
 */
export async function rechercher(ctx: ContexteGestion, actor: Actor, f: FiltresRecherche) {
  const oi = oiDe(actor);
  const statutFile = f.file && f.file !== 'complements_en_retard' ? STATUT_DE_LA_FILE[f.file] : f.file ? 'complement_demande' : undefined;
  const statut = f.statut ?? statutFile;
  const mots = motsDe(f.q);
  if (statutFile && f.statut && statutFile !== f.statut) return { items: [], total: 0, cursor: null };
  // The OI's assignments are read beside the page (both keyed by the caller's OI alone).
  const affectations = ctx.affectations.deLOi(oi);
  affectations.catch(() => undefined);
  if (statut && !f.vue && mots.length === 0 && f.file !== 'complements_en_retard') {
    const [page, total] = await Promise.all([
      ctx.dossiers.parStatut({ oi, statut, aapId: f.aapId, limit: f.limit, cursor: f.cursor }),
      f.aapId ? null : ctx.dossiers.compteurs(oi).then((c) => c[statut] ?? 0),
    ]);
    return { items: await lignes(ctx, page.items, await affectations, actor), total, cursor: page.cursor };
  }
  const aff = await affectations;
  if (f.cursor && !/^\d{1,6}$/.test(f.cursor)) throw curseurInvalide();
  const [aaps, candidats] = await Promise.all([
    aapsDe(ctx, oi),
    f.vue ? dossiersDeLaVue(ctx, aff, actor, f.vue) : statut ? ctx.dossiers.toutDuStatut(oi, statut) : portefeuille(ctx, oi).then((p) => p.dossiers),
  ]);
  const jour = horloge(ctx, aaps);
  const retenus = candidats
    .filter((d) => (!f.aapId || d.aapId === f.aapId) && (!statut || d.statut === statut))
    .filter((d) => !f.file || dansLaFile(d, f.file, jour(d)))
    .filter((d) => correspond(d, mots))
    .sort(parDepot);
  const debut = f.cursor ? Number(f.cursor) : 0;
  const page = retenus.slice(debut, debut + f.limit);
  const suite = debut + f.limit < retenus.length ? String(debut + f.limit) : null;
  return { items: await lignes(ctx, page, aff, actor), total: retenus.length, cursor: suite };
}

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);

async function chargerPour(ctx: ContexteGestion, actor: Actor, id: string, action: 'dossier.affecter' | 'dossier.suivre'): Promise<Dossier> {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  exiger(actor, action, await tenance(ctx, actor, d), () => introuvable(id));
  return d;
}

async function affectation(ctx: ContexteGestion, actor: Actor, d: Dossier): Promise<Affectation> {
  const a = await ctx.affectations.duDossier(d.oi, d.id);
  return { dossierId: d.id, instructeur: a.instructeur, suiveurs: a.suiveurs, suivi: a.suiveurs.some((s) => s.userId === actor.userId) };
}

/** Who instructs the dossier and who follows it (OI staff). */
export async function lireAffectation(ctx: ContexteGestion, actor: Actor, id: string): Promise<Affectation> {
  return affectation(ctx, actor, await chargerPour(ctx, actor, id, 'dossier.suivre'));
}

/** load → decide → persist: the caller takes the dossier as its instructeur, or leaves it without one. */
export async function definirInstructeur(ctx: ContexteGestion, actor: Actor, id: string, demande: { instructeur: 'moi' | null }): Promise<Affectation> {
  const d = await chargerPour(ctx, actor, id, 'dossier.affecter');
  const personne = demande.instructeur === 'moi' ? { userId: actor.userId, nom: nomDe(actor), email: actor.email, le: ctx.maintenant.toISOString() } : null;
  await ctx.affectations.definirInstructeur(d.oi, d.id, personne);
  return affectation(ctx, actor, d);
}

/** load → persist: the caller follows the dossier (it shows on their tableau de bord), or stops following it. */
export async function suivre(ctx: ContexteGestion, actor: Actor, id: string, demande: { suivre: boolean }): Promise<Affectation> {
  const d = await chargerPour(ctx, actor, id, 'dossier.suivre');
  await ctx.affectations.definirSuivi(d.oi, d.id, { userId: actor.userId, nom: nomDe(actor), email: actor.email, le: ctx.maintenant.toISOString() }, demande.suivre);
  return affectation(ctx, actor, d);
}
