import { nomDe } from '../../auth/personne';
import type { Actor } from '../../auth/roles';
import { exiger } from '../../auth/politique';
import type { Aap, ContenuAap, EnteteAap, FicheOperation, ImportAap, Rectificatif, ReferencePlie, ResumeAap, StatutAap } from '../../schemas/aap';
import type { CodeProgramme } from '../programmes';
import { AccesRefuse, Conflit, Introuvable, RegleMetier } from '../errors';
import { instantCloture, instantOuverture } from '../temps';
import { difference } from './diff';

/** Lower-case, accents and typographic quotes folded: what the catalogue's text search compares. */
export const normaliser = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase();

/** An AAP reads as `clos` from the instant after its closing minute. */
export function statutEffectif(aap: Pick<Aap, 'statut' | 'clotureLe'>, maintenant: Date): StatutAap {
  if (aap.statut === 'brouillon') return 'brouillon';
  return maintenant.getTime() > Date.parse(aap.clotureLe) ? 'clos' : 'publie';
}

export const avecStatutEffectif = (aap: Aap, maintenant: Date): Aap => ({
  ...aap,
  statut: statutEffectif(aap, maintenant),
});

export function resume(aap: EnteteAap, maintenant: Date): ResumeAap {
  return {
    id: aap.id,
    reference: aap.reference,
    titre: aap.titre,
    statut: statutEffectif(aap, maintenant),
    organismeIntermediaire: aap.organismeIntermediaire,
    programme: { code: aap.programme.code, libelle: aap.programme.libelle },
    plies: aap.plies,
    referencesPlies: aap.referencesPlies,
    objectifsSpecifiques: aap.programme.objectifsSpecifiques.map((o) => o.code),
    clotureLe: aap.clotureLe,
    cloture: aap.depot.cloture,
    nombreFiches: aap.nombreFiches,
    version: aap.version,
    nombreRectificatifs: aap.nombreRectificatifs,
    publieLe: aap.publieLe,
  };
}

const ACTIONS_AAP = { lire_brouillon: 'aap.lire_gestion', ecrire: 'aap.ecrire', publier: 'aap.publier', rectifier: 'aap.rectifier' } as const;
export type ActionAap = keyof typeof ACTIONS_AAP;

/**
 * The policy on an AAP of `oiSigle`. An existing AAP of another OI is a 404 (we do not say it exists); content
 * written for another OI's name is a 403.
 */
export function exigerDroit(actor: Actor, action: ActionAap, oiSigle: string, existant = true): void {
  exiger(actor, ACTIONS_AAP[action], { oi: oiSigle }, () =>
    existant
      ? new Introuvable('AAP_INTROUVABLE', 'Aucun appel à projets de votre OI ne porte cet identifiant.')
      : new AccesRefuse(`Vous n’agissez pas pour l’OI ${oiSigle}.`),
  );
}

/**
 * The exchange format's free-text opening ("à la diffusion de l'appel à projets") becomes "at publication"; the
 * source's own history (publication date, null when it gives none) is kept apart from the content.
 */
export function depuisImport(entree: ImportAap): { contenu: ContenuAap; historique: { publieLe: string | null } | undefined } {
  const { historique, ...reste } = entree;
  const o = reste.depot.ouverture;
  const contenu: ContenuAap =
    typeof o !== 'string'
      ? { ...reste, depot: { ...reste.depot, ouverture: o } }
      : { ...reste, depot: { ...reste.depot, ouverture: null, modalitesOuverture: o } };
  return { contenu, historique: historique ?? undefined };
}

/** What the domain checked of a content before it is stored (`validerContenu`). */
export interface ContenuVerifie {
  contenu: ContenuAap;
  code: CodeProgramme;
  references: ReferencePlie[];
}

const stocke = (v: ContenuVerifie) => ({
  ...v.contenu,
  programme: { ...v.contenu.programme, code: v.code },
  referencesPlies: v.references,
});

/** What porteurs and the public read: the AAP and its fiches without the OI's internal notes. */
export function versionPublique(aap: Aap): Aap {
  return { ...aap, notesInternes: [], fiches: aap.fiches.map(fichePublique) };
}
export const fichePublique = (f: FicheOperation): FicheOperation => ({ ...f, notesInternes: [] });

/** The name of a PLIE the AAP names by id (the id itself if the AAP predates the PLIE registry). */
export const nomPlie = (aap: Pick<Aap, 'referencesPlies'>, id: string): string =>
  aap.referencesPlies.find((p) => p.id === id)?.nom ?? id;

/** « version 1 » is the first publication; each rectificatif adds one. */
export const numeroVersion = (aap: Pick<Aap, 'nombreRectificatifs'>): number => aap.nombreRectificatifs + 1;

/** A new draft. */
export function nouveauBrouillon(
  verifie: ContenuVerifie,
  ctx: { actor: Actor; id: string; maintenant: Date; historique?: { publieLe: string | null } | undefined },
): Aap {
  const contenu = verifie.contenu;
  exigerDroit(ctx.actor, 'ecrire', contenu.organismeIntermediaire.sigle, false);
  const iso = ctx.maintenant.toISOString();
  return {
    ...stocke(verifie),
    ...(ctx.historique ? { historique: ctx.historique } : {}),
    id: ctx.id,
    statut: 'brouillon',
    version: 1,
    creeLe: iso,
    modifieLe: iso,
    publieLe: null,
    ouvertureLe: null,
    clotureLe: instantCloture(contenu.depot.cloture).toISOString(),
    nombreRectificatifs: 0,
  };
}

function exigerVersion(aap: Aap, versionLue: number): void {
  if (aap.version !== versionLue) {
    throw new Conflit(
      'VERSION_PERIMEE',
      `Cet appel à projets a été modifié entre-temps (version ${aap.version}, vous avez lu la version ${versionLue}). Rechargez-le avant de modifier.`,
    );
  }
}

