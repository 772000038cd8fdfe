import type { Actor } from '../../auth/roles';
import { annuaire } from '../../auth/annuaire';
import { exiger, POLITIQUE } from '../../auth/politique';
import type { Comite, DeclarationConflit, DemandeComite, DemandeInstruction, Instruction, Vote } from '../../schemas/comite';
import type { Dossier, Evenement } from '../../schemas/dossier';
import type { Notification } from '../../schemas/notification';
import { AccesRefuse, Conflit, Introuvable, RegleMetier } from '../errors';
import { charger, CHAMPS_AAP, enteteAap, ficheDuDossier, lignesPieces, type ContexteDossier } from '../dossier/use-cases';
import type { ChampEntete } from '../aap/use-cases';
import { controle } from '../dossier/dossier';
import { journaliser } from '../dossier/journal';
import * as instr from '../instruction/instruction';
import * as regles from './comite';
import { notificationsDecision, notificationsProgrammation, notificationsRecevabilite } from '../notification/evenements';

/** The port comités, instructions and the enveloppe counter persist through. */
export interface ComiteStore {
  creer(c: Comite): Promise<void>;
  lire(id: string): Promise<Comite | null>;
  parAap(aapId: string): Promise<Comite[]>;
  /** The comités this user id sits on. */
  deMembre(utilisateurId: string): Promise<Comite[]>;
  /** Comité + dossiers (each conditioned on its version) + events in one transaction. */
  enregistrer(apres: Comite, avant: Comite, dossiers: Array<{ apres: Dossier; avant: Dossier; evenement: Evenement }>, enveloppe?: { aapId: string; ajoutSelection: number; versionLue: number }, notifications?: Notification[]): Promise<void>;
  /** Conflit `DECLARATION_EXISTANTE` if already declared; conditioned on the session being open. */
  declarer(d: DeclarationConflit, comiteId: string): Promise<void>;
  /** One vote per member per dossier (by key); conditioned on open session and a no-conflict declaration. */
  voter(v: Vote, comiteId: string): Promise<void>;
  conflits(comiteId: string): Promise<DeclarationConflit[]>;
  votes(comiteId: string): Promise<Vote[]>;
  instructions(dossierId: string): Promise<Instruction[]>;
  /** Dossier transition + its instruction version + event, in one transaction. */
  instruire(apres: Dossier, avant: Dossier, e: Evenement, i: Instruction): Promise<void>;
  /** The AAP's FSE counter; `version` conditions the next change (0 while none). */
  enveloppe(aapId: string): Promise<{ programmeCentimes: number; selectionneCentimes: number; version: number }>;
  /** Dossier → programme, moving its amount from selected to programmed, in one transaction. */
  programmer(apres: Dossier, avant: Dossier, e: Evenement, mouvement: { aapId: string; selectionne: number; programme: number }, notifications?: Notification[]): Promise<void>;
  /**
   * Corrected programmation: dossier (on its version) + event + the programmed counter moved by `difference`, conditioned
   * on the counter's version read, + e-mails, in one transaction.
   */
  corrigerProgrammation(apres: Dossier, avant: Dossier, e: Evenement, enveloppe: { aapId: string; difference: number; versionLue: number }, notifications: Notification[]): Promise<void>;
}

export interface ContexteComite extends ContexteDossier {
  comites: ComiteStore;
}

const transition = (ctx: ContexteComite, avant: Dossier, apres: Dossier, actor: Actor, type: string, donnees?: Record<string, unknown>) =>
  journaliser(apres, { id: ctx.nouvelId(), type, auteur: actor, de: avant.statut, maintenant: ctx.maintenant, ...(donnees ? { donnees } : {}) });

export async function recevabilite(ctx: ContexteComite, actor: Actor, id: string, demande: Parameters<typeof instr.deciderRecevabilite>[1], versionLue: number) {
  const avant = await charger(ctx, actor, id, 'instruire');
  const { aap, fiche } = await referentiel(ctx, avant, CHAMPS_AAP.pieces);
  const { lignes } = await lignesPieces(ctx, avant, { aap, fiche });
  const apres = instr.deciderRecevabilite(avant, demande, { versionLue, maintenant: ctx.maintenant, pieces: lignes, fiche });
  const { dossier, evenement } = transition(ctx, avant, apres, actor, 'recevabilite', { decision: demande.decision });
  await ctx.dossiers.remplacer(dossier, avant, evenement, undefined, await notificationsRecevabilite(ctx, dossier));
  return dossier;
}

/**
 * The fiche a dossier answers and the AAP's header attributes `champs` besides the common criteria of the grille (one
 * read); a fiche a rectificatif removed is a 409, not a failure.
 */
