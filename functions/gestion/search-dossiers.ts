import { http, ok } from '#shared/http/handler';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { rechercher } from '#shared/domain/dossier/gestion';

export const handler = http('GET /gestion/recherche', async (req) => ok(await rechercher(contexteGestion(req), exigerActeur(req), req.query)));
