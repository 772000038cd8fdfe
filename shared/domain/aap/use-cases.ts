import type { Actor } from '../../auth/roles';
import type {
  Aap,
  ContenuAap,
  EnteteAap,
  FicheOperation,
  FiltresAap,
  ImportAap,
  Rectificatif,
  ResumeAap,
} from '../../schemas/aap';
import type { EntetePlie, Plie } from '../../schemas/plie';
import { Conflit, Introuvable, RequeteInvalide } from '../errors';
import * as regles from './aap';
import { validerContenu } from './validation';

/** Which AAPs a listing reads: the public catalogue, or one OI's whole portfolio (drafts included). */
export type PerimetreListe = { type: 'publics' } | { type: 'oi'; oi: string };

export interface RequeteListe {
  perimetre: PerimetreListe;
  statut?: 'brouillon' | 'publie' | 'clos';
  maintenant: Date;
  plie?: string;
  objectifSpecifique?: string;
  texte?: string;
  cursor?: string;
  limit: number;
}

/** The port the AAP use cases persist through (implemented on DynamoDB in shared/repositories). */
/** An attribute of the AAP's header (its META item): what a request that needs less than the whole AAP names. */
export type ChampEntete = Exclude<keyof Aap, 'fiches'>;

/** What a request reads of some AAPs: attributes `champs` of headers `entetes`, and whole fiches. */
export interface DemandeReferentiel<K extends ChampEntete> {
  entetes: readonly string[];
  fiches: ReadonlyArray<{ aapId: string; code: string }>;
  champs: readonly K[];
}

/** The headers (by AAP id) and fiches (by `<aapId>#<code>`) found; absent ones are missing from the maps. */
export interface Referentiel<K extends ChampEntete> {
  entetes: Map<string, Pick<Aap, K>>;
  fiches: Map<string, FicheOperation>;
}

export const cleFicheAap = (aapId: string, code: string) => `${aapId}#${code}`;

export interface AapStore {
  /** The whole AAP with every fiche: only for a request that returns or renders it. */
  lire(id: string): Promise<Aap | null>;
  /**
   * Only what a request needs: the header's attributes `champs` (projected) and the fiches named, each item read
   * once (one GetItem, or a BatchGetItem per 100 keys), each parsed once.
   */
  referentiel<K extends ChampEntete>(demande: DemandeReferentiel<K>): Promise<Referentiel<K>>;
  idParReference(reference: string): Promise<string | null>;
  /** Fails with Conflit `REFERENCE_DEJA_UTILISEE` when the référence is taken. */
  creer(aap: Aap): Promise<void>;
  /** Writes `apres` if the stored version is still `avant.version`, else Conflit `VERSION_PERIMEE`. */
  remplacer(apres: Aap, avant: Aap, rectificatif?: Rectificatif): Promise<void>;
  lister(requete: RequeteListe): Promise<{ items: EnteteAap[]; cursor: string | null }>;
  rectificatifs(id: string): Promise<Rectificatif[]>;
}

/** The OI's PLIE, as AAP writes check them (implemented in shared/repositories/plie-repository). */
export interface PliesDeLOi {
  /** Whole, to render the AAP's document. */
  listerPourOi(oi: string): Promise<Plie[]>;
  /** Without their texts: what the checks and the document's identity read. */
  lister(oi: string): Promise<EntetePlie[]>;
}

export interface Contexte {
  store: AapStore;
  plies: PliesDeLOi;
  maintenant: Date;
}

/** The content checked against the programme table and the OI's PLIE (422 listing every broken rule). */
async function verifier(ctx: Contexte, contenu: ContenuAap): Promise<regles.ContenuVerifie> {
  const plies = await ctx.plies.lister(contenu.organismeIntermediaire.sigle);
  return { contenu, ...validerContenu(contenu, plies) };
}

const introuvable = (id: string) =>
  new Introuvable('AAP_INTROUVABLE', `Aucun appel à projets publié ne porte l’identifiant ${id}.`);

