import { exiger, POLITIQUE } from '../../auth/politique';
import type { Actor } from '../../auth/roles';
import type { FiltresNotifications, Notification } from '../../schemas/notification';
import { AccesRefuse } from '../errors';
import { charger, type ContexteDossier } from '../dossier/use-cases';

export interface ContexteNotifications {
  notifications: {
    parUtilisateur(utilisateurId: string, f: FiltresNotifications): Promise<{ items: Notification[]; cursor: string | null }>;
    parDossier(dossierId: string): Promise<Notification[]>;
  };
}

/** The caller's own notifications, newest first: what was sent (or failed) to them, by user id. */
export async function mesNotifications(ctx: ContexteNotifications, actor: Actor, f: FiltresNotifications) {
  // Staff are tied to their own OI: the caller's notifications are theirs whatever their role.
  exiger(actor, 'notification.lister', { oi: actor.oi }, () => new AccesRefuse(POLITIQUE['notification.lister'].refus));
  const page = await ctx.notifications.parUtilisateur(actor.userId, f);
  return {
    items: page.items.map(({ id, modele, sujet, lien, dossierId, creeLe, etat, envoyeLe, echec }) => ({ id, modele, sujet, lien, dossierId, creeLe, etat, envoyeLe, echec })),
    cursor: page.cursor,
  };
}

/**
 * The e-mails about a dossier, for the OI staff who handle it: to whom (name and address), when, and whether each was
 * delivered — a bounced address shows here with its reason, so that the agent can reach the porteur otherwise.
 */
export async function notificationsDossier(ctx: ContexteNotifications & ContexteDossier, actor: Actor, dossierId: string) {
  await charger(ctx, actor, dossierId, 'instruire');
  const items = await ctx.notifications.parDossier(dossierId);
  return {
    items: items.reverse().map(({ id, modele, sujet, destinataire, creeLe, etat, envoyeLe, echec, tentatives }) => ({
      id, modele, sujet, destinataire: { email: destinataire.email, nom: destinataire.nom }, creeLe, etat, envoyeLe, echec, tentatives,
    })),
  };
}
