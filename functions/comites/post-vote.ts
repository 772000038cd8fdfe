import { http, ok } from '#shared/http/handler';
import { routePostVote } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { voter } from '#shared/domain/comite/use-cases';

export const handler = http(routePostVote, async (req) => ok(await voter(contexteComite(req), exigerActeur(req), req.params.id, req.body)));
