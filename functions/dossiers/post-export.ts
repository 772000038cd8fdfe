import { http } from '#shared/http/handler';
import { routePostExport } from '#shared/http/contrats/exports';
import { contexteExport } from '#shared/http/contexte-export';
import { exigerActeur } from '#shared/http/acteur';
import { demanderExport } from '#shared/domain/dossier/export';

/** 202: the job is recorded; its INSERT on the table's stream starts it (functions/dossiers/produire-export.ts). */
export const handler = http(routePostExport, async (req) => ({
  status: 202,
  body: await demanderExport(contexteExport(req), exigerActeur(req), req.body, req.nouvelId()),
}));
