import { http, created } from '#shared/http/handler';
import { routePostReglesSorties } from '#shared/http/contrats/regles-sorties';
import { contexteRegles } from '#shared/http/contexte-regles';
import { exigerActeur } from '#shared/http/acteur';
import { ajouterVersion } from '#shared/domain/sortie/consultation';

export const handler = http(routePostReglesSorties, async (req) =>
  created(await ajouterVersion(contexteRegles(req), exigerActeur(req), req.params.id, req.body)));