/** Public catalogue: published AAPs only (open and closed). */
export async function listerPublics(ctx: Contexte, f: FiltresAap): Promise<{ items: ResumeAap[]; cursor: string | null }> {
  if (f.statut === 'brouillon') {
    throw new RequeteInvalide('STATUT_NON_PUBLIC', 'Les brouillons ne sont pas publics : filtrez sur « publie » ou « clos ».');
  }
  return lister(ctx, { type: 'publics' }, f);
}

/** An OI's portfolio, drafts included. */
export async function listerPourOi(ctx: Contexte, actor: Actor, f: FiltresAap) {
  regles.exigerDroit(actor, 'lire_brouillon', actor.oi ?? '', false);
  return lister(ctx, { type: 'oi', oi: actor.oi ?? '' }, f);
}

async function lister(ctx: Contexte, perimetre: PerimetreListe, f: FiltresAap) {
  const page = await ctx.store.lister({
    perimetre,
    maintenant: ctx.maintenant,
    limit: f.limit,
    ...(f.statut ? { statut: f.statut } : {}),
    ...(f.plie ? { plie: f.plie } : {}),
    ...(f.objectifSpecifique ? { objectifSpecifique: f.objectifSpecifique } : {}),
    ...(f.q?.trim() ? { texte: regles.normaliser(f.q.trim()) } : {}),
    ...(f.cursor ? { cursor: f.cursor } : {}),
  });
  return { items: page.items.map((a) => regles.resume(a, ctx.maintenant)), cursor: page.cursor };
}

/**
 * Published AAPs this process has read whole, by id, in their public version (bounded, least recently read first out,
 * frozen: never changed in place). A published AAP changes only by a rectificatif, which writes a new version of its
 * header (the repository's write is conditioned on the version read) in the same transaction as its fiches; so a
 * later read checks the header's version alone (one GetItem, projected) and, when it is the same, answers from memory
 * instead of reading and parsing every fiche again.
 */
const AAPS_PUBLICS = new Map<string, Aap>();
const AAPS_PUBLICS_MAX = 32;

/** A published AAP, as anyone reads it (no internal note). Drafts do not exist for the public. */
export async function lirePublic(ctx: Pick<Contexte, 'store' | 'maintenant'>, id: string): Promise<Aap> {
  const connu = AAPS_PUBLICS.get(id);
  if (connu) {
    const entete = (await ctx.store.referentiel({ entetes: [id], fiches: [], champs: ['version'] })).entetes.get(id);
    AAPS_PUBLICS.delete(id);
    if (entete?.version === connu.version) {
      AAPS_PUBLICS.set(id, connu);
      return regles.avecStatutEffectif(connu, ctx.maintenant);
    }
  }
  const aap = await ctx.store.lire(id);
  if (!aap || aap.statut === 'brouillon') throw introuvable(id);
  const publique = gele(regles.versionPublique(aap));
  AAPS_PUBLICS.set(id, publique);
  if (AAPS_PUBLICS.size > AAPS_PUBLICS_MAX) AAPS_PUBLICS.delete(AAPS_PUBLICS.keys().next().value!);
  return regles.avecStatutEffectif(publique, ctx.maintenant);
}

/** `v`, and everything under it, frozen: a shared value no request may change for the next one. */
function gele<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) gele(x);
  }
  return v;
}

/**
 * A published AAP with the OI's PLIE it names, as its public document shows them, and the instant the document is
 * dated by (the last change of either): every download of the same content is identical.
 */
export async function lireAvecPlies(ctx: Contexte, id: string): Promise<{ aap: Aap; plies: Plie[]; dateDocument: Date }> {
  const aap = await lirePublic(ctx, id);
  const plies = (await ctx.plies.listerPourOi(aap.organismeIntermediaire.sigle)).filter((p) => aap.plies.includes(p.id));
  const dernierChangement = [aap.modifieLe, ...plies.map((p) => p.modifieLe)].sort().at(-1) ?? aap.modifieLe;
  return { aap, plies, dateDocument: new Date(dernierChangement) };
}

