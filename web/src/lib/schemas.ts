/** The API's own schemas, shared with the server (pure zod, no AWS). */
import { z } from 'zod';
import { Aap, FicheOperation, Rectificatif, ResumeAap } from '#shared/schemas/aap';
import { Page } from '#shared/schemas/common';
import { Jeton } from '#shared/schemas/systeme';

export { Aap, ContenuAap, IdPlie, ResumeAap } from '#shared/schemas/aap';
export type {
  ContenuAap as TContenuAap,
  FicheOperation as TFicheOperation,
  Rectificatif as TRectificatif,
  ResumeAap as TResumeAap,
} from '#shared/schemas/aap';
export type { DateHeureLocale } from '#shared/schemas/common';
export { ContenuPlie, ListePlies, Plie as PlieSchema } from '#shared/schemas/plie';
export type { ContenuPlie as TContenuPlie, Plie as TPlie, ResumePlie as TResumePlie } from '#shared/schemas/plie';
export type TAap = z.infer<typeof Aap>;

export const PageResumes = Page(ResumeAap);
export const ListeRectificatifs = z.object({ items: z.array(Rectificatif) });
export { Jeton, FicheOperation as FicheSchema };