/** Editing in place is for drafts only; a published AAP changes through a rectificatif. */
export function modifierBrouillon(
  aap: Aap,
  verifie: ContenuVerifie,
  ctx: { actor: Actor; versionLue: number; maintenant: Date },
): Aap {
  const contenu = verifie.contenu;
  exigerDroit(ctx.actor, 'ecrire', aap.organismeIntermediaire.sigle);
  exigerDroit(ctx.actor, 'ecrire', contenu.organismeIntermediaire.sigle, false);
  if (aap.statut !== 'brouillon') {
    throw new Conflit(
      'AAP_PUBLIE',
      'Cet appel à projets est publié : il ne se modifie plus que par un rectificatif, dont l’historique est public.',
    );
  }
  exigerVersion(aap, ctx.versionLue);
  return {
    ...aap,
    ...stocke(verifie),
    version: aap.version + 1,
    modifieLe: ctx.maintenant.toISOString(),
    clotureLe: instantCloture(contenu.depot.cloture).toISOString(),
  };
}

/** brouillon → publie. A closing already past is refused unless the OI is recording an archive. */
export function publier(aap: Aap, ctx: { actor: Actor; maintenant: Date; archive: boolean }): Aap {
  exigerDroit(ctx.actor, 'publier', aap.organismeIntermediaire.sigle);
  if (aap.statut !== 'brouillon') {
    throw new Conflit('AAP_DEJA_PUBLIE', 'Cet appel à projets est déjà publié.');
  }
  if (aap.fiches.length === 0) {
    throw new RegleMetier('AAP_SANS_FICHE', 'Un appel à projets doit compter au moins une fiche opération pour être publié.');
  }
  const cloture = Date.parse(aap.clotureLe);
  if (cloture <= ctx.maintenant.getTime() && !ctx.archive) {
    throw new RegleMetier(
      'CLOTURE_PASSEE',
      'La date de clôture du dépôt est déjà passée : corrigez-la, ou publiez-le comme archive.',
    );
  }
  const iso = ctx.maintenant.toISOString();
  // An archive (its closing already past) keeps the source's dates: never « publié le » today for an AAP closed
  // years ago. An AAP still open is published today, whatever the source says.
  const archive = ctx.archive && cloture <= ctx.maintenant.getTime() && aap.historique;
  const publieLe = archive ? dateSource(archive.publieLe, aap) : iso;
  const ouverture = aap.depot.ouverture ? instantOuverture(aap.depot.ouverture).toISOString() : publieLe;
  return { ...aap, statut: 'publie', version: aap.version + 1, publieLe, ouvertureLe: ouverture, modifieLe: iso };
}

const dateSource = (jour: string | null, aap: Aap): string | null =>
  jour ? instantOuverture({ date: jour, heure: '00:00', fuseau: aap.depot.cloture.fuseau }).toISOString() : null;

/** What a rectificatif shows the public: the content without the OI's internal notes. */
const sansNotes = (c: ContenuAap) => ({ ...c, notesInternes: [], fiches: c.fiches.map(fichePublique) });

const contenuDe = (aap: Aap): ContenuAap => {
  const {
    id, statut, version, creeLe, modifieLe, publieLe, ouvertureLe, clotureLe, nombreRectificatifs, referencesPlies, historique,
    ...contenu
  } = aap;
  return contenu;
};

/**
 * A rectificatif makes a new public version of a published AAP and records what changed. The référence and the
 * OI stay: they are how people and the dossiers refer to it. The OI's internal notes are no part of the public
 * diff: a change of notes alone is saved without a rectificatif (`rectificatif: null`).
 */
export function rectifier(
  aap: Aap,
  verifie: ContenuVerifie,
  ctx: { actor: Actor; versionLue: number; maintenant: Date; motif: string },
): { aap: Aap; rectificatif: Rectificatif | null } {
  const contenu = verifie.contenu;
  exigerDroit(ctx.actor, 'rectifier', aap.organismeIntermediaire.sigle);
  if (aap.statut === 'brouillon') {
    throw new Conflit('AAP_NON_PUBLIE', 'Cet appel à projets est un brouillon : modifiez-le directement.');
  }
  exigerVersion(aap, ctx.versionLue);
  if (contenu.reference !== aap.reference || contenu.organismeIntermediaire.sigle !== aap.organismeIntermediaire.sigle) {
    throw new RegleMetier(
      'REFERENCE_IMMUABLE',
      'La référence et l’OI d’un appel à projets publié ne changent pas par rectificatif.',
    );
  }
  const avant = contenuDe(aap);
  const modifications = difference(sansNotes(avant), sansNotes(contenu));
  const iso = ctx.maintenant.toISOString();
  if (modifications.length === 0) {
    if (difference(avant, contenu).length === 0) {
      throw new RegleMetier('RECTIFICATIF_VIDE', 'Ce rectificatif ne modifie rien à l’appel à projets publié.');
    }
    return { aap: { ...aap, ...stocke(verifie), version: aap.version + 1, modifieLe: iso }, rectificatif: null };
  }
  const nouveau: Aap = {
    ...aap,
    ...stocke(verifie),
    version: aap.version + 1,
    modifieLe: iso,
    clotureLe: instantCloture(contenu.depot.cloture).toISOString(),
    nombreRectificatifs: aap.nombreRectificatifs + 1,
  };
  return {
    aap: nouveau,
    rectificatif: {
      version: nouveau.version,
      numero: nouveau.nombreRectificatifs,
      date: iso,
      motif: ctx.motif,
      auteur: ctx.actor.userId,
      auteurNom: nomDe(ctx.actor),
      modifications,
    },
  };
}
