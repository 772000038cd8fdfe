import { createHash } from 'node:crypto';
import type { Annuaire } from '#shared/auth/annuaire';
import type { Role } from '#shared/auth/roles';

export interface DemoUser {
  email: string;
  /** The stable user id (`sub`): memberships, votes and audit events refer to it, never to the e-mail. */
  sub: string;
  prenom: string;
  nom: string;
  /** How documents name the person after their name (« Directrice », « représentant de la DREETS »). */
  qualite: string;
  roles: Role[];
  oi?: string;
}

/** The demo identities of the local runtime (the local sign-in page and README list them). */
export const DEMO_USERS: DemoUser[] = [
  { email: 'oi@guichet.test', sub: 'demo-oi-admin', prenom: 'Claire', nom: 'Martin', qualite: 'Responsable du service FSE, AGAPE', roles: ['oi-admin'], oi: 'AGAPE' },
  { email: 'gestionnaire@guichet.test', sub: 'demo-gestionnaire', prenom: 'Karim', nom: 'Benali', qualite: 'Gestionnaire FSE, AGAPE', roles: ['oi-gestionnaire'], oi: 'AGAPE' },
  // The admins of the two other OIs of data/plies-autres.json: each reads and edits its own PLIE's exit rules.
  { email: 'oi-mulhouse@guichet.test', sub: 'demo-oi-mulhouse', prenom: 'Mathieu', nom: 'Schmitt', qualite: 'Responsable du PLIE du pays de la région mulhousienne, MEF Mulhouse Sud Alsace', roles: ['oi-admin'], oi: 'MEF-MULHOUSE' },
  { email: 'oi-dijon@guichet.test', sub: 'demo-oi-dijon', prenom: 'Élodie', nom: 'Bernard', qualite: 'Coordinatrice du PLIE du bassin dijonnais, GIP Creativ’', roles: ['oi-admin'], oi: 'CREATIV' },
  { email: 'porteur@guichet.test', sub: 'demo-porteur', prenom: 'Sophie', nom: 'Lefèvre', qualite: 'Directrice, Association Cap Emploi Agenais', roles: ['porteur'] },
  { email: 'porteur2@guichet.test', sub: 'demo-porteur2', prenom: 'Thomas', nom: 'Durand', qualite: 'Directeur, Régie de quartier Bordeaux Nord', roles: ['porteur'] },
  { email: 'comite1@guichet.test', sub: 'demo-comite1', prenom: 'Hélène', nom: 'Garnier', qualite: 'Présidente du PLIE du Haut Périgord', roles: ['comite'] },
  { email: 'comite2@guichet.test', sub: 'demo-comite2', prenom: 'Marc', nom: 'Rousseau', qualite: 'Représentant de la DREETS Nouvelle-Aquitaine', roles: ['comite'] },
  { email: 'comite3@guichet.test', sub: 'demo-comite3', prenom: 'Nadia', nom: 'Haddad', qualite: 'Représentante du Conseil départemental de la Dordogne', roles: ['comite'] },
  { email: 'comite4@guichet.test', sub: 'demo-comite4', prenom: 'Julien', nom: 'Moreau', qualite: 'Représentant de France Travail', roles: ['comite'] },
  { email: 'comite5@guichet.test', sub: 'demo-comite5', prenom: 'Isabelle', nom: 'Petit', qualite: 'Représentante de la Région Nouvelle-Aquitaine', roles: ['comite'] },
  // An invited account not yet given a group: the web app explains whom to ask.
  { email: 'nouveau@guichet.test', sub: 'demo-sans-role', prenom: 'Camille', nom: 'Nouvel', qualite: 'Compte invité, sans rôle', roles: [] },
];

export const nomComplet = (u: Pick<DemoUser, 'prenom' | 'nom'>): string => `${u.prenom} ${u.nom}`;

/**
 * The user id the local provider gives an address: a demo account's own, otherwise derived from the address (any
 * address signs in locally, as a new porteur would register on AWS).
 */
export function subLocal(email: string): string {
  const e = email.trim().toLowerCase();
  return DEMO_USERS.find((u) => u.email === e)?.sub ?? `user-${createHash('sha256').update(e).digest('hex').slice(0, 24)}`;
}

/** The local provider's directory: every address has an account (see `subLocal`); demo accounts have names. */
export const annuaireLocal: Annuaire = {
  parEmail(email) {
    const e = email.trim().toLowerCase();
    const demo = DEMO_USERS.find((u) => u.email === e);
    return Promise.resolve({ id: subLocal(e), email: e, prenom: demo?.prenom ?? null, nom: demo?.nom ?? null, qualite: demo?.qualite ?? null });
  },
  agentsOi(oi, role) {
    return Promise.resolve(DEMO_USERS.filter((u) => u.oi === oi && u.roles.includes(role)).map((u) => ({ id: u.sub, email: u.email, prenom: u.prenom, nom: u.nom, qualite: u.qualite })));
  },
};
