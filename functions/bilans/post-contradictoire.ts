import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { envoyerContradictoire } from '#shared/domain/bilan/use-cases';

export const handler = http(contrat(routesBilans, 'POST /dossiers/{id}/bilans/{numero}/csf/contradictoire'), async (req) => {
  const b = await envoyerContradictoire(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, versionLue(req.headers));
  return ok(b, etag(b.version));
});
