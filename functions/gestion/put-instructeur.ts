import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesGestion } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { definirInstructeur } from '#shared/domain/dossier/gestion';

export const handler = http(contrat(routesGestion, 'PUT /dossiers/{id}/instructeur'), async (req) =>
  ok(await definirInstructeur(contexteGestion(req), exigerActeur(req), req.params.id, req.body)),
);