/** AAP id → the sigle of the OI its header named when this process last read it (bounded). */
const OI_DES_AAPS = new Map<string, string>();

/**
 * What the public document of a published AAP depends on, read small: the header's version and the attributes that
 * vary without it (its effective state, which turns to « clos » at the closing instant; its last change), and the
 * version of each PLIE it names (every write of a PLIE raises it; their texts, tens of kilobytes, are neither read nor
 * hashed here). Every write of an AAP raises its version; the code's own hash is in the document's key, so a migration
 * rewriting stored AAPs comes with new keys. The whole AAP and its PLIE are read only to render (`lireAvecPlies`).
 */
export async function identiteDocument(ctx: Contexte, id: string) {
  // The OI an AAP was seen under, remembered: its PLIE are then read beside the header, not after it. The header says
  // which OI it is; a remembered one that differs (or none) reads the PLIE again once the header is known.
  const oiConnu = OI_DES_AAPS.get(id);
  const pliesConnus = oiConnu ? ctx.plies.lister(oiConnu) : null;
  pliesConnus?.catch(() => undefined);
  const r = await ctx.store.referentiel({ entetes: [id], fiches: [], champs: ['statut', 'version', 'modifieLe', 'clotureLe', 'nombreRectificatifs', 'reference', 'organismeIntermediaire', 'plies'] });
  const e = r.entetes.get(id);
  if (!e || e.statut === 'brouillon') throw introuvable(id);
  const oi = e.organismeIntermediaire.sigle;
  if (oiConnu !== oi) {
    OI_DES_AAPS.set(id, oi);
    if (OI_DES_AAPS.size > 1000) OI_DES_AAPS.delete(OI_DES_AAPS.keys().next().value!);
  }
  const plies = (await (oiConnu === oi ? pliesConnus! : ctx.plies.lister(oi))).filter((p) => e.plies.includes(p.id));
  return {
    entete: e,
    identite: { id, version: e.version, modifieLe: e.modifieLe, statut: regles.statutEffectif(e, ctx.maintenant), plies: versionsPlies(plies) },
  };
}

/** The versions of PLIE as `identiteDocument` names them: the PLIE read to render must be exactly these. */
export const versionsPlies = (plies: readonly Pick<Plie, 'id' | 'version'>[]): Array<Pick<Plie, 'id' | 'version'>> => plies.map((p) => ({ id: p.id, version: p.version }));

/**
 * AAP id → its reference, for the AAPs this process has read published (bounded). Both are for good once published:
 * an AAP never returns to draft, has no deletion, and its reference does not change by rectificatif
 * (REFERENCE_IMMUABLE); so a fiche of such an AAP is read without its header.
 */
const PUBLIES = new Map<string, string>();

/**
 * One fiche of a published AAP: the header's statut and the fiche under its code, in one read (the fiche alone, one
 * GetItem, for an AAP already seen published). A code written in another case (or unknown) reads the AAP's fiches to
 * find it, or to answer 404.
 */
export async function lireFichePublique(ctx: Pick<Contexte, 'store' | 'maintenant'>, id: string, code: string): Promise<FicheOperation> {
  const publie = PUBLIES.get(id);
  const r = await ctx.store.referentiel({ entetes: publie === undefined ? [id] : [], fiches: [{ aapId: id, code }], champs: ['statut', 'reference'] });
  let reference = publie;
  if (reference === undefined) {
    const entete = r.entetes.get(id);
    if (!entete || entete.statut === 'brouillon') throw introuvable(id);
    reference = entete.reference;
    PUBLIES.set(id, reference);
    if (PUBLIES.size > 1000) PUBLIES.delete(PUBLIES.keys().next().value!);
  }
  const fiche = r.fiches.get(cleFicheAap(id, code)) ?? (await lirePublic(ctx, id)).fiches.find((f) => f.code.toUpperCase() === code.toUpperCase());
  if (!fiche) throw new Introuvable('FICHE_INTROUVABLE', `L’appel à projets ${reference} n’a pas de fiche ${code}.`);
  return regles.fichePublique(fiche);
}

