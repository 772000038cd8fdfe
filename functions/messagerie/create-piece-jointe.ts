import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesMessagerie } from '#shared/http/contrats/messagerie';
import { contexteEnvoiJointe } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { demanderPieceJointe } from '#shared/domain/messagerie/use-cases';

export const handler = http(contrat(routesMessagerie, 'POST /dossiers/{id}/messagerie/pieces-jointes'), async (req) =>
  created(await demanderPieceJointe(contexteEnvoiJointe(req), exigerActeur(req), req.params.id, req.body)),
);
