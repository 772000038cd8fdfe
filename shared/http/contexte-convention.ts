/**
 * The conventions' context, apart from the other contexts: only the convention routes bundle its repository, and each
 * route brings the document code it uses — the template (pdf-lib) where a PDF is rendered, the sealing (@signpdf,
 * node-forge, the certificate) where the OI countersigns — so that no other handler carries them.
 */
import type { ContexteConvention, DocumentsConvention } from '../domain/convention/use-cases';
import { conventionRepository } from '../repositories/depots';
import { bucketName } from '../config';
import { TropVolumineux } from '../domain/errors';
import * as stockage from '../storage/s3';
import { contexteDossier } from './contexte';

const absent = (quoi: string) => () => Promise.reject(new Error(`${quoi} n’est pas chargé par cette fonction`));

export const contexteConvention = (
  req: { maintenant: Date; nouvelId: () => string },
  documents: Partial<Pick<DocumentsConvention, 'rendre' | 'sceller'>> = {},
): ContexteConvention => ({
  ...contexteDossier(req),
  conventions: conventionRepository,
  documents: {
    rendre: documents.rendre ?? absent('Le modèle de convention'),
    sceller: documents.sceller ?? absent('Le scellement'),
    ecrire: (cle, octets) => stockage.ecrireDocument(cle, octets),
    async lire(cle) {
      const octets = await stockage.lireObjet(bucketName(), cle, 50 * 1024 * 1024);
      if (octets === 'trop_gros') throw new TropVolumineux('Document trop volumineux.');
      return octets;
    },
  },
});

/** The convention's PDF, rendered by the template (pdf-lib loads with the first document, not at cold start). */
export const rendreConvention: DocumentsConvention['rendre'] = async (v, options) => (await import('#templates/convention')).renderConvention(v, options);
