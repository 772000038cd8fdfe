import { http, ok } from '#shared/http/handler';
import { routeListOrganisations } from '#shared/http/contrats/organisations';
import { contexteOrg } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { mesOrganisations } from '#shared/domain/organisation/use-cases';

export const handler = http(routeListOrganisations, async (req) =>
  ok({ items: await mesOrganisations(contexteOrg(req), exigerActeur(req)) }),
);
