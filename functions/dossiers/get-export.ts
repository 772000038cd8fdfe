import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesDossiers } from '#shared/http/contrats/dossiers';
import { contexteExport } from '#shared/http/contexte-export';
import { exigerActeur } from '#shared/http/acteur';
import { suivreExport } from '#shared/domain/dossier/export';

export const handler = http(contrat(routesDossiers, 'GET /gestion/exports/{id}'), async (req) => ok(await suivreExport(contexteExport(req), exigerActeur(req), req.params.id)));
