import type { ContexteImport, FichiersImport } from '../domain/participant/import-tache';
import { importRepository } from '../repositories/depots';
import { OCTETS_MAX_TACHE_IMPORT } from '../schemas/import-participants';
import { bucketName } from '../config';
import * as stockage from '../storage/s3';
import { contexteParticipants } from './contexte-participants';

/** The bucket as participant import jobs use it (apart from the other participant routes: the S3 client is heavy). */
const fichiersImport: FichiersImport = {
  cleImport: stockage.cleImport,
  lireCleImport: stockage.lireCleImport,
  cleRapportImport: stockage.cleRapportImport,
  urlEnvoi: (cle, maintenant) => stockage.urlEnvoiImport(cle, OCTETS_MAX_TACHE_IMPORT, maintenant),
  existe: stockage.objetExiste,
  lire: async (cle, max) => {
    try {
      return await stockage.lireObjet(bucketName(), cle, max);
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return null;
      throw e;
    }
  },
  ecrireRapport: stockage.ecrireRapportImport,
  lien: (cle, nomFichier) => stockage.urlTelechargement(cle, `attachment; filename="${nomFichier.normalize('NFD').replace(/[^\w.-]+/g, '_')}"`, 'text/csv; charset=utf-8'),
};

/** Participant import jobs: the jobs' items and the bucket. */
export const contexteImportParticipants = (req: { maintenant: Date; nouvelId: () => string }): ContexteImport<keyof FichiersImport> => ({
  ...contexteParticipants(req),
  imports: importRepository,
  fichiers: fichiersImport,
});
