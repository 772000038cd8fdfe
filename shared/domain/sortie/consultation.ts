/**
 * The PLIE's exit rule sets as its OI's staff read them (issue 14: « lisibles et prévisualisables par l’OI »): every
 * version with its rules, labels, categories, criteria and seed sources, and the one in force today; a preview of
 * sample cases qualified by them (and by a draft version), nothing written; and a new version its OI's admin enters
 * (item 5: valid from a date, with the COPIL decision's reference).
 */
import type { Actor } from '../../auth/roles';
import { exiger } from '../../auth/politique';
import type { DemandeApercu, DemandeVersionRegles } from '../../schemas/regles-sorties';
import { Introuvable } from '../errors';
import { dateLocale } from '../dossier/dossier';
import type { ContextePlie } from '../plie/use-cases';
import { qualifierSortie } from './qualification';
import { CATEGORIES_POSITIVES, LIBELLES_CATEGORIE, versionEnVigueur, versionsDuPlie, type ReglesStore, type VersionRegles } from './regles-plie';
import { construireVersion, seuilsDuCritere } from './versions';

export interface ContexteRegles extends ContextePlie {
  regles: ReglesStore;
}

const FUSEAU = 'Europe/Paris';
const introuvable = (id: string) => new Introuvable('PLIE_INTROUVABLE', `Aucun PLIE ne porte l’identifiant ${id}.`);

/** The PLIE, if the caller is an agent of its OI (another OI's agent is told it does not exist). */
async function plieDeMonOi(ctx: ContexteRegles, actor: Actor, id: string) {
  const p = await ctx.store.lire(id);
  if (!p) throw introuvable(id);
  exiger(actor, 'regles.lire', { oi: p.oi }, () => introuvable(id));
  return p;
}

const vueVersion = (v: VersionRegles) => ({
  ...v,
  regles: v.regles.map((r) => ({
    ...r, libelleCategorie: LIBELLES_CATEGORIE[r.categorie], positive: CATEGORIES_POSITIVES.includes(r.categorie),
    /** The thresholds a new version may change, per criterion (its index in `criteres`). */
    seuils: r.criteres.flatMap((c, critere) => seuilsDuCritere(c).map((x) => ({ critere, ...x }))),
  })),
});

export async function lireRegles(ctx: ContexteRegles, actor: Actor, id: string) {
  const p = await plieDeMonOi(ctx, actor, id);
  const versions = await versionsDuPlie(ctx.regles, p.id);
  const aujourdhui = dateLocale(ctx.maintenant, FUSEAU);
  const enVigueur = versionEnVigueur(versions, aujourdhui);
  return {
    plie: { id: p.id, nom: p.nom, oi: p.oi },
    aujourdhui,
    enVigueur: enVigueur?.version ?? null,
    versions: versions.map(vueVersion),
    message: versions.length
      ? `${versions.length} version${versions.length > 1 ? 's' : ''} des règles de sortie ; en vigueur le ${aujourdhui} : ${enVigueur?.version ?? 'aucune (les sorties antérieures à la première version sont « à qualifier »)'}.`
      : `Aucune règle de sortie n’est enregistrée pour le ${p.nom} : ses sorties sont « à qualifier » jusqu’à ce que l’OI en saisisse une.`,
  };
}

/**
 * Each sample case qualified as a sortie of this PLIE would be: by the version in force on its own date, or, with
 * `date`, by the version in force on that day whatever the case's date (to try a version on cases of another period).
 * With `brouillon`, a version not saved yet joins the PLIE's versions (checked as its saving would be).
 */
export async function apercu(ctx: ContexteRegles, actor: Actor, id: string, demande: DemandeApercu) {
  const p = await plieDeMonOi(ctx, actor, id);
  const enregistrees = await versionsDuPlie(ctx.regles, p.id);
  const brouillon = demande.brouillon ? construireVersion(p.id, enregistrees, demande.brouillon) : null;
  const versions = brouillon ? [...enregistrees, brouillon] : enregistrees;
  const imposee = demande.date ? versionEnVigueur(versions, demande.date) : null;
  const regles = demande.date ? (imposee ? [{ ...imposee, valideDu: '0000-01-01' }] : []) : versions;
  return {
    plie: { id: p.id, nom: p.nom, oi: p.oi },
    date: demande.date ?? null,
    brouillon: brouillon ? vueVersion(brouillon) : null,
    version: demande.date ? (imposee?.version ?? null) : null,
    resultats: demande.sorties.map((s, i) => {
      const q = qualifierSortie(s, regles);
      return { cas: i + 1, date: s.date, situation: s.situation, ...q, libelle: LIBELLES_CATEGORIE[q.categorie] };
    }),
  };
}

/**
 * A new version of the PLIE's exit rules, entered by an admin of its OI: stored only if it starts after every existing
 * version (422) and no other starts that day (409); it judges the sorties dated from `valideDu` on.
 */
export async function ajouterVersion(ctx: ContexteRegles, actor: Actor, id: string, demande: DemandeVersionRegles) {
  const p = await plieDeMonOi(ctx, actor, id);
  exiger(actor, 'regles.ecrire', { oi: p.oi }, () => introuvable(id));
  const versions = await versionsDuPlie(ctx.regles, p.id);
  const v = construireVersion(p.id, versions, demande, { le: ctx.maintenant.toISOString(), par: actor.email || actor.userId });
  await ctx.regles.ajouter(v);
  return vueVersion(v);
}
