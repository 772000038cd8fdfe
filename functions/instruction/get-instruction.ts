import { http, ok } from '#shared/http/handler';
import { routeGetInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireInstruction } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetInstruction, async (req) =>
  ok(await lireInstruction(contexteComite(req), exigerActeur(req), req.params.id)),
);
