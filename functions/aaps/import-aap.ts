import { created, http, ok } from '#shared/http/handler';
import { routeImportAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { importer } from '#shared/domain/aap/use-cases';

/** 201 when the référence is new, 200 with the AAP already there when it is not. */
export const handler = http(routeImportAap, async (req) => {
  const { aap, cree } = await importer(contexteAap(req), exigerActeur(req), req.body, req.nouvelId());
  return (cree ? created : ok)(aap, { ...etag(aap.version), location: `/gestion/aaps/${aap.id}` });
});
