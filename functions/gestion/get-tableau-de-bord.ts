import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesGestion } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { tableauDeBord } from '#shared/domain/dossier/gestion';

export const handler = http(contrat(routesGestion, 'GET /gestion/tableau-de-bord'), async (req) => ok(await tableauDeBord(contexteGestion(req), exigerActeur(req))));
