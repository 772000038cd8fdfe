import type { Actor } from '../../auth/roles';
import type { Aap, FicheOperation } from '../../schemas/aap';
import type { ContenuDossier, Dossier, Evenement, FiltresDossiersOi, ResumeDossier } from '../../schemas/dossier';
import type { Notification } from '../../schemas/notification';
import { notificationsComplementsRecus, notificationsDepot, type ContexteNotification } from '../notification/evenements';
import { cleFicheAap, type AapStore, type ChampEntete } from '../aap/use-cases';
import { statutEffectif } from '../aap/aap';
import { AccesRefuse, Conflit, Introuvable, RequeteInvalide } from '../errors';
import { enregistrerIdempotence, enVigueur, porteeIdempotence, rejouer, type DemandeIdempotente, type EnregistrementIdempotence, type PorteeIdempotence } from '../idempotence';
import { exiger, peut, POLITIQUE, type Ressource } from '../../auth/politique';
import type { OrganisationStore } from '../organisation/use-cases';
import { exigerMembre } from '../organisation/use-cases';
import * as regles from './dossier';
import { journaliser, verifierJournal } from './journal';
import type { LigneChecklist, Piece } from '../../schemas/piece';
import type { PieceStore } from '../piece/use-cases';
import { checklist, piecesAttendues } from '../piece/piece';
import { motifSansVotes } from '../comite/comite';

/** What a dépôt records under its Idempotency-Key: the deposited dossier. */
export type Idempotence = EnregistrementIdempotence<Dossier>;

