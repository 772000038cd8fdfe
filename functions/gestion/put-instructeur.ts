import { http, ok } from '#shared/http/handler';
import { routePutInstructeur } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { definirInstructeur } from '#shared/domain/dossier/gestion';

export const handler = http(routePutInstructeur, async (req) =>
  ok(await definirInstructeur(contexteGestion(req), exigerActeur(req), req.params.id, req.body)),
);
