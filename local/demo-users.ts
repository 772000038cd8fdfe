import type { Role } from '#shared/auth/roles';

export interface DemoUser {
  email: string;
  sub: string;
  nom: string;
  roles: Role[];
  oi?: string;
}

/** The demo identities of the local runtime (README lists them). */
export const DEMO_USERS: DemoUser[] = [
  { email: 'oi@guichet.test', sub: 'demo-oi-admin', nom: 'Claire Martin (AGAPE, administratrice)', roles: ['oi-admin'], oi: 'AGAPE' },
  { email: 'gestionnaire@guichet.test', sub: 'demo-gestionnaire', nom: 'Karim Benali (AGAPE, gestionnaire)', roles: ['oi-gestionnaire'], oi: 'AGAPE' },
  { email: 'porteur@guichet.test', sub: 'demo-porteur', nom: 'Sophie Lefèvre (Association Cap Emploi Agenais)', roles: ['porteur'] },
  { email: 'porteur2@guichet.test', sub: 'demo-porteur2', nom: 'Thomas Durand (Régie de quartier Bordeaux Nord)', roles: ['porteur'] },
  ...[1, 2, 3, 4, 5].map((n) => ({
    email: `comite${n}@guichet.test`,
    sub: `demo-comite${n}`,
    nom: `Membre ${n} du comité de pilotage`,
    roles: ['comite'] as Role[],
  })),
  // An invited account not yet given a group: the web app explains whom to ask.
  { email: 'nouveau@guichet.test', sub: 'demo-sans-role', nom: 'Compte invité, sans rôle', roles: [] },
];
