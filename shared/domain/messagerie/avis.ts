/**
 * The « message reçu » e-mails of a new message, as outbox items for the message's own transaction: a message of the
 * OI goes to every member of the porteur's organisation; a message of the porteur goes to the OI agents who have
 * written in that thread, the dossier's instructeur and those who follow it (« suivre »). A thread the porteur opens on
 * a dossier nobody has taken reaches the OI through the unread counts of its pages: the OI has no single inbox address.
 */
import type { Destinataire, Notification } from '../../schemas/notification';
import { aLoi, auxPorteurs, type ContexteNotification } from '../notification/evenements';
import type { AffectationStore } from '../dossier/gestion';
import type { ContexteMessagerie } from './use-cases';

/** A message's transaction holds at most 100 writes: the message, its thread, 5 attachments, the check, the e-mails. */
const MAX_DESTINATAIRES = 80;

type Avis = Parameters<NonNullable<ContexteMessagerie['avisMessage']>>[0];

export async function avisMessageRecu(ctx: ContexteNotification & { affectations: Pick<AffectationStore, 'duDossier'> }, { dossier, fil, message, tout }: Avis): Promise<Notification[]> {
  const donnees = { auteur: message.auteurNom, objet: fil.sujet };
  if (message.cote === 'oi') return (await auxPorteurs(ctx, dossier, 'message_recu', donnees)).slice(0, MAX_DESTINATAIRES);
  const agents = new Map<string, Destinataire>();
  for (const m of tout.messages) {
    if (m.filId === fil.id && m.cote === 'oi' && m.auteurEmail) agents.set(m.auteurId, { utilisateurId: m.auteurId, email: m.auteurEmail, nom: m.auteurNom });
  }
  const { instructeur, suiveurs } = await ctx.affectations.duDossier(dossier.oi, dossier.id);
  for (const p of [instructeur, ...suiveurs]) if (p?.email && !agents.has(p.userId)) agents.set(p.userId, { utilisateurId: p.userId, email: p.email, nom: p.nom });
  return aLoi(ctx, dossier, [...agents.values()].slice(0, MAX_DESTINATAIRES), 'message_recu', donnees);
}
