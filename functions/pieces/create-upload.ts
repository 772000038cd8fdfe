import { created, http } from '#shared/http/handler';
import { contextePiece } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { demanderUpload } from '#shared/domain/piece/use-cases';

export const handler = http('POST /dossiers/{id}/pieces', async (req) =>
  created(await demanderUpload(contextePiece(req), exigerActeur(req), req.params.id, req.body)),
);
