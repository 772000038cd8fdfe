/**
 * Bilans d'exécution, contrôle de service fait and payments: load → decide (./csf.ts, ./statuts.ts, ./paiements.ts,
 * ./participants.ts) → persist → emit. A bilan answers an échéance of the calendar of the convention in force; the
 * porteur drafts it (each save one conditional write), its signataire deposits it (then it is locked), the gestionnaire
 * controls it line by line, the porteur answers once, the CSF becomes final; payments follow the ledger's rules. Every
 * step after the draft is journaled in the dossier's audit chain, with the dossier as the lock.
 */
import type { Actor } from '../../auth/roles';
import { exiger, POLITIQUE } from '../../auth/politique';
import type {
  Bilan,
  CsfBilan,
  DemandeBilan,
  DemandeCsf,
  DemandePaiement,
  DemandeRecouvrement,
  DemandeReversement,
  DemandeVirements,
  OrdreReversement,
  PaiementEnregistre,
  StatutPaiement,
} from '../../schemas/bilan';
import { MOTIFS_ECART } from '../../schemas/bilan';
import type { VersionConvention } from '../../schemas/convention';
import type { CodeProgramme } from '../programmes';
import type { Dossier, Evenement } from '../../schemas/dossier';
import type { Notification } from '../../schemas/notification';
import { nomDe } from '../../auth/personne';
import { formatMontant } from '../../format';
import { AccesRefuse, Conflit, Introuvable, RegleMetier } from '../errors';
import { courantes } from '../piece/piece';
import { TYPE_PIECE_RIB } from '../../schemas/piece';
import { csvVirements, painVirements, type LigneVirement } from './virements';
import { journaliser } from '../dossier/journal';
import { dateLocale } from '../dossier/dossier';
import { aapEtFiche, enteteAap, tenance, type ContexteDossier } from '../dossier/use-cases';
import { auxPorteurs } from '../notification/evenements';
import { dateFr } from '../notification/notification';
import type { ConventionStore } from '../convention/use-cases';
import type { ParticipantStore } from '../participant/use-cases';
import { QUESTIONNAIRE_DU_PROGRAMME } from '../participant/participant';
import { calculerIndicateurs } from '../participant/use-cases';
import { versionsDuPlie, type ReglesStore } from '../sortie/regles-plie';
import { controleServiceFait, verifierBilan } from './csf';
import { delaiPaiement, emettreReversement, proposerPaiement, recouvrer, soldeEtReversement, transitionPaiement, type ActionPaiement, type CsfDuBilan } from './paiements';
import { exigerParticipantsComplets } from './participants';
import { transitionBilan } from './statuts';
import { checklistRealisation, courantesDuBilan, exigerRealisation, nouvellePieceRealisation, piecesDuBilan, realisationManquante, typesRealisation, uneParLigne, verifierEtapes, verifierReferences } from './realisation';
import type { DemandeUpload, PorteeBilan } from '../../schemas/piece';
import type { Piece } from '../../schemas/piece';
import { ouvrirEnvoi } from '../piece/envoi';
import type { Stockage } from '../piece/use-cases';

export interface BilanStore {
  bilans(dossierId: string): Promise<Bilan[]>;
  /** The ledger, oldest first. */
  paiements(dossierId: string): Promise<PaiementEnregistre[]>;
  /** The ordres de reversement, oldest first. */
  reversements(dossierId: string): Promise<OrdreReversement[]>;
  /** A draft: conditioned on its version (`versionLue`) and on still being a draft, or on its absence (null). */
  ecrireBrouillon(b: Bilan, versionLue: number | null): Promise<void>;
  /**
   * One transaction: the dossier conditioned on `avant.version`, the bilan on the version read, the payment on the
   * status read (null: must not exist yet), the audit event and the e-mails. Conflit `VERSION_PERIMEE` when any fails.
   */
  enregistrer(p: {
    apres: Dossier;
    avant: Dossier;
    evenement: Evenement;
    bilan?: { apres: Bilan; versionLue: number };
    paiement?: { apres: PaiementEnregistre; statutLu: StatutPaiement | null };
    /** An ordre de reversement, on the version read (null: must not exist yet). */
    reversement?: { apres: OrdreReversement; versionLue: number | null };
    notifications: Notification[];
  }): Promise<void>;
}

