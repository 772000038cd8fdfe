import { created, http } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { demanderPieceJointe } from '#shared/domain/messagerie/use-cases';

export const handler = http('POST /dossiers/{id}/messagerie/pieces-jointes', async (req) =>
  created(await demanderPieceJointe(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body)),
);
