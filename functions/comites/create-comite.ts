import { created, http } from '#shared/http/handler';
import { routeCreateComite } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { creerComite } from '#shared/domain/comite/use-cases';

export const handler = http(routeCreateComite, async (req) => created(await creerComite(contexteComite(req), exigerActeur(req), req.body)));