export interface ContexteBilans extends ContexteDossier {
  conventions: Pick<ConventionStore, 'versions'>;
  bilans: BilanStore;
  participants: Pick<ParticipantStore, 'tous' | 'journaliserAcces'>;
  /** The PLIE's exit rules: a bilan's positive exits are qualified by them at its dépôt. */
  regles: ReglesStore;
}

type ActionLecture = 'bilan.lire' | 'bilan.saisir' | 'bilan.deposer' | 'bilan.controler' | 'paiement.proposer' | 'paiement.valider';

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);
const bilanIntrouvable = (numero: number) => new Introuvable('BILAN_INTROUVABLE', `Aucun bilan n° ${numero} n’est enregistré pour ce dossier.`);

async function charger(ctx: ContexteBilans, actor: Actor, id: string, action: ActionLecture) {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  exiger(actor, action, await tenance(ctx, actor, d), () => introuvable(id));
  return d;
}

const enVigueur = (versions: readonly VersionConvention[]) => versions.find((v) => v.statut === 'en_vigueur') ?? null;

async function conventionEnVigueur(ctx: ContexteBilans, d: Dossier): Promise<VersionConvention> {
  const v = d.suivi.convention ? enVigueur(await ctx.conventions.versions(d.id)) : null;
  if (!v) throw new RegleMetier('CONVENTION_NON_EN_VIGUEUR', 'Ce dossier n’a pas de convention en vigueur : les bilans et les paiements suivent sa signature par les deux parties.');
  return v;
}

const trace = (ctx: ContexteBilans, actor: Actor) => ({ le: ctx.maintenant.toISOString(), par: actor.userId, nom: nomDe(actor) });

/** What the dossier keeps of its bilans and payments (`suivi.bilans`), for the OI's tableau de bord. */
export function suiviBilans(bilans: readonly Bilan[], paiements: readonly PaiementEnregistre[], programme: CodeProgramme): NonNullable<Dossier['suivi']['bilans']> {
  const compte = (s: StatutPaiement) => paiements.filter((p) => p.statut === s).length;
  return {
    bilans: [...bilans].sort((a, b) => a.numero - b.numero).map((b) => {
      const depose = b.depot ? dateLocale(new Date(b.depot.le), 'Europe/Paris') : null;
      return {
        numero: b.numero, nature: b.nature, statut: b.statut, deposeLe: b.depot?.le ?? null,
        payerAvant: depose ? delaiPaiement(programme, depose, depose).echeance : null, reponseLe: b.csf?.reponse?.le ?? null,
      };
    }),
    paiements: { aValider: compte('propose'), aMettreEnPaiement: compte('valide'), aConstater: compte('mis_en_paiement') },
  };
}

/** The bilans, the ledger and the ordres de reversement of a dossier, read together. */
async function etat(ctx: ContexteBilans, id: string) {
  const [bilans, paiements, reversements] = await Promise.all([ctx.bilans.bilans(id), ctx.bilans.paiements(id), ctx.bilans.reversements(id)]);
  return { bilans, paiements, reversements };
}

/** The CSF of each controlled bilan, as the ledger's rules read them. */
const csfDes = (bilans: readonly Bilan[]): CsfDuBilan[] =>
  bilans.filter((b) => b.csf).map((b) => ({ numero: b.numero, nature: b.nature, definitif: b.statut === 'csf_definitif', fseDuCentimes: b.csf!.resultat.fseDuCentimes }));
const remplace = <T>(liste: readonly T[], x: T, meme: (a: T) => boolean) => [...liste.filter((y) => !meme(y)), x];

/** The dossier's next version (with its bilans' and payments' summary) and the audit event of the step. */
function etape(
  ctx: ContexteBilans, avant: Dossier, actor: Actor, type: string, donnees: Record<string, unknown>,
  apres: { bilans: readonly Bilan[]; paiements: readonly PaiementEnregistre[]; programme: CodeProgramme },
) {
  const dossier: Dossier = {
    ...avant, version: avant.version + 1, modifieLe: ctx.maintenant.toISOString(),
    suivi: { ...avant.suivi, bilans: suiviBilans(apres.bilans, apres.paiements, apres.programme) },
  };
  return journaliser(dossier, { id: ctx.nouvelId(), type, auteur: actor, de: avant.statut, maintenant: ctx.maintenant, donnees });
}

function exigerVersionBilan(b: Bilan, versionLue: number) {
  if (b.version !== versionLue) throw new Conflit('VERSION_PERIMEE', `Ce bilan a été modifié entre-temps (version ${b.version}, vous avez lu la version ${versionLue}). Rechargez-le.`);
}

