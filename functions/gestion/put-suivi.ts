import { http, ok } from '#shared/http/handler';
import { routePutSuivi } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { suivre } from '#shared/domain/dossier/gestion';

export const handler = http(routePutSuivi, async (req) => ok(await suivre(contexteGestion(req), exigerActeur(req), req.params.id, req.body)));
