import type { Actor } from '../auth/roles';
import { NonAuthentifie } from '../domain/errors';

/** The caller on a `jwt` route (the middleware already refused anonymous calls; this narrows the type). */
export function exigerActeur(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new NonAuthentifie();
  return req.actor;
}