/** The bilan `numero` of the dossier, with every bilan and payment (the steps rewrite the dossier's summary). */
async function bilanDe(ctx: ContexteBilans, d: Dossier, numero: number) {
  const e = await etat(ctx, d.id);
  const b = e.bilans.find((x) => x.numero === numero);
  if (!b) throw bilanIntrouvable(numero);
  return { b, ...e };
}

/** The fiche of the dossier: what its bilans' evidence answers. */
async function ficheDe(ctx: ContexteBilans, d: Dossier) {
  return (await aapEtFiche(ctx, d)).fiche;
}

/** A bilan's « pièces de réalisation »: its checklist, the required lines still missing, and every upload of it. */
const realisationDe = (types: ReturnType<typeof typesRealisation>, pieces: readonly Piece[], b: Bilan) => {
  const lignes = checklistRealisation(types, pieces, b);
  return { lignes, manquantes: realisationManquante(lignes), pieces: piecesDuBilan(pieces, b.numero) };
};

/**
 * A member of the porteur's organisation uploads evidence of realisation for a draft bilan of the convention in force
 * (./realisation.ts decides): the pièces' own slot, guarded by the bilan still being a draft, verified like any pièce.
 */
export async function demanderPieceRealisation(
  ctx: ContexteBilans & { stockage: Pick<Stockage, 'clePiece' | 'urlUpload'> }, actor: Actor, id: string, demande: DemandeUpload & { bilan: PorteeBilan },
) {
  const d = await charger(ctx, actor, id, 'bilan.saisir');
  await conventionEnVigueur(ctx, d);
  const [fiche, bilans, pieces] = await Promise.all([ficheDe(ctx, d), ctx.bilans.bilans(id), ctx.pieces.lister(id)]);
  const b = bilans.find((x) => x.numero === demande.bilan.numero) ?? null;
  const types = typesRealisation(fiche);
  return ouvrirEnvoi(
    ctx, id, { bilanBrouillon: demande.bilan.numero },
    (p) => nouvellePieceRealisation(id, b, demande, types, { actor, ...p }),
    (piece) => (uneParLigne(piece.typePiece) ? courantesDuBilan(pieces, demande.bilan.numero).get(piece.typePiece) ?? null : null),
  );
}

const libelleBilan = (b: Pick<Bilan, 'numero' | 'nature'>) => `n° ${b.numero} (${b.nature === 'final' ? 'final' : 'intermédiaire'})`;

/**
 * What the porteur and the OI read: the calendar of the convention in force with each échéance's bilan (its status,
 * CSF and the payment delay once deposited), the ledger and where it stands against the last definitive FSE dû.
 */
export async function lire(ctx: ContexteBilans, actor: Actor, id: string) {
  const d = await charger(ctx, actor, id, 'bilan.lire');
  const versions = d.suivi.convention ? await ctx.conventions.versions(id) : [];
  const v = enVigueur(versions);
  const { bilans, paiements, reversements } = await etat(ctx, id);
  const [fiche, pieces] = bilans.length ? await Promise.all([ficheDe(ctx, d), ctx.pieces.lister(id)]) : [null, []];
  const types = fiche ? typesRealisation(fiche) : [];
  const aujourdhui = dateLocale(ctx.maintenant, 'Europe/Paris');
  const definitifs = bilans.filter((b) => b.statut === 'csf_definitif' && b.csf).sort((a, b) => a.numero - b.numero);
  const fseDu = definitifs.at(-1)?.csf?.resultat.fseDuCentimes ?? null;
  return {
    dossierId: d.id,
    reference: d.reference,
    version: d.version,
    convention: v
      ? {
        numero: v.numero, programme: v.contenu.programme.code, periode: v.contenu.periode, fseConventionneCentimes: v.contenu.fseConventionneCentimes,
        avance: v.contenu.avance, tauxFse: v.contenu.annexe.tauxFse, forfait: v.contenu.annexe.forfait,
        cofinanceurs: v.contenu.annexe.plan.ressources.cofinancements.map((c) => c.financeur),
      }
      : null,
    echeances: (v?.contenu.bilans ?? []).map((e) => {
      const b = bilans.find((x) => x.numero === e.numero) ?? null;
      return {
        ...e,
        enRetard: !b?.depot && e.echeance < aujourdhui,
        bilan: b,
        piecesRealisation: b ? realisationDe(types, pieces, b) : null,
        delaiPaiement: b?.depot && v ? delaiPaiement(v.contenu.programme.code, dateLocale(new Date(b.depot.le), 'Europe/Paris'), aujourdhui) : null,
      };
    }),
    paiements,
    reversements,
    grandLivre: fseDu === null ? null : soldeEtReversement(fseDu, paiements, reversements),
    motifs: MOTIFS_ECART,
  };
}

