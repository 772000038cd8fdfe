import { created, http } from '#shared/http/handler';
import { routeCreatePieceJointe } from '#shared/http/contrats/messagerie';
import { contexteEnvoiJointe } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { demanderPieceJointe } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeCreatePieceJointe, async (req) =>
  created(await demanderPieceJointe(contexteEnvoiJointe(req), exigerActeur(req), req.params.id, req.body)),
);
