import { http, ok } from '#shared/http/handler';
import { routePostApercu } from '#shared/http/contrats/regles-sorties';
import { contexteRegles } from '#shared/http/contexte-regles';
import { exigerActeur } from '#shared/http/acteur';
import { apercu } from '#shared/domain/sortie/consultation';

export const handler = http(routePostApercu, async (req) =>
  ok(await apercu(contexteRegles(req), exigerActeur(req), req.params.id, req.body)));