async function referentiel<K extends ChampEntete = never>(ctx: ContexteComite, d: Dossier, champs: readonly K[] = []) {
  const r = await ficheDuDossier(ctx, d, [...champs, 'selection' as const]);
  if (!r) {
    throw new Conflit('FICHE_RETIREE', `La fiche ${d.ficheCode} ne figure plus dans l’appel à projets ${d.aapReference} : le dossier ne peut plus être instruit sur cette fiche.`);
  }
  const { aap, fiche } = r;
  return { aap, fiche, grille: instr.grille(aap, fiche) };
}

/** load → decide → persist: a new version of the instruction (history kept), dossier → instruit. */
export async function instruire(ctx: ContexteComite, actor: Actor, id: string, demande: DemandeInstruction, versionLue: number) {
  const avant = await charger(ctx, actor, id, 'instruire');
  const [{ grille }, historique] = await Promise.all([referentiel(ctx, avant), ctx.comites.instructions(id)]);
  const r = instr.instruire(avant, demande, { actor, grille, versionLue, maintenant: ctx.maintenant, versionInstruction: historique.length + 1 });
  const { dossier, evenement } = transition(ctx, avant, r.dossier, actor, 'instruction', { avis: demande.avis, version: r.instruction.version });
  await ctx.comites.instruire(dossier, avant, evenement, r.instruction);
  return { dossier, instruction: r.instruction };
}

/**
 * The instruction (grille, current version, history) of a dossier: OI staff, and comité members who declared no
 * conflict on it. Porteurs never see scores.
 */
export async function lireInstruction(ctx: ContexteComite, actor: Actor, id: string) {
  const introuvable = () => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable();
  // Its comité's members, once the agenda is published, with their declaration on this dossier.
  const c = d.suivi.comiteId ? await ctx.comites.lire(d.suivi.comiteId) : null;
  const seance = c && c.statut !== 'preparation' ? c : null;
  const declaration = seance ? await declarationDe(ctx, seance.id, d.id, actor) : null;
  exiger(actor, 'instruction.lire', { oi: d.statut === 'brouillon' ? null : d.oi, comite: seance, declaration }, introuvable);
  const [{ grille }, historique] = await Promise.all([referentiel(ctx, d), ctx.comites.instructions(id)]);
  return { grille, instruction: historique.at(-1) ?? null, historique };
}

/** The caller's conflict declaration on a dossier of a comité, if any. */
const declarationDe = async (ctx: ContexteComite, comiteId: string, dossierId: string, actor: Actor) =>
  (await ctx.comites.conflits(comiteId)).find((x) => x.dossierId === dossierId && x.membre === actor.userId) ?? null;

/** What a member reads of an agenda dossier (read-only): summary, plan, instruction — after declaring no conflict. */
export async function dossierPourComite(ctx: ContexteComite, actor: Actor, comiteId: string, dossierId: string) {
  const c = await chargerComite(ctx, actor, comiteId);
  if (!c.ordreDuJour.includes(dossierId)) throw new Conflit('DOSSIER_HORS_ORDRE_DU_JOUR', 'Ce dossier n’est pas à l’ordre du jour de ce comité.');
  const d = await ctx.dossiers.lire(dossierId);
  if (!d) throw new Introuvable('DOSSIER_INTROUVABLE', 'Dossier introuvable.');
  const refus = () => new AccesRefuse(POLITIQUE['comite.lire_dossier'].refus);
  if (c.statut === 'preparation' && regles.roleDans(c, actor) !== 'oi') throw new Conflit('COMITE_NON_OUVERT', 'L’ordre du jour n’est pas encore publié.');
  exiger(actor, 'comite.lire_dossier', { oi: c.oi, comite: c, declaration: await declarationDe(ctx, c.id, d.id, actor) }, refus);
  const { aap, fiche, grille } = await referentiel(ctx, d, CHAMPS_AAP.controle);
  const historique = await ctx.comites.instructions(dossierId);
  return { dossier: d, controle: controle(d, aap, fiche), grille, instruction: historique.at(-1) ?? null };
}

/** A comité the policy lets the caller act on (`action`); a comité it has no seat on, or of another OI, reads as absent. */
export async function chargerComite(ctx: ContexteComite, actor: Actor, id: string, action: 'comite.lire' | 'comite.preparer' | 'comite.declarer' | 'comite.cloturer' = 'comite.lire'): Promise<Comite> {
  const introuvable = () => new Introuvable('COMITE_INTROUVABLE', `Aucun de vos comités ne porte l’identifiant ${id}.`);
  const c = await ctx.comites.lire(id);
  if (!c) throw introuvable();
  exiger(actor, action, { oi: c.oi, comite: c }, introuvable);
  return c;
}

