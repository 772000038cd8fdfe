import { http, ok } from '#shared/http/handler';
import { routeSearchDossiers } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rechercher } from '#shared/domain/dossier/gestion';

export const handler = http(routeSearchDossiers, async (req) => ok(await rechercher(contexteGestion(req), exigerActeur(req), req.query)));