/** The port dossiers persist through. */
export interface DossierStore {
  /** Dossier + (fiche, organisation) uniqueness + creation event; Conflit `DOSSIER_EXISTANT`. */
  creer(d: Dossier, e: Evenement): Promise<void>;
  lire(id: string): Promise<Dossier | null>;
  /**
   * Conditioned on `avant.version`; Conflit `VERSION_PERIMEE`. With `idempotence`, records the key atomically; with
   * `notifications`, puts their outbox items in the same transaction.
   */
  remplacer(apres: Dossier, avant: Dossier, e?: Evenement, idempotence?: Idempotence, notifications?: Notification[]): Promise<void>;
  /** The record under this user, route and key, expired or not (the caller decides). */
  idempotence(portee: PorteeIdempotence): Promise<Idempotence | null>;
  parOrganisation(organisationId: string): Promise<Dossier[]>;
  /** One page of an AAP's deposited dossiers, each filter served by an index (statut: one partition per OI and statut). */
  parAap(f: FiltresDossiersOi & { oi: string }): Promise<{ items: Dossier[]; cursor: string | null }>;
  /** One page of the OI's deposited dossiers in a statut, optionally on one AAP. */
  parStatut(f: { oi: string; statut: Dossier['statut']; aapId?: string | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: Dossier[]; cursor: string | null }>;
  /** Every deposited dossier of the OI in a statut (one partition). */
  toutDuStatut(oi: string, statut: Dossier['statut']): Promise<Dossier[]>;
  /** Deposited dossiers of the OI per statut, from the counters kept with each transition. */
  compteurs(oi: string): Promise<Partial<Record<string, number>>>;
  parIds(ids: readonly string[]): Promise<Dossier[]>;
  /** Every audit event of the dossier, oldest first (all pages). */
  evenements(id: string): Promise<Evenement[]>;
}

export interface ContexteDossier {
  aaps: AapStore;
  orgs: OrganisationStore;
  dossiers: DossierStore;
  pieces: PieceStore;
  maintenant: Date;
  nouvelId: () => string;
  /** The e-mails written about a dossier (notifications that name an earlier one's author). */
  notifications?: ContexteNotification['notifications'];
}

/**
 * The AAP's header attributes each dossier request reads, besides its fiche: a projection of the header, never the
 * AAP's texts nor its other fiches.
 */
export const CHAMPS_AAP = {
  /** `regles.controle`: the programme's code and flat rates. */
  controle: ['programme'],
  /** The checklist (`piecesAttendues`): the AAP's administrative pièces. */
  pieces: ['piecesAdministratives'],
  /** `regles.deposer`: the window (`exigerDepotOuvert`), the zone, the rates sealed; its checklist; its e-mails (zone). */
  depot: ['statut', 'ouvertureLe', 'clotureLe', 'depot', 'programme', 'piecesAdministratives'],
  /** The accusé de dépôt (templates/accuse-depot.ts), its control and checklist. */
  accuse: ['reference', 'titre', 'organismeIntermediaire', 'referencesPlies', 'programme', 'piecesAdministratives'],
  /** The accusé de réception des compléments (templates/accuse-complements.ts). */
  accuseComplements: ['reference', 'titre', 'organismeIntermediaire', 'referencesPlies'],
  /** A new draft (`regles.nouveauDossier`): the window, the références, the OI, the PLIE's names. */
  creation: ['id', 'reference', 'statut', 'ouvertureLe', 'clotureLe', 'depot', 'organismeIntermediaire', 'referencesPlies'],
  /** A list's line (`resumer`): the control's totals, the closing instant and zone. */
  resume: ['programme', 'clotureLe', 'depot'],
} as const satisfies Record<string, readonly ChampEntete[]>;

/** A fiche a rectificatif removed (or never there): the dossier request answers 404, nothing written. */
export const ficheIntrouvable = (d: Pick<Dossier, 'ficheCode' | 'aapReference'>) =>
  new Introuvable('FICHE_INTROUVABLE', `La fiche ${d.ficheCode} ne figure plus dans l’appel à projets ${d.aapReference}.`);

/**
 * A dossier's fiche as the AAP holds it now (a rectificatif rewrites it) and the header's attributes `champs`: one
 * GetItem of the fiche when no attribute is asked, else one BatchGetItem of both. Null when either is absent.
 */
export async function ficheDuDossier<K extends ChampEntete = never>(
  ctx: Pick<ContexteDossier, 'aaps'>,
  d: Pick<Dossier, 'aapId' | 'ficheCode'>,
  champs: readonly K[] = [],
): Promise<{ aap: Pick<Aap, K>; fiche: FicheOperation } | null> {
  const r = await ctx.aaps.referentiel({ entetes: champs.length ? [d.aapId] : [], fiches: [{ aapId: d.aapId, code: d.ficheCode }], champs });
  const aap = champs.length ? r.entetes.get(d.aapId) : ({} as Pick<Aap, K>);
  const fiche = r.fiches.get(cleFicheAap(d.aapId, d.ficheCode));
  return aap && fiche ? { aap, fiche } : null;
}

/** As ficheDuDossier, a missing fiche being a 404 `FICHE_INTROUVABLE`. */
export async function aapEtFiche<K extends ChampEntete = never>(ctx: Pick<ContexteDossier, 'aaps'>, d: Pick<Dossier, 'aapId' | 'ficheCode' | 'aapReference'>, champs: readonly K[] = []) {
  const r = await ficheDuDossier(ctx, d, champs);
  if (!r) throw ficheIntrouvable(d);
  return r;
}

/** The header's attributes `champs` of an AAP (one GetItem, projected), null when absent. */
export async function enteteAap<K extends ChampEntete>(ctx: Pick<ContexteDossier, 'aaps'>, aapId: string, champs: readonly K[]): Promise<Pick<Aap, K> | null> {
  return (await ctx.aaps.referentiel({ entetes: [aapId], fiches: [], champs })).entetes.get(aapId) ?? null;
}

type RefPieces = { aap: Pick<Aap, 'piecesAdministratives'>; fiche: FicheOperation };

/**
 * What a dossier's checklist is computed from, all keyed by its frame: the AAP's administrative pièces and the fiche
 * (`deja`, when the caller reads them anyway), the organisation and the uploads.
 */
export async function lirePourPieces(ctx: ContexteDossier, c: Pick<Dossier, 'id' | 'organisationId' | 'aapId' | 'ficheCode' | 'aapReference'>, deja?: RefPieces | Promise<RefPieces>) {
  const [ref, org, pieces] = await Promise.all([deja ?? aapEtFiche(ctx, c, CHAMPS_AAP.pieces), ctx.orgs.lire(c.organisationId), ctx.pieces.lister(c.id)]);
  if (!org) throw new Error(`Référentiel du dossier ${c.id} introuvable`);
  return { ref, org, pieces };
}

/** The checklist of a dossier from what `lirePourPieces` read: expected pièces with the current upload of each. */
export function lignesDe(d: Dossier, { ref, org, pieces }: Awaited<ReturnType<typeof lirePourPieces>>): { lignes: LigneChecklist[]; pieces: Piece[] } {
  // A bilan's evidence (../bilan/realisation.ts) is not the dossier's: its own checklist lists it.
  const propres = pieces.filter((p) => !p.bilan);
  return { lignes: checklist(piecesAttendues(ref.aap, ref.fiche, org), propres, d), pieces: propres };
}

/**
 * The checklist of a dossier: expected pièces with the current upload of each. `deja`: the AAP's administrative pièces
 * and the fiche, when the caller has read them.
 */
export async function lignesPieces(ctx: ContexteDossier, d: Dossier, deja?: RefPieces | Promise<RefPieces>): Promise<{ lignes: LigneChecklist[]; pieces: Piece[] }> {
  return lignesDe(d, await lirePourPieces(ctx, d, deja));
}

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);

