import type { Modification } from '../../schemas/aap';

const estObjet = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const identique = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const avecCode = (v: unknown[]): v is Array<{ code: string }> =>
  v.every((e) => estObjet(e) && typeof e.code === 'string');

/**
 * The list of changes from `avant` to `apres`, as readable paths: objects by key, lists of coded items (fiches,
 * objectifs) by code — `fiches[HP1].regleFinancement.minContrepartiesPct` — lists of plain values as a whole,
 * other lists by position. Absent and undefined are the same.
 */
export function difference(avant: unknown, apres: unknown, chemin = ''): Modification[] {
  if (identique(avant, apres)) return [];
  if (estObjet(avant) && estObjet(apres)) {
    const cles = [...new Set([...Object.keys(avant), ...Object.keys(apres)])];
    return cles.flatMap((k) => difference(avant[k], apres[k], chemin ? `${chemin}.${k}` : k));
  }
  if (Array.isArray(avant) && Array.isArray(apres)) {
    if (avant.length + apres.length > 0 && avecCode(avant) && avecCode(apres)) {
      const a = new Map(avant.map((e) => [e.code, e]));
      const b = new Map(apres.map((e) => [e.code, e]));
      const codes = [...new Set([...a.keys(), ...b.keys()])];
      return codes.flatMap((c) => difference(a.get(c), b.get(c), `${chemin}[${c}]`));
    }
    if ([...avant, ...apres].some((e) => typeof e === 'object' && e !== null)) {
      const n = Math.max(avant.length, apres.length);
      return Array.from({ length: n }, (_, i) => difference(avant[i], apres[i], `${chemin}[${i}]`)).flat();
    }
  }
  return [{ chemin, avant: avant ?? null, apres: apres ?? null }];
}
