import { http, ok } from '#shared/http/handler';
import { routeGetExport } from '#shared/http/contrats/exports';
import { contexteExport } from '#shared/http/contexte-export';
import { exigerActeur } from '#shared/http/acteur';
import { suivreExport } from '#shared/domain/dossier/export';

export const handler = http(routeGetExport, async (req) => ok(await suivreExport(contexteExport(req), exigerActeur(req), req.params.id)));
