import { http, ok } from '#shared/http/handler';
import { contextePiece } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { demanderComplements } from '#shared/domain/piece/use-cases';

export const handler = http('POST /dossiers/{id}/complements', async (req) => {
  const d = await demanderComplements(contextePiece(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
