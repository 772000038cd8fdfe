import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { controler } from '#shared/domain/bilan/use-cases';

export const handler = http(contrat(routesBilans, 'PUT /dossiers/{id}/bilans/{numero}/csf'), async (req) => {
  const b = await controler(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, req.body, versionLue(req.headers));
  return ok(b, etag(b.version));
});
