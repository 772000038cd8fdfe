import { fichier, http } from '#shared/http/handler';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { exporter } from '#shared/domain/dossier/export';
import { versCsv } from '#shared/exports/tableur';

export const handler = http('GET /gestion/dossiers/export.csv', async (req) => {
  const e = await exporter(contexteDossier(req), exigerActeur(req), req.query);
  return fichier(versCsv(e.colonnes, e.lignes), 'text/csv; charset=utf-8', `${e.nom}.csv`);
});
