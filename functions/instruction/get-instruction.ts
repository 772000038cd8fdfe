import { http, ok } from '#shared/http/handler';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireInstruction } from '#shared/domain/comite/use-cases';

export const handler = http('GET /dossiers/{id}/instruction', async (req) =>
  ok(await lireInstruction(contexteComite(req), exigerActeur(req), req.params.id)),
);
