import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesGestion } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rechercher } from '#shared/domain/dossier/gestion';

export const handler = http(contrat(routesGestion, 'GET /gestion/recherche'), async (req) => ok(await rechercher(contexteGestion(req), exigerActeur(req), req.query)));