/** The porteur saves a draft bilan (created on its first save; a deposited one is locked: 409 `BILAN_VERROUILLE`). */
export async function enregistrer(ctx: ContexteBilans, actor: Actor, id: string, numero: number, demande: DemandeBilan, versionLue: number | null) {
  const d = await charger(ctx, actor, id, 'bilan.saisir');
  if (demande.numero !== numero) throw new RegleMetier('BILAN_INCOHERENT', `Le corps décrit le bilan n° ${demande.numero}, l’adresse le bilan n° ${numero}.`, [{ chemin: 'numero', message: `Numéro ${numero} attendu.` }]);
  const v = await conventionEnVigueur(ctx, d);
  verifierBilan(v.contenu, demande);
  verifierEtapes(typesRealisation(await ficheDe(ctx, d)), demande.etapesMobilisees);
  const cite = demande.piecesRealisation.length || demande.depenses.some((l) => l.pieceIds.length) || demande.publicite.some((p) => p.pieceIds.length);
  if (cite) verifierReferences(demande, await ctx.pieces.lister(id));
  const existant = (await ctx.bilans.bilans(id)).find((x) => x.numero === numero) ?? null;
  const t = trace(ctx, actor);
  let b: Bilan;
  if (existant) {
    transitionBilan(existant.statut, 'modifier', actor.roles);
    if (versionLue === null) throw new Conflit('BILAN_EXISTANT', `Le bilan n° ${numero} existe déjà : envoyez la version lue (If-Match) pour le modifier.`);
    exigerVersionBilan(existant, versionLue);
    b = { ...existant, contenu: demande, version: existant.version + 1, modifie: t };
  } else {
    b = { dossierId: id, numero, nature: demande.nature, statut: 'brouillon', version: 1, contenu: demande, cree: t, modifie: t, depot: null, realisation: null, csf: null };
  }
  await ctx.bilans.ecrireBrouillon(b, existant ? existant.version : null);
  return b;
}

/**
 * The signataire deposits the bilan: checked against the convention again, refused while a participant lacks entry or
 * exit data (422 `PARTICIPANTS_INCOMPLETS`, seed 002 l.7941); then locked, journaled, and the porteurs receive the
 * accusé de dépôt by e-mail.
 */
export async function deposer(ctx: ContexteBilans, actor: Actor, id: string, numero: number, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'bilan.deposer');
  const v = await conventionEnVigueur(ctx, avant);
  const { b, bilans, paiements } = await bilanDe(ctx, avant, numero);
  const statut = transitionBilan(b.statut, 'deposer', actor.roles);
  exigerVersionBilan(b, versionLue);
  verifierBilan(v.contenu, b.contenu);
  const echeance = v.contenu.bilans.find((e) => e.numero === numero)!;
  // The gate reads every participant record: the read is journaled like any other (RGPD, issue 14).
  const participants = await ctx.participants.tous(id);
  await ctx.participants.journaliserAcces({ id: ctx.nouvelId(), dossierId: id, le: ctx.maintenant.toISOString(), utilisateurId: actor.userId, nom: nomDe(actor), action: 'controle_bilan', participantId: null, nombre: participants.length });
  exigerParticipantsComplets(participants, { questionnaire: QUESTIONNAIRE_DU_PROGRAMME[v.contenu.programme.code], nature: b.nature, periodeFin: echeance.periodeFin });
  // The fiche's evidence of realisation: a final bilan is refused while a required line is unsatisfied.
  exigerRealisation(b.nature, checklistRealisation(typesRealisation(await ficheDe(ctx, avant)), await ctx.pieces.lister(id), b));
  const t = trace(ctx, actor);
  const i = calculerIndicateurs(participants, await versionsDuPlie(ctx.regles, avant.plieId), avant);
  const realisation = { calculeLe: t.le, participants: i.participants, parSexe: i.parSexe, sorties: i.sorties, sortiesPositives: i.sortiesPositives, prevus: i.prevus };
  const apresBilan: Bilan = { ...b, statut, version: b.version + 1, modifie: t, depot: t, realisation };
  const declare = b.contenu.depenses.reduce((s, l) => s + l.montantCentimes, 0);
  const { dossier, evenement } = etape(ctx, avant, actor, 'bilan_depose', { numero, nature: b.nature, depensesCentimes: declare }, { bilans: remplace(bilans, apresBilan, (x) => x.numero === numero), paiements, programme: v.contenu.programme.code });
  const notifications = await auxPorteurs(ctx, dossier, 'bilan_depose', {
    bilan: libelleBilan(b), signataire: nomDe(actor), deposeLe: dateFr(t.le, 'Europe/Paris'), depenses: formatMontant(declare),
  });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, bilan: { apres: apresBilan, versionLue }, notifications });
  return apresBilan;
}

