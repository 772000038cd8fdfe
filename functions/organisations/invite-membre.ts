import { created, http } from '#shared/http/handler';
import { routeInviteMembre } from '#shared/http/contrats/organisations';
import { contexteOrg } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { inviterMembre } from '#shared/domain/organisation/use-cases';

export const handler = http(routeInviteMembre, async (req) =>
  created(await inviterMembre(contexteOrg(req), exigerActeur(req), req.params.id, req.body)),
);