export async function creerComite(ctx: ContexteComite, actor: Actor, demande: DemandeComite) {
  const aap = await enteteAap(ctx, demande.aapId, ['id', 'reference', 'organismeIntermediaire', 'referencesPlies', 'depot']);
  const introuvable = () => new Introuvable('AAP_INTROUVABLE', 'Aucun appel à projets de votre OI ne porte cet identifiant.');
  exiger(actor, 'comite.creer', { oi: aap?.organismeIntermediaire.sigle ?? null }, introuvable);
  if (!aap) throw introuvable();
  const emails = [...new Set(demande.membres.map((m) => m.email))];
  const trouvees = await Promise.all(emails.map((e) => annuaire().parEmail(e)));
  const personnes = new Map(trouvees.flatMap((p, i) => (p ? [[emails[i]!, p] as const] : [])));
  const c = regles.nouveauComite(aap, demande, { actor, id: ctx.nouvelId(), maintenant: ctx.maintenant, personnes });
  await ctx.comites.creer(c);
  return c;
}

/**
 * A comité as its reader may see it: everyone its agenda and decisions; members their own declarations and votes;
 * the president and OI staff the tallies.
 */
export async function lireComite(ctx: ContexteComite, actor: Actor, id: string) {
  const c = await chargerComite(ctx, actor, id);
  const role = regles.roleDans(c, actor)!;
  const [conflits, votes, dossiers] = await Promise.all([ctx.comites.conflits(id), ctx.comites.votes(id), Promise.all(c.ordreDuJour.map((x) => ctx.dossiers.lire(x)))]);
  const ordre = dossiers.flatMap((d) => (d ? [{ id: d.id, reference: d.reference, organisationNom: d.organisationNom, ficheCode: d.ficheCode, intitule: d.contenu.intitule, statut: d.statut }] : []));
  const voitDecomptes = role === 'oi' || role === 'president';
  return {
    ...c,
    monRole: role,
    ordre,
    mesDeclarations: conflits.filter((x) => x.membre === actor.userId),
    mesVotes: votes.filter((x) => x.membre === actor.userId),
    // `participants`: who must be ticked present at closing (they voted or declared), without saying how they voted.
    ...(voitDecomptes
      ? { decomptes: c.ordreDuJour.map((d) => ({ dossierId: d, ...regles.decompte(c, d, votes, conflits) })), conflits, participants: regles.participants(c, votes, conflits) }
      : {}),
    enveloppeActuelle: role === 'oi' ? await enveloppeDe(ctx, c.aapId).then(({ version: _v, ...e }) => e) : null,
  };
}

type EnveloppeAap = { enveloppeFseCentimes: number | null } | null;
async function enveloppeDe(ctx: ContexteComite, aapId: string, deja?: EnveloppeAap | Promise<EnveloppeAap>): Promise<regles.Enveloppe & { version: number }> {
  const [aap, compteur] = await Promise.all([deja !== undefined ? deja : enteteAap(ctx, aapId, ['enveloppeFseCentimes']), ctx.comites.enveloppe(aapId)]);
  return { enveloppeCentimes: aap?.enveloppeFseCentimes ?? null, ...compteur };
}

export async function ordreDuJour(ctx: ContexteComite, actor: Actor, id: string, demande: { dossierIds: string[]; publier: boolean }) {
  const avant = await chargerComite(ctx, actor, id, 'comite.preparer');
  const nouveaux = [...new Set(demande.dossierIds)].filter((x) => !avant.ordreDuJour.includes(x));
  // A brouillon (private to its organisation until dépôt) or another OI's dossier reads as absent: never its reference.
  const lus = (await Promise.all(nouveaux.map((x) => ctx.dossiers.lire(x)))).map((d) => (d && d.statut !== 'brouillon' && d.oi === avant.oi ? d : null));
  const absents = nouveaux.filter((_, i) => !lus[i]);
  if (absents.length) throw new RegleMetier('DOSSIER_INTROUVABLE', `Dossiers introuvables : ${absents.join(', ')}.`);
  const dossiers = lus.filter((d): d is Dossier => d !== null);
  const r = regles.inscrire(avant, dossiers, { publier: demande.publier, maintenant: ctx.maintenant });
  const mouvements = r.dossiers.map((apres, i) => {
    const j = transition(ctx, dossiers[i]!, apres, actor, 'inscription_comite', { comiteId: id });
    return { apres: j.dossier, avant: dossiers[i]!, evenement: j.evenement };
  });
  await ctx.comites.enregistrer(r.comite, avant, mouvements);
  return r.comite;
}