/** The gestionnaire's decisions on the lines of a deposited bilan (the CSF opens with the first save). */
export async function controler(ctx: ContexteBilans, actor: Actor, id: string, numero: number, demande: DemandeCsf, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'bilan.controler');
  const v = await conventionEnVigueur(ctx, avant);
  const { b, bilans, paiements } = await bilanDe(ctx, avant, numero);
  const statut = b.statut === 'en_csf' ? 'en_csf' : transitionBilan(b.statut, 'ouvrir_csf', actor.roles);
  exigerVersionBilan(b, versionLue);
  const resultat = controleServiceFait(v.contenu, b.contenu, demande.decisions);
  const csf: CsfBilan = { decisions: demande.decisions, resultat, modifie: trace(ctx, actor), envoye: null, reponse: null, definitif: null };
  const apresBilan: Bilan = { ...b, statut, version: b.version + 1, csf };
  const { dossier, evenement } = etape(ctx, avant, actor, 'csf_enregistre', { numero, retenuCentimes: resultat.coutRetenuCentimes, ecarteCentimes: resultat.ecarteCentimes, fseDuCentimes: resultat.fseDuCentimes }, { bilans: remplace(bilans, apresBilan, (x) => x.numero === numero), paiements, programme: v.contenu.programme.code });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, bilan: { apres: apresBilan, versionLue }, notifications: [] });
  return apresBilan;
}

const exigerCsf = (b: Bilan): CsfBilan => {
  if (!b.csf) throw new RegleMetier('CSF_ABSENT', 'Aucune décision de contrôle n’est encore enregistrée sur ce bilan.');
  return b.csf;
};

/** The CSF goes to the porteur for its one contradictory round. */
export async function envoyerContradictoire(ctx: ContexteBilans, actor: Actor, id: string, numero: number, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'bilan.controler');
  const v = await conventionEnVigueur(ctx, avant);
  const { b, bilans, paiements } = await bilanDe(ctx, avant, numero);
  const statut = transitionBilan(b.statut, 'envoyer_contradictoire', actor.roles);
  exigerVersionBilan(b, versionLue);
  const csf = exigerCsf(b);
  const apresBilan: Bilan = { ...b, statut, version: b.version + 1, csf: { ...csf, envoye: trace(ctx, actor) } };
  const { dossier, evenement } = etape(ctx, avant, actor, 'csf_contradictoire', { numero, ecarteCentimes: csf.resultat.ecarteCentimes }, { bilans: remplace(bilans, apresBilan, (x) => x.numero === numero), paiements, programme: v.contenu.programme.code });
  const notifications = await auxPorteurs(ctx, dossier, 'csf_contradictoire', {
    bilan: libelleBilan(b), ecarte: formatMontant(csf.resultat.ecarteCentimes), declare: formatMontant(csf.resultat.declareCentimes), fseDu: formatMontant(csf.resultat.fseDuCentimes),
  });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, bilan: { apres: apresBilan, versionLue }, notifications });
  return apresBilan;
}

/** The porteur's one answer to the CSF (409 `REPONSE_DEJA_DONNEE` for a second one). */
export async function repondre(ctx: ContexteBilans, actor: Actor, id: string, numero: number, texte: string, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'bilan.saisir');
  const v = await conventionEnVigueur(ctx, avant);
  const { b, bilans, paiements } = await bilanDe(ctx, avant, numero);
  if (b.statut !== 'csf_contradictoire') throw new Conflit('CONTRADICTOIRE_FERME', 'Le contrôle de ce bilan n’attend pas de réponse : il n’a pas été envoyé, ou il est déjà définitif.');
  exigerVersionBilan(b, versionLue);
  const csf = exigerCsf(b);
  if (csf.reponse) throw new Conflit('REPONSE_DEJA_DONNEE', `Votre organisation a déjà répondu le ${dateFr(csf.reponse.le, 'Europe/Paris')} : la phase contradictoire ne compte qu’une réponse.`);
  const apresBilan: Bilan = { ...b, version: b.version + 1, csf: { ...csf, reponse: { ...trace(ctx, actor), texte } } };
  const { dossier, evenement } = etape(ctx, avant, actor, 'csf_reponse', { numero }, { bilans: remplace(bilans, apresBilan, (x) => x.numero === numero), paiements, programme: v.contenu.programme.code });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, bilan: { apres: apresBilan, versionLue }, notifications: [] });
  return apresBilan;
}

