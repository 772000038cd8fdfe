import { http, ok } from '#shared/http/handler';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { enveloppeAap } from '#shared/domain/comite/use-cases';

export const handler = http('GET /aaps/{id}/enveloppe', async (req) =>
  ok(await enveloppeAap(contexteComite(req), exigerActeur(req), req.params.id)),
);