/**
 * Who may see a dossier: members of its organisation, and staff of the AAP's OI. Anyone else gets a 404: we never
 * reveal that it exists.
 */
export async function charger(ctx: ContexteDossier, actor: Actor, id: string, pour: 'lire' | 'ecrire' | 'deposer' | 'instruire' | 'programmer' | 'corriger_programmation'): Promise<Dossier> {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  exiger(actor, `dossier.${pour}`, await tenance(ctx, actor, d), () => introuvable(id));
  return d;
}

/**
 * `charger`, with what depends on the dossier alone (its fiche) read at the same time as the caller's membership: one
 * round trip less, and nothing of it is used — nor answered — unless the caller may.
 */
export async function chargerAvec<T>(ctx: ContexteDossier, actor: Actor, id: string, pour: 'lire' | 'ecrire' | 'deposer', lire: (d: Dossier) => Promise<T>): Promise<{ d: Dossier; lu: T }> {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  retenirCadre(d);
  const lu = lire(d);
  // Awaited below once the caller is allowed; a refusal first must not leave its failure unhandled.
  lu.catch(() => undefined);
  exiger(actor, `dossier.${pour}`, await tenance(ctx, actor, d), () => introuvable(id));
  return { d, lu: await lu };
}

/** What a dossier keeps from its creation on: its organisation, its AAP and its fiche's code. */
export type CadreDossier = Pick<Dossier, 'id' | 'organisationId' | 'aapId' | 'aapReference' | 'ficheCode'>;
/** The frames of the dossiers this process has read (bounded, oldest first out). */
const CADRES = new Map<string, CadreDossier>();
function retenirCadre(d: Dossier): void {
  const c = CADRES.get(d.id);
  if (c && memeCadre(c, d)) return;
  CADRES.set(d.id, { id: d.id, organisationId: d.organisationId, aapId: d.aapId, aapReference: d.aapReference, ficheCode: d.ficheCode });
  if (CADRES.size > 2000) CADRES.delete(CADRES.keys().next().value!);
}
const memeCadre = (c: CadreDossier, d: Dossier) =>
  c.organisationId === d.organisationId && c.aapId === d.aapId && c.aapReference === d.aapReference && c.ficheCode === d.ficheCode;

/**
 * `chargerAvec` for what depends on the dossier's frame alone (its fiche): when this process has read the dossier
 * before, the caller's membership and `lire` are asked for at the same time as the dossier — one round trip before the
 * write, not two. What was asked from the remembered frame is used only if the dossier read says the same frame, and
 * only once the caller is allowed, as in `chargerAvec`.
 */
export async function chargerSelonCadre<T>(ctx: ContexteDossier, actor: Actor, id: string, pour: 'lire' | 'ecrire' | 'deposer', lire: (c: CadreDossier) => Promise<T>): Promise<{ d: Dossier; lu: T }> {
  const connu = CADRES.get(id);
  if (!connu) return chargerAvec(ctx, actor, id, pour, lire);
  const lecture = ctx.dossiers.lire(id);
  const lu = lire(connu);
  const membre = membreDe(ctx, actor, connu.organisationId);
  lu.catch(() => undefined);
  membre.catch(() => undefined);
  const d = await lecture;
  if (!d) throw introuvable(id);
  // A frame that differs (it never should: nothing rewrites it) is remembered anew, and what it leads to read again.
  const meme = memeCadre(connu, d);
  if (!meme) retenirCadre(d);
  const retenu = meme ? lu : lire(d);
  retenu.catch(() => undefined);
  exiger(actor, `dossier.${pour}`, await tenance(ctx, actor, d, meme ? membre : undefined), () => introuvable(id));
  return { d, lu: await retenu };
}

/** The caller's membership of an organisation, read only for a porteur (the rules ask no one else's). */
const membreDe = (ctx: Pick<ContexteDossier, 'orgs'>, actor: Actor, organisationId: string) =>
  actor.roles.includes('porteur') ? ctx.orgs.membre(organisationId, actor) : Promise.resolve(null);

