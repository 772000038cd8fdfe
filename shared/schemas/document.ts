/** How a generated document is asked for: its bytes (default), a short-lived link to them, or a redirection to it. */
import * as zod from 'zod';

export const LienDocument = zod.object({
  /**
   * `json`: `{ url, expireDans, expireLe, octets, sha256 }`, a presigned GET of the cached document (the web app's
   * downloads with a token); `redirection`: 303 to that URL (a plain link, the public AAP PDF). Absent: the PDF itself.
   */
  lien: zod.enum(['json', 'redirection']).optional(),
});
export type LienDocument = zod.infer<typeof LienDocument>;

export const LienDocumentGenere = zod.object({
  url: zod.string(),
  expireDans: zod.number().int(),
  expireLe: zod.string(),
  octets: zod.number().int(),
  sha256: zod.string(),
});
export type LienDocumentGenere = zod.infer<typeof LienDocumentGenere>;
