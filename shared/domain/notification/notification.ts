/**
 * Notifications as outbox items. A use case that changes a state builds them here (pure) and hands them to the
 * store's write of that change, which puts them in the same DynamoDB transaction; the table's stream then feeds the
 * sender (functions/notifications/envoyer.ts). Other features call `notification(...)` the same way, e.g. the
 * messagerie: `notification('message_recu', { destinataires, donnees: { reference, auteur, objet }, lien, ... })`,
 * then put `itemsOutbox(n)` (shared/repositories/notification-repository.ts) into their own TransactWrite.
 */
import type { Actor } from '../../auth/roles';
import type { Destinataire, ModeleNotification, Notification } from '../../schemas/notification';
import type { Membre } from '../../schemas/organisation';
import { MODELES_EMAIL } from './modeles';

export interface ParametresNotification {
  destinataires: readonly Destinataire[];
  /** The template's words (shared/domain/notification/modeles.ts): reference, intitule, dateLimite, motif… */
  donnees: Record<string, string | undefined>;
  /** Path of the page concerned on the app (`/dossiers/<id>`, `/gestion/dossiers/<id>`, `/aaps/<id>`). */
  lien: string;
  dossierId?: string | null;
  maintenant: Date;
  nouvelId: () => string;
}

/** One outbox item per recipient (by address, case-insensitive): each e-mail succeeds or fails on its own. */
export function notification(modele: ModeleNotification, p: ParametresNotification): Notification[] {
  const donnees = Object.fromEntries(Object.entries(p.donnees).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const vus = new Set<string>();
  const iso = p.maintenant.toISOString();
  return p.destinataires.flatMap((d) => {
    const cle = d.email.trim().toLowerCase();
    if (!cle || vus.has(cle)) return [];
    vus.add(cle);
    return [{
      id: p.nouvelId(), modele, destinataire: { utilisateurId: d.utilisateurId, email: d.email.trim(), nom: d.nom ?? null },
      sujet: MODELES_EMAIL[modele].sujet(donnees), lien: p.lien, donnees, dossierId: p.dossierId ?? null, creeLe: iso,
      etat: 'a_envoyer' as const, tentatives: 0, envoyeLe: null, echec: null,
    }];
  });
}

/** The porteur side: every member of the organisation (an invitation not yet claimed is reached by its address). */
export const destinatairesMembres = (membres: readonly Membre[]): Destinataire[] =>
  membres.map((m) => ({ utilisateurId: m.utilisateurId, email: m.email, nom: m.nom }));

/** A person acting now (an OI agent who asked for compléments, an author). */
export const destinataireActeur = (a: Actor): Destinataire => ({
  utilisateurId: a.userId, email: a.email, nom: [a.prenom, a.nom].filter(Boolean).join(' ') || null,
});

/** Dates and amounts as the e-mails write them (French, in the AAP's zone). */
export const dateFr = (iso: string, fuseau = 'Europe/Paris') => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [a, m, j] = iso.split('-');
    return `${j}/${m}/${a}`;
  }
  const texte = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: fuseau }).format(new Date(iso)).replace(' ', ' à ');
  return `${texte} (heure de ${fuseau === 'Europe/Paris' ? 'Paris' : fuseau})`;
};
export const euros = (centimes: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(centimes / 100).replace(/\u202f|\u00a0/g, ' ');
