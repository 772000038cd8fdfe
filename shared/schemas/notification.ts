import * as z from 'zod';

/** The e-mails Guichet sends (one French template each, shared/domain/notification/modeles.ts). */
export const MODELES = [
  'depot', 'complements_demandes', 'complements_recus', 'recevable', 'irrecevable', 'decision_comite', 'programmation',
  'programmation_corrigee', 'rectificatif', 'rappel_cloture', 'message_recu',
  'convention_a_signer', 'convention_signee_porteur', 'convention_en_vigueur',
  'bilan_depose', 'csf_contradictoire', 'csf_definitif', 'ordre_reversement',
  'rappel_bilan', 'rappel_paiement',
] as const;
export const ModeleNotification = z.enum(MODELES);
export type ModeleNotification = z.infer<typeof ModeleNotification>;

/** A person an e-mail goes to: the user id (their in-app list; null for an invitation not yet claimed) and the address. */
export const Destinataire = z.object({ utilisateurId: z.string().nullable(), email: z.string(), nom: z.string().nullable().default(null) });
export type Destinataire = z.infer<typeof Destinataire>;

/** `en_cours`: claimed by a sender run; a retry that finds it never sends again (at most once). */
export const EtatEnvoi = z.enum(['a_envoyer', 'en_cours', 'envoye', 'echec']);

/**
 * An outbox item: one e-mail to one recipient, written in the transaction of the state change that causes it, sent
 * by functions/notifications/envoyer.ts from the table's stream (a_envoyer → envoye, or echec with its reason).
 */
export const Notification = z.object({
  id: z.string(),
  modele: ModeleNotification,
  destinataire: Destinataire,
  sujet: z.string(),
  /** Path of the page concerned on the app's origin (`/dossiers/<id>`); the e-mail carries the absolute link. */
  lien: z.string(),
  donnees: z.record(z.string(), z.string()),
  dossierId: z.string().nullable().default(null),
  creeLe: z.string(),
  etat: EtatEnvoi,
  tentatives: z.number().int().default(0),
  envoyeLe: z.string().nullable().default(null),
  /** Why the last attempt failed; `permanent`: a bounce or refused address, never retried. */
  echec: z.object({ raison: z.string(), permanent: z.boolean(), le: z.string() }).nullable().default(null),
});
export type Notification = z.infer<typeof Notification>;

export const FiltresNotifications = z.strictObject({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FiltresNotifications = z.infer<typeof FiltresNotifications>;

/** What a user reads of their notifications in the app. */
export const NotificationVue = Notification.pick({ id: true, modele: true, sujet: true, lien: true, dossierId: true, creeLe: true, etat: true, envoyeLe: true, echec: true });

/** What OI staff read of a dossier's e-mails. */
export const NotificationDossier = Notification.pick({ id: true, modele: true, sujet: true, creeLe: true, etat: true, envoyeLe: true, echec: true, tentatives: true }).extend({
  destinataire: z.object({ email: z.string(), nom: z.string().nullable() }),
});
