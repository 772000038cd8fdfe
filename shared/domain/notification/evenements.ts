/**
 * Which notifications each state change writes (built here, put by the change's own transaction): the porteur side is
 * every member of the dossier's organisation, linked to `/dossiers/<id>`; the OI side, where relevant, the agent
 * concerned, linked to `/gestion/dossiers/<id>`.
 */
import type { Dossier } from '../../schemas/dossier';
import type { Destinataire, ModeleNotification, Notification } from '../../schemas/notification';
import type { OrganisationStore } from '../organisation/use-cases';
import { motifSansVotes } from '../comite/comite';
import { dateFr, destinatairesMembres, euros, notification } from './notification';

export interface ContexteNotification {
  orgs: Pick<OrganisationStore, 'membres'>;
  maintenant: Date;
  nouvelId: () => string;
  /** The e-mails already written about a dossier (to find the OI agent who asked for compléments). */
  notifications?: { parDossier(dossierId: string): Promise<Notification[]> };
}

const donneesDossier = (d: Dossier) => ({ reference: d.reference, intitule: d.contenu.intitule, organisation: d.organisationNom, aap: d.aapReference });

/** The members of the dossier's organisation, about that dossier. */
export async function auxPorteurs(ctx: ContexteNotification, d: Dossier, modele: ModeleNotification, donnees: Record<string, string | undefined> = {}): Promise<Notification[]> {
  const membres = await ctx.orgs.membres(d.organisationId);
  return notification(modele, {
    destinataires: destinatairesMembres(membres), donnees: { ...donneesDossier(d), ...donnees }, lien: `/dossiers/${d.id}`,
    dossierId: d.id, maintenant: ctx.maintenant, nouvelId: ctx.nouvelId,
  });
}

/** OI agents, about a dossier they handle. */
export function aLoi(ctx: ContexteNotification, d: Dossier, destinataires: Destinataire[], modele: ModeleNotification, donnees: Record<string, string | undefined> = {}): Notification[] {
  return notification(modele, {
    destinataires, donnees: { ...donneesDossier(d), ...donnees }, lien: `/gestion/dossiers/${d.id}`, dossierId: d.id, maintenant: ctx.maintenant, nouvelId: ctx.nouvelId,
  });
}

export const notificationsDepot = (ctx: ContexteNotification, d: Dossier, fuseau: string) =>
  auxPorteurs(ctx, d, 'depot', { deposeLe: d.depot ? dateFr(d.depot.deposeLe, fuseau) : undefined });

/** Compléments received: the porteurs (their receipt) and the OI agent who asked for them. */
export async function notificationsComplementsRecus(ctx: ContexteNotification, d: Dossier, fuseau: string): Promise<Notification[]> {
  const donnees = { recuLe: dateFr(ctx.maintenant.toISOString(), fuseau) };
  const porteurs = await auxPorteurs(ctx, d, 'complements_recus', donnees);
  const demande = (await ctx.notifications?.parDossier(d.id))?.filter((n) => n.modele === 'complements_demandes' && n.donnees.demandeurEmail).at(-1);
  const agent = demande ? [{ utilisateurId: demande.donnees.demandeurId ?? null, email: demande.donnees.demandeurEmail!, nom: demande.donnees.demandeur ?? null }] : [];
  return [...porteurs, ...aLoi(ctx, d, agent, 'complements_recus', donnees)];
}

export const notificationsComplementsDemandes = (ctx: ContexteNotification, d: Dossier, demandeur: Destinataire) =>
  auxPorteurs(ctx, d, 'complements_demandes', {
    dateLimite: d.complements ? dateFr(d.complements.dateLimite) : undefined,
    pieces: d.complements?.pieces.join(', '),
    message: d.complements?.message,
    demandeurId: demandeur.utilisateurId ?? undefined, demandeurEmail: demandeur.email, demandeur: demandeur.nom ?? undefined,
  });

export const notificationsRecevabilite = (ctx: ContexteNotification, d: Dossier) =>
  d.statut === 'irrecevable'
    ? auxPorteurs(ctx, d, 'irrecevable', { motif: d.suivi.motifIrrecevabilite })
    : d.statut === 'recevable' ? auxPorteurs(ctx, d, 'recevable') : Promise.resolve([]);

const DECISIONS: Record<string, string> = { selectionne: 'dossier sélectionné', rejete: 'dossier rejeté', ajourne: 'examen ajourné' };

export function notificationsDecision(ctx: ContexteNotification, d: Dossier) {
  const dec = d.suivi.decision;
  return auxPorteurs(ctx, d, 'decision_comite', {
    decision: DECISIONS[d.statut] ?? d.statut.replace(/_/g, ' '),
    plie: dec?.plie, dateComite: dec?.dateComite ? dateFr(dec.dateComite) : undefined,
    montant: dec?.montantFseCentimes ? euros(dec.montantFseCentimes) : undefined,
    motif: dec?.motif ? motifSansVotes(dec.motif) : undefined,
  });
}

export const notificationsProgrammation = (ctx: ContexteNotification, d: Dossier) =>
  auxPorteurs(ctx, d, 'programmation', {
    montant: d.suivi.programmation ? euros(d.suivi.programmation.montantFseCentimes) : undefined,
    dateDecision: d.suivi.programmation ? dateFr(d.suivi.programmation.dateDecision ?? d.suivi.programmation.enregistreLe) : undefined,
  });

/** A corrected programmation: the porteurs learn the old and new amounts, the decision's date and why it changed. */
export function notificationsCorrectionProgrammation(ctx: ContexteNotification, d: Dossier) {
  const p = d.suivi.programmation;
  const remplacee = p?.corrections?.at(-1);
  return auxPorteurs(ctx, d, 'programmation_corrigee', {
    montant: p ? euros(p.montantFseCentimes) : undefined,
    ancienMontant: remplacee ? euros(remplacee.montantFseCentimes) : undefined,
    dateDecision: p ? dateFr(p.dateDecision) : undefined,
    motifCorrection: remplacee?.motifCorrection,
  });
}
