/**
 * The OI's daily work across its dossiers: tableau de bord (work queues, « mes dossiers », deadlines), search, the
 * instructeur of a dossier and « suivre ». Scale: an OI handles a few hundred dossiers a campaign, so each request
 * reads the OI's AAPs (gsi2, one partition per OI) and their deposited dossiers (gsi2, one partition per AAP), and
 * filters in memory; assignments and follows live in one partition per OI. Past a few thousand dossiers per OI, the
 * queues would need their own index (statut per OI) and the search a search engine.
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import { exiger, POLITIQUE } from '../../auth/politique';
import type { EnteteAap } from '../../schemas/aap';
import type { Dossier } from '../../schemas/dossier';
import type { Affectation, FiltresRecherche, LigneDossierOi, TableauDeBord } from '../../schemas/gestion';
import { AccesRefuse, Introuvable } from '../errors';
import { dateLocale } from './dossier';
import { complementsEnRetard, compter, correspond, dansLaFile, motsDe, parDepot } from './tableau-de-bord';
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

function oiDe(actor: Actor): string {
  exiger(actor, 'dossier.lister_gestion', { oi: actor.oi ?? null }, () => new AccesRefuse(POLITIQUE['dossier.lister_gestion'].refus));
  return actor.oi!;
}

/** Every AAP of the OI (drafts excluded) and every deposited dossier on them. */
async function portefeuille(ctx: ContexteDossier, oi: string): Promise<{ aaps: EnteteAap[]; dossiers: Dossier[] }> {
  const aaps: EnteteAap[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.aaps.lister({ perimetre: { type: 'oi', oi }, maintenant: ctx.maintenant, limit: 100, ...(cursor ? { cursor } : {}) });
    aaps.push(...page.items.filter((a) => a.statut !== 'brouillon'));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const listes = await Promise.all(
    aaps.map(async (a) => {
      const out: Dossier[] = [];
      let c: string | undefined;
      do {
        const page = await ctx.dossiers.parAap({ aapId: a.id, limit: 500, ...(c ? { cursor: c } : {}) });
        out.push(...page.items);
        c = page.cursor ?? undefined;
      } while (c);
      return out;
    }),
  );
  return { aaps, dossiers: listes.flat() };
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

/** load (portfolio, assignments) → count: the tableau de bord of the caller's OI. */
export async function tableauDeBord(ctx: ContexteGestion, actor: Actor): Promise<TableauDeBord> {
  const oi = oiDe(actor);
  const [{ aaps, dossiers }, aff] = await Promise.all([portefeuille(ctx, oi), ctx.affectations.deLOi(oi)]);
  const jour = horloge(ctx, aaps);
  const compteurs = compter(dossiers, jour);
  const suivisParMoi = new Set(aff.suivis.filter((s) => s.userId === actor.userId).map((s) => s.dossierId));
  const actifs = dossiers.filter((d) => !TERMINAUX.has(d.statut)).sort(parDepot);
  const mes = actifs.filter((d) => aff.instructeurs.get(d.id)?.userId === actor.userId).slice(0, MAX_LISTE);
  const suivis = dossiers.filter((d) => suivisParMoi.has(d.id)).sort(parDepot).slice(0, MAX_LISTE);
  const maintenant = ctx.maintenant.toISOString();
  const echeances: TableauDeBord['echeances'] = [
    ...aaps
      .filter((a) => a.clotureLe > maintenant)
      .map((a) => ({ type: 'cloture_aap' as const, le: a.clotureLe, enRetard: false, libelle: `Clôture des dépôts — ${a.titre}`, aapId: a.id, dossierId: null, reference: a.reference })),
    ...dossiers
      .filter((d) => d.statut === 'complement_demande' && d.complements)
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
    total: dossiers.length,
    mesDossiers: await lignes(ctx, mes, aff, actor),
    suivis: await lignes(ctx, suivis, aff, actor),
    echeances,
  };
}

/** load → filter → page: the OI's deposited dossiers by queue, statut, AAP, « mes dossiers » and words. */
export async function rechercher(ctx: ContexteGestion, actor: Actor, f: FiltresRecherche) {
  const oi = oiDe(actor);
  const [{ aaps, dossiers }, aff] = await Promise.all([portefeuille(ctx, oi), ctx.affectations.deLOi(oi)]);
  const jour = horloge(ctx, aaps);
  const mots = motsDe(f.q);
  const suivisParMoi = new Set(aff.suivis.filter((s) => s.userId === actor.userId).map((s) => s.dossierId));
  const retenus = dossiers
    .filter((d) => (!f.aapId || d.aapId === f.aapId) && (!f.statut || d.statut === f.statut))
    .filter((d) => !f.file || dansLaFile(d, f.file, jour(d)))
    .filter((d) => f.vue !== 'mes_dossiers' || aff.instructeurs.get(d.id)?.userId === actor.userId)
    .filter((d) => f.vue !== 'suivis' || suivisParMoi.has(d.id))
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
