import { http, ok } from '#shared/http/handler';
import { routeListReglesSorties } from '#shared/http/contrats/regles-sorties';
import { contexteRegles } from '#shared/http/contexte-regles';
import { exigerActeur } from '#shared/http/acteur';
import { lireRegles } from '#shared/domain/sortie/consultation';

export const handler = http(routeListReglesSorties, async (req) =>
  ok(await lireRegles(contexteRegles(req), exigerActeur(req), req.params.id)));
