import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { enregistrer } from '#shared/domain/bilan/use-cases';

export const handler = http(contrat(routesBilans, 'PUT /dossiers/{id}/bilans/{numero}'), async (req) => {
  const b = await enregistrer(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, req.body, req.headers['if-match'] ? versionLue(req.headers) : null);
  return ok(b, etag(b.version));
});
