import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesOrganisations } from '#shared/http/contrats/organisations';
import { contexteOrg } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireOrganisation } from '#shared/domain/organisation/use-cases';

export const handler = http(contrat(routesOrganisations, 'GET /organisations/{id}'), async (req) =>
  ok(await lireOrganisation(contexteOrg(req), exigerActeur(req), req.params.id)),
);
