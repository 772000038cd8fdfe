import { created, http } from '#shared/http/handler';
import { routeCreateOrganisation } from '#shared/http/contrats/organisations';
import { contexteOrg } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { enregistrer } from '#shared/domain/organisation/use-cases';

export const handler = http(routeCreateOrganisation, async (req) =>
  created(await enregistrer(contexteOrg(req), exigerActeur(req), req.body, req.nouvelId())),
);