/**
 * A dossier's tenancy: its organisation, and its OI once deposited (a draft belongs to its porteur alone). `membre`:
 * the caller's membership of the dossier's organisation, when already asked for.
 */
export async function tenance(ctx: Pick<ContexteDossier, 'orgs'>, actor: Actor, d: Dossier, membre = membreDe(ctx, actor, d.organisationId)): Promise<Ressource> {
  return { oi: d.statut === 'brouillon' ? null : d.oi, membre: (await membre)?.role ?? null };
}

/** load → decide → persist: one dossier per (fiche, organisation), enforced by the store's transaction. */
export async function creer(ctx: ContexteDossier, actor: Actor, demande: { aapId: string; ficheCode: string; organisationId: string }) {
  await exigerMembre(ctx.orgs, actor, demande.organisationId, 'dossier.creer');
  // The header's attributes the new draft takes and the fiche under the code sent, in one read; a code in another case
  // (or unknown) reads the AAP's fiches to find it, or to list them in the 400.
  const [organisation, lu] = await Promise.all([
    ctx.orgs.lire(demande.organisationId),
    ctx.aaps.referentiel({ entetes: [demande.aapId], fiches: [{ aapId: demande.aapId, code: demande.ficheCode }], champs: CHAMPS_AAP.creation }),
  ]);
  const aap = lu.entetes.get(demande.aapId);
  if (!organisation) throw new Introuvable('ORGANISATION_INTROUVABLE', 'Organisation introuvable.');
  if (!aap || aap.statut === 'brouillon') throw new Introuvable('AAP_INTROUVABLE', `Aucun appel à projets publié ne porte l’identifiant ${demande.aapId}.`);
  let fiche = lu.fiches.get(cleFicheAap(demande.aapId, demande.ficheCode));
  if (!fiche) {
    const fiches = (await ctx.aaps.lire(demande.aapId))?.fiches ?? [];
    fiche = fiches.find((f) => f.code.toUpperCase() === demande.ficheCode.toUpperCase());
    if (!fiche) {
      throw new RequeteInvalide('FICHE_INCONNUE', `L’appel à projets ${aap.reference} n’a pas de fiche ${demande.ficheCode}.`, [
        { chemin: 'corps.ficheCode', message: `Fiche inconnue (fiches : ${fiches.map((f) => f.code).join(', ')}).` },
      ]);
    }
  }
  const brouillon = regles.nouveauDossier({ aap, fiche, organisation, actor, id: ctx.nouvelId(), maintenant: ctx.maintenant });
  const { dossier, evenement } = journaliser(brouillon, { id: ctx.nouvelId(), type: 'creation', auteur: actor, de: null, maintenant: ctx.maintenant });
  await ctx.dossiers.creer(dossier, evenement);
  return dossier;
}

/** A dossier as its reader may see it: porteurs get the decision, never the instruction's avis, proposed amount or votes. */
export async function lire(ctx: ContexteDossier, actor: Actor, id: string): Promise<Dossier> {
  const d = await charger(ctx, actor, id, 'lire');
  const agentOi = peut(actor, 'dossier.instruire', { oi: d.oi });
  if (agentOi) return d;
  const { avis: _a, montantFsePropose: _m, ...suivi } = d.suivi;
  if (suivi.decision) suivi.decision = { ...suivi.decision, motif: motifSansVotes(suivi.decision.motif) };
  return { ...d, suivi };
}

/**
 * A list's lines. The headers (projected) and fiches of the page are read together, each distinct one once (one
 * BatchGetItem per 100 keys); `entetes`: headers the caller has already read.
 */
export async function resumer(
  ctx: Pick<ContexteDossier, 'aaps'>,
  dossiers: Dossier[],
  entetes: ReadonlyMap<string, Pick<Aap, (typeof CHAMPS_AAP.resume)[number]>> = new Map(),
): Promise<ResumeDossier[]> {
  if (dossiers.length === 0) return [];
  const lus = await ctx.aaps.referentiel({
    entetes: dossiers.map((d) => d.aapId).filter((id) => !entetes.has(id)),
    fiches: dossiers.map((d) => ({ aapId: d.aapId, code: d.ficheCode })),
    champs: CHAMPS_AAP.resume,
  });
  return dossiers.map((d) => {
    const aap = entetes.get(d.aapId) ?? lus.entetes.get(d.aapId);
    const fiche = lus.fiches.get(cleFicheAap(d.aapId, d.ficheCode));
    const c = aap && fiche ? regles.controle(d, aap, fiche) : null;
    const { contenu, empreinteJournal: _e, evenementsJournal: _n, complements: _c, complementsRecus: _r, suivi: _s, ...reste } = d;
    return {
      ...reste,
      intitule: contenu.intitule,
      coutTotalCentimes: c?.totaux.coutTotal ?? 0,
      fseCentimes: c?.totaux.fse ?? 0,
      clotureLe: aap?.clotureLe ?? '',
      fuseau: aap?.depot.cloture.fuseau ?? 'Europe/Paris',
      convention: d.suivi.convention?.etat ?? null,
    };
  });
}