export async function listerRectificatifs(ctx: Pick<Contexte, 'store' | 'maintenant'>, id: string): Promise<Rectificatif[]> {
  await lirePublic(ctx, id);
  return ctx.store.rectificatifs(id);
}

/** The stored AAP (statut as stored) if it belongs to the caller's OI; another OI's AAP reads as absent. */
async function chargerPourOi(ctx: Contexte, actor: Actor, id: string): Promise<Aap> {
  const aap = await ctx.store.lire(id);
  if (!aap) throw new Introuvable('AAP_INTROUVABLE', `Aucun appel à projets de votre OI ne porte l’identifiant ${id}.`);
  regles.exigerDroit(actor, 'lire_brouillon', aap.organismeIntermediaire.sigle);
  return aap;
}

/** Any AAP of the caller's OI, drafts included. */
export async function lirePourOi(ctx: Contexte, actor: Actor, id: string): Promise<Aap> {
  return regles.avecStatutEffectif(await chargerPourOi(ctx, actor, id), ctx.maintenant);
}

/** load → decide → persist: a new draft. */
export async function creer(
  ctx: Contexte,
  actor: Actor,
  contenu: ContenuAap,
  id: string,
  historique?: { publieLe: string | null },
): Promise<Aap> {
  regles.exigerDroit(actor, 'ecrire', contenu.organismeIntermediaire.sigle, false);
  const aap = regles.nouveauBrouillon(await verifier(ctx, contenu), { actor, id, maintenant: ctx.maintenant, historique });
  await ctx.store.creer(aap);
  return aap;
}

/**
 * Import is idempotent on the référence: importing it again returns the AAP already there (`cree: false`),
 * even when two imports race.
 */
export async function importer(
  ctx: Contexte,
  actor: Actor,
  entree: ImportAap,
  id: string,
): Promise<{ aap: Aap; cree: boolean }> {
  const { contenu, historique } = regles.depuisImport(entree);
  const existant = async () => {
    const idExistant = await ctx.store.idParReference(contenu.reference);
    return idExistant ? lirePourOi(ctx, actor, idExistant).catch(() => null) : null;
  };
  const deja = await existant();
  if (deja) return { aap: deja, cree: false };
  try {
    return { aap: await creer(ctx, actor, contenu, id, historique), cree: true };
  } catch (e) {
    const gagnant = e instanceof Conflit ? await existant() : null;
    if (gagnant) return { aap: gagnant, cree: false };
    throw e;
  }
}

/** load → decide → persist: edit a draft from the version the user read. */
export async function modifier(ctx: Contexte, actor: Actor, id: string, contenu: ContenuAap, versionLue: number) {
  const avant = await chargerPourOi(ctx, actor, id);
  const apres = regles.modifierBrouillon(avant, await verifier(ctx, contenu), { actor, versionLue, maintenant: ctx.maintenant });
  await ctx.store.remplacer(apres, avant);
  return regles.avecStatutEffectif(apres, ctx.maintenant);
}

export async function publier(ctx: Contexte, actor: Actor, id: string, archive: boolean): Promise<Aap> {
  const avant = await chargerPourOi(ctx, actor, id);
  const apres = regles.publier(avant, { actor, maintenant: ctx.maintenant, archive });
  await ctx.store.remplacer(apres, avant);
  return regles.avecStatutEffectif(apres, ctx.maintenant);
}

/** load → decide → persist: a new public version, with its diff, in one transaction. */
export async function rectifier(
  ctx: Contexte,
  actor: Actor,
  id: string,
  demande: { motif: string; contenu: ContenuAap },
  versionLue: number,
): Promise<Aap> {
  const avant = await chargerPourOi(ctx, actor, id);
  const { aap, rectificatif } = regles.rectifier(avant, await verifier(ctx, demande.contenu), {
    actor,
    versionLue,
    maintenant: ctx.maintenant,
    motif: demande.motif,
  });
  await ctx.store.remplacer(aap, avant, rectificatif ?? undefined);
  return regles.avecStatutEffectif(aap, ctx.maintenant);
}
