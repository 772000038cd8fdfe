import { fichier, http } from '#shared/http/handler';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { exporter } from '#shared/domain/dossier/export';
import { versXlsx } from '#shared/exports/tableur';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const handler = http('GET /gestion/dossiers/export.xlsx', async (req) => {
  const e = await exporter(contexteDossier(req), exigerActeur(req), req.query);
  return fichier(versXlsx(e.colonnes, e.lignes, 'Dossiers'), XLSX, `${e.nom}.xlsx`);
});
