import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { instruire } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesInstruction, 'PUT /dossiers/{id}/instruction'), async (req) => {
  const r = await instruire(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(r, etag(r.dossier.version));
});
