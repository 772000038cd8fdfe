import * as z from 'zod';
// Every message a user may read is French, including zod's own.
import './francais';

/**
 * Calendar date `YYYY-MM-DD` that actually exists (2021-02-30 and 2021-13-01 are refused), years 1900 to 2999: `Date.UTC`
 * reads years 0 to 99 as 19xx, and no date of a grant file lies outside.
 */
export const DateIso = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.')
  .refine((s) => {
    const [a, m, j] = s.split('-').map(Number) as [number, number, number];
    const d = new Date(Date.UTC(a, m - 1, j));
    return a >= 1900 && a <= 2999 && d.getUTCFullYear() === a && d.getUTCMonth() === m - 1 && d.getUTCDate() === j;
  }, 'Cette date n’existe pas (années 1900 à 2999).');

export const Heure = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'Heure attendue au format HH:MM.');

const FUSEAUX_VALIDES = new Set<string>();

/**
 * An IANA zone the runtime knows, as Intl itself decides (a lookup table keyed by the name would let `__proto__` or
 * `constructor` through); spelt as the database spells it, so that the stored name is the one every reader uses.
 * Intl is asked once per zone and process: building a formatter costs about a quarter of a millisecond, and every AAP
 * header read carries zones. Only zones found valid are remembered (a finite set, the IANA database's).
 */
export function fuseauValide(fuseau: string): boolean {
  if (FUSEAUX_VALIDES.has(fuseau)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(fuseau) || fuseau.length > 64) return false;
  try {
    const valide = new Intl.DateTimeFormat('fr', { timeZone: fuseau }).resolvedOptions().timeZone === fuseau;
    if (valide) FUSEAUX_VALIDES.add(fuseau);
    return valide;
  } catch {
    return false;
  }
}

export const FuseauHoraire = z
  .string()
  .refine(fuseauValide, 'Fuseau horaire IANA inconnu (ex. Europe/Paris, America/Cayenne).');

/** A wall-clock instant as people write it in an AAP: a local date, a local time and the IANA zone they are in. */
export const DateHeureLocale = z.strictObject({
  date: DateIso,
  heure: Heure,
  fuseau: FuseauHoraire.default('Europe/Paris'),
});
export type DateHeureLocale = z.infer<typeof DateHeureLocale>;

export const Pourcentage = z
  .number()
  .min(0, 'Un pourcentage est compris entre 0 et 100.')
  .max(100, 'Un pourcentage est compris entre 0 et 100.');

/** Integer euro cents, never negative. */
export const MontantCentimes = z
  .number()
  .int('Montant attendu en centimes entiers.')
  .min(0, 'Un montant ne peut pas être négatif.')
  .max(1e15);

/** A fiche opération's code in its AAP (also read by dossiers, which need none of the fiche's other schemas). */
export const CodeFiche = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'Code de fiche : lettres, chiffres, tiret (20 caractères au plus).');

export const TexteCourt = z.string().trim().min(1, 'Champ obligatoire.').max(500);
export const TexteLong = z.string().trim().min(1, 'Champ obligatoire.').max(10_000);

/** Error body of every 4xx/5xx answer. */
export const ErreurApi = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ chemin: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.string().nullable() });
