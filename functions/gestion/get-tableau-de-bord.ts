import { http, ok } from '#shared/http/handler';
import { routeGetTableauDeBord } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { tableauDeBord } from '#shared/domain/dossier/gestion';

export const handler = http(routeGetTableauDeBord, async (req) => ok(await tableauDeBord(contexteGestion(req), exigerActeur(req))));