/** The CSF becomes final (after the contradictory round when it discards an amount: 422 `CONTRADICTOIRE_REQUIS`). */
export async function rendreDefinitif(ctx: ContexteBilans, actor: Actor, id: string, numero: number, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'bilan.controler');
  const v = await conventionEnVigueur(ctx, avant);
  const { b, bilans, paiements } = await bilanDe(ctx, avant, numero);
  const csf = b.csf;
  const statut = transitionBilan(b.statut, 'rendre_definitif', actor.roles, csf?.resultat.ecarteCentimes ?? 0);
  exigerVersionBilan(b, versionLue);
  const c = exigerCsf(b);
  const apresBilan: Bilan = { ...b, statut, version: b.version + 1, csf: { ...c, definitif: trace(ctx, actor) } };
  const { dossier, evenement } = etape(ctx, avant, actor, 'csf_definitif', { numero, fseDuCentimes: c.resultat.fseDuCentimes }, { bilans: remplace(bilans, apresBilan, (x) => x.numero === numero), paiements, programme: v.contenu.programme.code });
  const notifications = await auxPorteurs(ctx, dossier, 'csf_definitif', { bilan: libelleBilan(b), fseDu: formatMontant(c.resultat.fseDuCentimes) });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, bilan: { apres: apresBilan, versionLue }, notifications });
  return apresBilan;
}

/** An OI agent proposes a payment; the ledger's rules decide (paiements.ts); the dossier lock serialises proposals. */
export async function proposer(ctx: ContexteBilans, actor: Actor, id: string, demande: DemandePaiement) {
  const avant = await charger(ctx, actor, id, 'paiement.proposer');
  const v = await conventionEnVigueur(ctx, avant);
  const { bilans, paiements } = await etat(ctx, id);
  const p = proposerPaiement(demande, {
    convention: v.contenu,
    enVigueur: true,
    csf: csfDes(bilans),
    paiements,
  });
  const t = trace(ctx, actor);
  const enregistre: PaiementEnregistre = { ...p, id: ctx.nouvelId(), dossierId: id, propose: t, historique: [{ ...t, statut: 'propose' }] };
  const { dossier, evenement } = etape(ctx, avant, actor, 'paiement_propose', { paiementId: enregistre.id, nature: p.nature, montantCentimes: p.montantCentimes }, { bilans, paiements: [...paiements, enregistre], programme: v.contenu.programme.code });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, paiement: { apres: enregistre, statutLu: null }, notifications: [] });
  return enregistre;
}

/** An OI admin moves a payment on: validated (by someone other than its proposer), put into payment, paid. */
export async function transitionner(ctx: ContexteBilans, actor: Actor, id: string, paiementId: string, action: ActionPaiement) {
  const avant = await charger(ctx, actor, id, 'paiement.valider');
  const v = await conventionEnVigueur(ctx, avant);
  const { bilans, paiements } = await etat(ctx, id);
  const p = paiements.find((x) => x.id === paiementId);
  if (!p) throw new Introuvable('PAIEMENT_INTROUVABLE', `Aucun paiement de ce dossier ne porte l’identifiant ${paiementId}.`);
  const suivant = transitionPaiement(p, action, { roles: actor.roles, id: actor.userId }, p.propose.par);
  const t = trace(ctx, actor);
  const apres: PaiementEnregistre = { ...suivant, historique: [...p.historique, { ...t, statut: suivant.statut }] };
  const { dossier, evenement } = etape(ctx, avant, actor, `paiement_${suivant.statut}`, { paiementId, nature: p.nature, montantCentimes: p.montantCentimes }, { bilans, paiements: remplace(paiements, apres, (x) => x.id === paiementId), programme: v.contenu.programme.code });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, paiement: { apres, statutLu: p.statut }, notifications: [] });
  return apres;
}

