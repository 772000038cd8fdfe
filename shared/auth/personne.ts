import type { Actor } from './roles';

/** How a person is named in documents and screens: « Prénom Nom », or the e-mail when the provider gave no name. */
export const nomDe = (actor: Pick<Actor, 'prenom' | 'nom' | 'email'>): string =>
  [actor.prenom, actor.nom].filter((x): x is string => !!x && x.trim() !== '').join(' ') || actor.email;
