import { RequeteInvalide, VersionRequise } from '../domain/errors';

/** The version a client read, from `If-Match: "3"` (also `3` or `W/"3"`); the ETag of our responses. */
export function versionLue(headers: Record<string, string>): number {
  const brut = headers['if-match'];
  if (!brut) throw new VersionRequise();
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(brut.trim());
  if (!m) throw new RequeteInvalide('IF_MATCH_INVALIDE', 'L’en-tête If-Match doit contenir la version lue, par exemple "3".');
  return Number(m[1]);
}

export const etag = (version: number): Record<string, string> => ({ etag: `"${version}"` });
