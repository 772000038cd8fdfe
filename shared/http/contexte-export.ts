import type { ContexteExport } from '../domain/dossier/export';
import { exportRepository } from '../repositories/depots';
import { FORMATS_EXPORT } from '../schemas/export';
import * as stockage from '../storage/s3';
import { contexteDossier } from './contexte';

/**
 * The dossiers' exports: the jobs and a short-lived download link of a written file. Apart from contexte.ts: the
 * export formats' table imports the export schemas (and, through the filters, the dossier's), which with code splitting
 * every route importing contexte.ts would otherwise build at import.
 */
export const contexteExport = (req: { maintenant: Date; nouvelId: () => string }): ContexteExport => ({
  ...contexteDossier(req),
  exports: exportRepository,
  lien: (cle, nomFichier, format) =>
    stockage.urlTelechargement(cle, `attachment; filename="${nomFichier.normalize('NFD').replace(/[^\w.-]+/g, '_')}"`, FORMATS_EXPORT[format].typeContenu),
});

