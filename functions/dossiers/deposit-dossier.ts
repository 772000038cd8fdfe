import { http, ok } from '#shared/http/handler';
import { routeDepositDossier } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { demandeIdempotente } from '#shared/http/idempotence';
import { deposer } from '#shared/domain/dossier/use-cases';

/** Idempotency keys are scoped by route (and user). */
const ROUTE = 'POST /dossiers/{id}/depot';

export const handler = http(routeDepositDossier, async (req) => {
  const d = await deposer(contexteDossier(req), exigerActeur(req), req.params.id, demandeIdempotente(req, ROUTE));
  return ok(d, { ...etag(d.version), location: `/dossiers/${d.id}/accuse-depot.pdf` });
});
