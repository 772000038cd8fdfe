import type { Actor } from './roles';

/** What an actor may do to the AAPs of an Organisme Intermédiaire. Pure: no I/O. */
export type ActionAap = 'lire_brouillon' | 'ecrire' | 'publier' | 'rectifier';

const estAgentOi = (a: Actor) => a.roles.includes('oi-admin') || a.roles.includes('oi-gestionnaire');

/**
 * OI staff act only on their own OI's AAPs; writing drafts is open to gestionnaires, while publishing and
 * rectifying (acts that bind the OI publicly) belong to oi-admin.
 */
export function peutAap(actor: Actor, action: ActionAap, oiSigle: string): boolean {
  if (!estAgentOi(actor) || actor.oi === null || actor.oi !== oiSigle) return false;
  if (action === 'publier' || action === 'rectifier') return actor.roles.includes('oi-admin');
  return true;
}

/** A PLIE belongs to its OI: its administrators write it; everyone reads it (it is part of what AAPs publish). */
export const peutEcrirePlie = (actor: Actor, oiSigle: string): boolean =>
  actor.oi === oiSigle && actor.roles.includes('oi-admin');