export async function declarerConflit(ctx: ContexteComite, actor: Actor, id: string, demande: { dossierId: string; conflit: boolean; commentaire: string }) {
  const c = await chargerComite(ctx, actor, id);
  regles.declarer(c, actor, demande.dossierId);
  const d: DeclarationConflit = { ...demande, membre: actor.userId, declareLe: ctx.maintenant.toISOString() };
  await ctx.comites.declarer(d, id);
  return d;
}

export async function voter(ctx: ContexteComite, actor: Actor, id: string, demande: { dossierId: string; vote: Vote['vote'] }) {
  const c = await chargerComite(ctx, actor, id);
  const declaration = await declarationDe(ctx, id, demande.dossierId, actor);
  regles.exigerVotant(c, actor, demande.dossierId, declaration);
  const v: Vote = { ...demande, membre: actor.userId, voteLe: ctx.maintenant.toISOString() };
  await ctx.comites.voter(v, id);
  return v;
}

/** load → decide → persist: attendance, decisions, dossier transitions, enveloppe — all or nothing. */
export async function cloturer(
  ctx: ContexteComite, actor: Actor, id: string,
  demande: { decisions: Array<{ dossierId: string; ajourner: boolean; motif?: string | undefined }>; presents: string[] },
) {
  const avant = await chargerComite(ctx, actor, id, 'comite.cloturer');
  const [votes, conflits, lus, enveloppe] = await Promise.all([
    ctx.comites.votes(id), ctx.comites.conflits(id), Promise.all(avant.ordreDuJour.map((x) => ctx.dossiers.lire(x))), enveloppeDe(ctx, avant.aapId),
  ]);
  const dossiers = lus.filter((d): d is Dossier => d !== null);
  const { version: versionEnveloppe, ...valeurs } = enveloppe;
  const r = regles.cloturer(avant, {
    dossiers, votes, conflits, enveloppe: valeurs, maintenant: ctx.maintenant, demande: demande.decisions, presents: demande.presents, closPar: actor.userId,
  });
  const mouvements = r.dossiers.map((apres) => {
    const av = dossiers.find((x) => x.id === apres.id)!;
    const j = transition(ctx, av, apres, actor, 'decision_comite', { comiteId: id, decision: apres.statut });
    return { apres: j.dossier, avant: av, evenement: j.evenement };
  });
  const notifications = (await Promise.all(mouvements.filter((m) => m.apres.statut !== m.avant.statut).map((m) => notificationsDecision(ctx, m.apres)))).flat();
  await ctx.comites.enregistrer(r.comite, avant, mouvements, { aapId: avant.aapId, ajoutSelection: r.ajoutSelection, versionLue: versionEnveloppe }, notifications);
  return r.comite;
}

export async function programmer(ctx: ContexteComite, actor: Actor, id: string, demande: Parameters<typeof instr.programmer>[1], versionLue: number) {
  const avant = await charger(ctx, actor, id, 'programmer');
  const fuseau = (await enteteAap(ctx, avant.aapId, ['depot']))?.depot.cloture.fuseau ?? 'Europe/Paris';
  const apres = instr.programmer(avant, demande, { versionLue, maintenant: ctx.maintenant, fuseau });
  const { dossier, evenement } = transition(ctx, avant, apres, actor, 'programmation', { montantFseCentimes: demande.montantFseCentimes });
  await ctx.comites.programmer(dossier, avant, evenement, { aapId: avant.aapId, selectionne: avant.suivi.decision?.montantFseCentimes ?? 0, programme: demande.montantFseCentimes }, await notificationsProgrammation(ctx, dossier));
  return dossier;
}

export async function enveloppeAap(ctx: ContexteComite, actor: Actor, aapId: string) {
  // The header (its OI for the tenancy, its enveloppe for the figures), the counters and the sessions, all at once:
  // the last two are keyed by the AAP alone, and used only once the header has said the caller may read them.
  const entete = enteteAap(ctx, aapId, ['organismeIntermediaire', 'enveloppeFseCentimes']);
  const autres = Promise.all([enveloppeDe(ctx, aapId, entete), ctx.comites.parAap(aapId)]);
  autres.catch(() => undefined);
  const aap = await entete;
  exiger(actor, 'aap.lire_gestion', { oi: aap?.organismeIntermediaire.sigle ?? null }, () => new Introuvable('AAP_INTROUVABLE', 'Aucun appel à projets de votre OI ne porte cet identifiant.'));
  const [{ version: _v, ...e }, comites] = await autres;
  const restant = e.enveloppeCentimes === null ? null : e.enveloppeCentimes - e.programmeCentimes - e.selectionneCentimes;
  return { ...e, restantCentimes: restant, comites };
}

