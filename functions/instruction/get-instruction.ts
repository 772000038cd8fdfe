import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireInstruction } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesInstruction, 'GET /dossiers/{id}/instruction'), async (req) =>
  ok(await lireInstruction(contexteComite(req), exigerActeur(req), req.params.id)),
);
