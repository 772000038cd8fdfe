import { http, ok } from '#shared/http/handler';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { ordreDuJour } from '#shared/domain/comite/use-cases';

export const handler = http('POST /comites/{id}/ordre-du-jour', async (req) =>
  ok(await ordreDuJour(contexteComite(req), exigerActeur(req), req.params.id, req.body)),
);
