import { exiger, POLITIQUE } from '../../auth/politique';
import type { Actor } from '../../auth/roles';
import type { FiltresNotifications, Notification } from '../../schemas/notification';
import { AccesRefuse } from '../errors';

export interface ContexteNotifications {
  notifications: { parUtilisateur(utilisateurId: string, f: FiltresNotifications): Promise<{ items: Notification[]; cursor: string | null }> };
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
