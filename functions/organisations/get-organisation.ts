import { http, ok } from '#shared/http/handler';
import { routeGetOrganisation } from '#shared/http/contrats/organisations';
import { contexteOrg } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireOrganisation } from '#shared/domain/organisation/use-cases';

export const handler = http(routeGetOrganisation, async (req) =>
  ok(await lireOrganisation(contexteOrg(req), exigerActeur(req), req.params.id)),
);