/** A comité member's sessions, newest first. */
export async function mesComites(ctx: ContexteComite, actor: Actor) {
  exiger(actor, 'comite.lister', {}, () => new AccesRefuse(POLITIQUE['comite.lister'].refus));
  return ctx.comites.deMembre(actor.userId);
}

/** The data of the procès-verbal of a closed session. */
export async function procesVerbal(ctx: ContexteComite, actor: Actor, id: string) {
  const c = await chargerComite(ctx, actor, id);
  if (c.statut !== 'clos') throw new Conflit('COMITE_NON_CLOS', 'Le procès-verbal est établi à la clôture de la séance.');
  const [aap, conflits, votes, dossiers] = await Promise.all([
    // What the PV prints of the AAP (templates/proces-verbal.ts).
    enteteAap(ctx, c.aapId, ['reference', 'titre', 'organismeIntermediaire', 'enveloppeFseCentimes']), ctx.comites.conflits(id), ctx.comites.votes(id), Promise.all(c.ordreDuJour.map((x) => ctx.dossiers.lire(x))),
  ]);
  if (!aap) throw new Error(`AAP ${c.aapId} introuvable`);
  // Closings record attendance; comités closed before they did keep the PV they had: present is who took part.
  const presents = c.presents ?? regles.participants(c, votes, conflits);
  return {
    comite: c, aap, conflits, presents,
    dossiers: dossiers.flatMap((d) => (d ? [{ id: d.id, reference: d.reference, organisationNom: d.organisationNom, ficheCode: d.ficheCode, intitule: d.contenu.intitule }] : [])),
  };
}

/** What the rapport d'instruction shows: OI staff or comité members without conflict. */
export async function rapport(ctx: ContexteComite, actor: Actor, id: string) {
  const { grille, instruction } = await lireInstruction(ctx, actor, id);
  if (!instruction) throw new Conflit('DOSSIER_NON_INSTRUIT', 'Ce dossier n’est pas encore instruit.');
  const d = (await ctx.dossiers.lire(id))!;
  const { aap, fiche } = await referentiel(ctx, d, ['reference', 'titre', 'organismeIntermediaire', 'referencesPlies', ...CHAMPS_AAP.controle]);
  const c = controle(d, aap, fiche);
  return { dossier: d, aap, fiche, grille, instruction, coutTotalCentimes: c.totaux.coutTotal, fseDemandeCentimes: c.totaux.fse };
}

/** What the decision letter shows of the AAP (templates/lettre-decision.ts). */
const CHAMPS_LETTRE = ['reference', 'titre', 'organismeIntermediaire'] as const;

/** The decision letter: the porteur (and the OI) read the decision, its motif and amount, never scores or votes. */
export async function lettreDecision(ctx: ContexteComite, actor: Actor, id: string) {
  const d = await charger(ctx, actor, id, 'lire');
  const dec = d.suivi.decision;
  if (d.statut === 'irrecevable') {
    // Irrecevabilité is a decision too: its letter gives the motif and the voies de recours.
    const aapIrr = await enteteAap(ctx, d.aapId, CHAMPS_LETTRE);
    if (!aapIrr) throw new Error(`AAP ${d.aapId} introuvable`);
    return {
      dossier: d, aap: aapIrr,
      decision: { statut: 'irrecevable' as const, motif: d.suivi.motifIrrecevabilite ?? '', date: d.modifieLe, montantFseCentimes: null, comite: { plie: d.plie, date: '' } },
    };
  }
  if (!dec) throw new Conflit('DECISION_ABSENTE', 'Aucune décision n’a encore été prise sur ce dossier.');
  const aap = await enteteAap(ctx, d.aapId, CHAMPS_LETTRE);
  if (!aap) throw new Error(`AAP ${d.aapId} introuvable`);
  const prog = d.suivi.programmation;
  const remplacee = prog?.corrections?.at(-1);
  return {
    dossier: d, aap,
    decision: {
      // A programmation below the selected amount carries the admin's motif for the reduction.
      statut: prog ? ('programme' as const) : dec.statut, motif: prog?.motif ?? dec.motif, date: prog?.enregistreLe ?? dec.date,
      montantFseCentimes: prog?.montantFseCentimes ?? dec.montantFseCentimes, comite: { plie: dec.plie, date: dec.dateComite },
      // A corrected programmation's letter replaces the one issued with the programmation it corrects.
      ...(remplacee ? { remplace: remplacee.enregistreLe } : {}),
    },
  };
}
