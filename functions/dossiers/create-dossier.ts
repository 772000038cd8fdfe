import { created, http } from '#shared/http/handler';
import { routeCreateDossier } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { creer } from '#shared/domain/dossier/use-cases';

export const handler = http(routeCreateDossier, async (req) => {
  const d = await creer(contexteDossier(req), exigerActeur(req), req.body);
  return created(d, { ...etag(d.version), location: `/dossiers/${d.id}` });
});
