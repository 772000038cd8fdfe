import type { DocumentsConvention } from '../domain/convention/use-cases';

/** Seals with the platform's certificate; the libraries load with the first seal (the countersignature route only). */
export const scellerConvention: DocumentsConvention['sceller'] = async (pdf, p) => {
  const [{ scellerPdf }, { certificatPlateforme }] = await Promise.all([import('./scellement'), import('./certificat')]);
  return scellerPdf(pdf, await certificatPlateforme(), p);
};