/** The porteur's dashboard: every dossier of every organisation the caller belongs to. */
export async function mesDossiers(ctx: ContexteDossier, actor: Actor): Promise<ResumeDossier[]> {
  exiger(actor, 'dossier.lister', {}, () => new AccesRefuse(POLITIQUE['dossier.lister'].refus));
  const orgs = await ctx.orgs.organisationsDe(actor);
  const listes = await Promise.all(orgs.map((o) => ctx.dossiers.parOrganisation(o.id)));
  return resumer(ctx, listes.flat());
}

/** load → decide → persist: a draft save from the version read. */
export async function modifier(ctx: ContexteDossier, actor: Actor, id: string, contenu: ContenuDossier, versionLue: number) {
  // The fiche alone (one GetItem, beside the membership's): the draft's rules read nothing else of the AAP.
  const { d: avant, lu: { fiche } } = await chargerSelonCadre(ctx, actor, id, 'ecrire', (c) => aapEtFiche(ctx, c));
  const apres = regles.modifierContenu(avant, contenu, { fiche, versionLue, maintenant: ctx.maintenant });
  await ctx.dossiers.remplacer(apres, avant);
  return apres;
}

export async function controles(ctx: ContexteDossier, actor: Actor, id: string) {
  const { d, lu: { aap, fiche } } = await chargerSelonCadre(ctx, actor, id, 'lire', (c) => aapEtFiche(ctx, c, CHAMPS_AAP.controle));
  return { dossierId: d.id, version: d.version, regle: fiche.regleFinancement, programme: aap.programme.code, ...regles.controle(d, aap, fiche) };
}

/**
 * load → decide → persist → emit: the dépôt, idempotent on its key for this user and route (24 hours). A retry (or
 * a concurrent duplicate) with the same key and request returns the first result unchanged; the same key with another
 * request (another dossier) is refused with 422 `IDEMPOTENCE_CONFLIT`.
 */
export async function deposer(ctx: ContexteDossier, actor: Actor, id: string, demande: DemandeIdempotente): Promise<Dossier> {
  const portee = porteeIdempotence(actor, demande);
  // The key's record and the dossier at the same time; then the caller's membership beside the fiche, the
  // organisation, the pièces and the members the e-mails go to (nothing of them used unless the caller may deposit).
  // All of these but the record depend on the dossier's frame alone: a dossier this process has read before has them
  // asked for beside it.
  const enregistre = ctx.dossiers.idempotence(portee);
  const chargement = chargerSelonCadre(ctx, actor, id, 'deposer', (c) => {
    const ref = aapEtFiche(ctx, c, CHAMPS_AAP.depot);
    return Promise.all([ref, lirePourPieces(ctx, c, ref), ctx.orgs.membres(c.organisationId)]);
  });
  // A replay answers without it: its failure (a dossier no longer to deposit) must not go unhandled.
  chargement.catch(() => undefined);
  const deja = enVigueur(await enregistre, ctx.maintenant);
  if (deja) return rejouer(deja, demande);
  try {
    const { d: avant, lu: [{ aap, fiche }, pourPieces, membres] } = await chargement;
    const { lignes } = lignesDe(avant, pourPieces);
    const depose = regles.deposer(avant, { aap, fiche, actor, maintenant: ctx.maintenant, pieces: lignes });
    const reponse = avant.statut === 'complement_demande' ? depose.complementsRecus.at(-1) : undefined;
    const { dossier, evenement } = journaliser(depose, {
      id: ctx.nouvelId(), type: reponse ? 'complements_recus' : 'depot', auteur: actor, de: avant.statut, maintenant: ctx.maintenant,
      donnees: reponse ? { empreinte: reponse.empreinte, pieces: reponse.pieces.map((p) => p.typePiece) } : { empreinte: depose.depot?.empreinte },
    });
    const avecMembres = { ...ctx, orgs: Object.assign(Object.create(ctx.orgs) as OrganisationStore, { membres: async () => membres }) };
    const notifications = await (avant.statut === 'complement_demande' ? notificationsComplementsRecus : notificationsDepot)(avecMembres, dossier, aap.depot.cloture.fuseau);
    await ctx.dossiers.remplacer(dossier, avant, evenement, enregistrerIdempotence(actor, demande, dossier, ctx.maintenant), notifications);
    return dossier;
  } catch (e) {
    // A concurrent request with the same key may have won between our read and our write: answer as it did.
    if (!(e instanceof Conflit)) throw e;
    const gagnant = enVigueur(await ctx.dossiers.idempotence(portee), ctx.maintenant);
    if (gagnant) return rejouer(gagnant, demande);
    throw e;
  }
}