/** What the CSF report of a bilan prints (templates/rapport-csf.ts): members of the organisation and OI agents read it. */
export async function rapportCsf(ctx: ContexteBilans, actor: Actor, id: string, numero: number) {
  const d = await charger(ctx, actor, id, 'bilan.lire');
  const v = await conventionEnVigueur(ctx, d);
  const { b } = await bilanDe(ctx, d, numero);
  const csf = exigerCsf(b);
  // What the report prints of the AAP (templates/rapport-csf.ts) and the fiche, one read.
  const [{ aap, fiche }, pieces] = await Promise.all([aapEtFiche(ctx, d, ['reference', 'titre', 'organismeIntermediaire', 'referencesPlies', 'depot']), ctx.pieces.lister(id)]);
  const { lignes } = realisationDe(typesRealisation(fiche), pieces, b);
  return {
    dossier: d,
    aap,
    fiche,
    convention: { numero: v.numero, periode: v.contenu.periode, fseConventionneCentimes: v.contenu.fseConventionneCentimes, tauxFse: v.contenu.annexe.tauxFse?.pourcentage ?? null },
    bilan: {
      numero: b.numero, nature: b.nature, depot: b.depot, realisation: b.realisation, csf,
      // What the report says of each expected pièce: its line, its state, the file kept (stages only when mobilised).
      piecesRealisation: lignes.filter((l) => l.origine === 'fiche' || l.mobilisee).map((l) => ({ libelle: l.libelle, etat: l.etat, fichier: l.piece?.nomFichier ?? null, pieceAcceptee: l.pieceAcceptee })),
    },
    fuseau: aap.depot.cloture.fuseau,
  };
}

/**
 * An OI agent issues the ordre de reversement of what was paid above the FSE dû of the last definitive CSF
 * (paiements.ts `emettreReversement` decides); the porteur's members are told by e-mail. The dossier lock serialises
 * it with payments, so two agents cannot order the same excess twice.
 */
export async function emettre(ctx: ContexteBilans, actor: Actor, id: string, demande: DemandeReversement) {
  const avant = await charger(ctx, actor, id, 'paiement.proposer');
  const v = await conventionEnVigueur(ctx, avant);
  const { bilans, paiements, reversements } = await etat(ctx, id);
  const aujourdhui = dateLocale(ctx.maintenant, 'Europe/Paris');
  const r = emettreReversement(demande, { csf: csfDes(bilans), paiements, reversements, aujourdhui });
  const ordre: OrdreReversement = {
    id: ctx.nouvelId(), dossierId: id, numero: `ORV-${avant.reference}-${reversements.length + 1}`, version: 1, ...r,
    echeance: demande.echeance, motif: demande.motif, statut: 'emis', emis: trace(ctx, actor), recouvrements: [],
  };
  const { dossier, evenement } = etape(ctx, avant, actor, 'reversement_emis', { reversementId: ordre.id, numero: ordre.numero, montantCentimes: ordre.montantCentimes, echeance: ordre.echeance }, { bilans, paiements, programme: v.contenu.programme.code });
  const b = bilans.find((x) => x.numero === r.bilanNumero)!;
  const notifications = await auxPorteurs(ctx, dossier, 'ordre_reversement', {
    numero: ordre.numero, montant: formatMontant(ordre.montantCentimes), echeance: dateFr(`${ordre.echeance}T12:00:00Z`, 'Europe/Paris'), motif: ordre.motif,
    bilan: libelleBilan(b), fseDu: formatMontant(r.fseDuCentimes),
  });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, reversement: { apres: ordre, versionLue: null }, notifications });
  return ordre;
}

/** An OI admin records a sum the porteur repaid against an ordre (paiements.ts `recouvrer`), until it is recovered. */
export async function recouvrement(ctx: ContexteBilans, actor: Actor, id: string, reversementId: string, demande: DemandeRecouvrement) {
  const avant = await charger(ctx, actor, id, 'paiement.valider');
  const v = await conventionEnVigueur(ctx, avant);
  const { bilans, paiements, reversements } = await etat(ctx, id);
  const ordre = reversements.find((x) => x.id === reversementId);
  if (!ordre) throw new Introuvable('REVERSEMENT_INTROUVABLE', `Aucun ordre de reversement de ce dossier ne porte l’identifiant ${reversementId}.`);
  const suivant = recouvrer(ordre, demande, trace(ctx, actor), dateLocale(ctx.maintenant, 'Europe/Paris'));
  const apres: OrdreReversement = { ...suivant, version: ordre.version + 1 };
  const { dossier, evenement } = etape(ctx, avant, actor, 'reversement_recouvrement', { reversementId, numero: ordre.numero, montantCentimes: demande.montantCentimes, statut: apres.statut }, { bilans, paiements, programme: v.contenu.programme.code });
  await ctx.bilans.enregistrer({ apres: dossier, avant, evenement, reversement: { apres, versionLue: ordre.version }, notifications: [] });
  return apres;
}

