import type { Comite } from '../../schemas/comite';

/**
 * A member as screens and the PV name them: the seat's name, and its quality when asked. A comité composed before
 * seats existed names its members by the key it stored (their e-mail).
 */
export function nomMembre(comite: Pick<Comite, 'sieges'>, id: string, avecQualite = false): string {
  const s = comite.sieges.find((x) => x.id === id);
  if (!s) return id;
  return avecQualite && s.qualite ? `${s.nom}, ${s.qualite}` : s.nom;
}

/** The seat of the caller, found by the e-mail of their session (display only: the API decides by user id). */
export const siegeParEmail = (comite: Pick<Comite, 'sieges'>, email: string) => comite.sieges.find((s) => s.email === email) ?? null;