/** What the accusé de dépôt shows: the deposited dossier, its AAP and fiche, its plan's figures. */
export async function accuse(ctx: ContexteDossier, actor: Actor, id: string) {
  const d = await charger(ctx, actor, id, 'lire');
  if (!d.depot) throw new Conflit('DOSSIER_NON_DEPOSE', 'Ce dossier n’est pas encore déposé : il n’a pas d’accusé de dépôt.');
  const { aap, fiche } = await aapEtFiche(ctx, d, CHAMPS_AAP.accuse);
  // The pièces sealed at the dépôt; dossiers deposited before they were kept read the checklist.
  const pieces = d.depot.pieces ?? regles.piecesScellees((await lignesPieces(ctx, d, { aap, fiche })).lignes);
  return { dossier: d, aap, fiche, controle: regles.controle(d, aap, fiche), pieces };
}

/** What the accusé de réception des compléments shows: the dossier, its AAP and fiche, and every answer received. */
export async function accuseComplements(ctx: ContexteDossier, actor: Actor, id: string) {
  const d = await charger(ctx, actor, id, 'lire');
  if (!d.depot || !d.complementsRecus?.length) {
    throw new Conflit('AUCUN_COMPLEMENT_RECU', 'Aucun complément n’a encore été reçu pour ce dossier : il n’a pas d’accusé de réception des compléments.');
  }
  const { aap, fiche } = await aapEtFiche(ctx, d, CHAMPS_AAP.accuseComplements);
  return { dossier: d, aap, fiche };
}

/** OI staff: the dossiers of one of their OI's AAPs, filtered. */
export async function listerPourOi(ctx: ContexteDossier, actor: Actor, f: FiltresDossiersOi) {
  // The header once (projected), for the tenancy and every line of the page; the page itself asked for at the same
  // time under the caller's own OI, and used only if the header names that OI and the caller may list it.
  const devinee = actor.oi ? ctx.dossiers.parAap({ ...f, oi: actor.oi }) : null;
  devinee?.catch(() => undefined);
  const aap = await enteteAap(ctx, f.aapId, ['id', 'reference', 'statut', 'organismeIntermediaire', ...CHAMPS_AAP.resume]);
  exiger(actor, 'dossier.lister_gestion', { oi: aap?.organismeIntermediaire.sigle ?? null }, () =>
    new Introuvable('AAP_INTROUVABLE', `Aucun appel à projets de votre OI ne porte l’identifiant ${f.aapId}.`),
  );
  if (!aap) throw new Introuvable('AAP_INTROUVABLE', `Aucun appel à projets de votre OI ne porte l’identifiant ${f.aapId}.`);
  const oi = aap.organismeIntermediaire.sigle;
  const page = await (devinee && oi === actor.oi ? devinee : ctx.dossiers.parAap({ ...f, oi }));
  return { items: await resumer(ctx, page.items, new Map([[aap.id, aap]])), cursor: page.cursor, aap: { id: aap.id, reference: aap.reference, statut: statutEffectif(aap, ctx.maintenant) } };
}

/**
 * load → decide: the dossier's audit trail (every event, not one page) checked against the head of the chain stored on
 * the dossier. The dossier is read again after its events: a transition committed in between would look like a
 * missing or extra tail, so the reading starts over (three readings at most).
 */
export async function journal(ctx: ContexteDossier, actor: Actor, id: string) {
  let tete = await charger(ctx, actor, id, 'lire');
  for (let lecture = 1; ; lecture++) {
    const items = await ctx.dossiers.evenements(id);
    const relu = await ctx.dossiers.lire(id);
    if (!relu || relu.version === tete.version || lecture === 3) {
      const verification = verifierJournal(items, { empreinte: tete.empreinteJournal, nombre: tete.evenementsJournal });
      return { items, integre: verification.integre, verification };
    }
    tete = relu;
  }
}