/** What the ordre de reversement prints (templates/ordre-reversement.ts): members of the organisation and OI agents. */
export async function ordreReversement(ctx: ContexteBilans, actor: Actor, id: string, reversementId: string) {
  const d = await charger(ctx, actor, id, 'bilan.lire');
  const v = await conventionEnVigueur(ctx, d);
  const { bilans, paiements, reversements } = await etat(ctx, id);
  const ordre = reversements.find((x) => x.id === reversementId);
  if (!ordre) throw new Introuvable('REVERSEMENT_INTROUVABLE', `Aucun ordre de reversement de ce dossier ne porte l’identifiant ${reversementId}.`);
  const b = bilans.find((x) => x.numero === ordre.bilanNumero);
  // What the ordre prints of the AAP (templates/ordre-reversement.ts) and its zone.
  const aap = await enteteAap(ctx, d.aapId, ['reference', 'organismeIntermediaire', 'depot']);
  if (!aap) throw new Error(`Référentiel du dossier ${d.id} introuvable`);
  return {
    dossier: d,
    aap,
    fuseau: aap.depot.cloture.fuseau,
    convention: { numero: v.numero, fseConventionneCentimes: v.contenu.fseConventionneCentimes, periode: v.contenu.periode },
    ordre,
    bilan: b ? { numero: b.numero, nature: b.nature, definitifLe: b.csf?.definitif?.le ?? null } : null,
    paiements: paiements.filter((p) => p.statut === 'paye' && p.propose.le <= ordre.emis.le),
  };
}

/**
 * The oi-admin's export of the payments to make: every `valide` payment of the OI's programmed dossiers (those whose
 * summary counts one: no other dossier is read), each paid to the account its dossier's current valid RIB declares.
 * SEPA: 422 when a RIB declares no account (every such dossier named); CSV: every payment, anomalies marked. Reading
 * only: the payments are put into payment one by one once the bank has the file.
 */
export async function virements(ctx: ContexteBilans, actor: Actor, demande: DemandeVirements) {
  exiger(actor, 'paiement.valider', { oi: actor.oi ?? null }, () => new AccesRefuse(POLITIQUE['paiement.valider'].refus));
  const oi = actor.oi!;
  const programmes = await ctx.dossiers.toutDuStatut(oi, 'programme');
  const concernes = programmes.filter((d) => (d.suivi.bilans?.paiements.aMettreEnPaiement ?? 0) > 0);
  const lignes: LigneVirement[] = (await Promise.all(concernes.map(async (d) => {
    const [paiements, pieces] = await Promise.all([ctx.bilans.paiements(d.id), ctx.pieces.lister(d.id)]);
    const rib = courantes(pieces).get(TYPE_PIECE_RIB);
    const compte = rib?.etat === 'valide' && rib.coordonnees ? rib.coordonnees : null;
    return paiements.filter((p) => p.statut === 'valide').map((p) => ({
      dossierId: d.id, reference: d.reference, organisationNom: d.organisationNom, siret: d.siret, paiementId: p.id, nature: p.nature, montantCentimes: p.montantCentimes, compte,
    }));
  }))).flat().sort((a, b) => a.reference.localeCompare(b.reference) || a.paiementId.localeCompare(b.paiementId));
  const horodatage = ctx.maintenant.toISOString().replace(/\D/g, '').slice(0, 14);
  if (demande.format === 'csv') return { format: 'csv' as const, texte: csvVirements(lignes), nom: `paiements-a-virer-${oi}-${horodatage}.csv`, nombre: lignes.length };
  const { xml, nombre } = await painVirements(lignes, {
    messageId: `GUICHET-${oi}-${horodatage}`.slice(0, 35), creeLe: ctx.maintenant, dateExecution: demande.dateExecution!, initiateur: oi, debiteur: demande.debiteur!,
  });
  return { format: 'sepa' as const, texte: xml, nom: `virements-sepa-${oi}-${horodatage}.xml`, nombre };
}
