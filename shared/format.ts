/**
 * French formatting for documents, messages and the web app. Pure functions: no clock, no environment.
 *
 * Intl's fr-FR output uses U+202F (narrow no-break space) as group separator; PDF standard fonts (WinAnsi) cannot
 * encode it and older viewers render it badly, so every helper here emits U+00A0 instead.
 */

/** U+00A0 NO-BREAK SPACE: binds « 12 345,67 € » and « 20 % » so they never wrap apart. */
export const ESPACE_INSECABLE = '\u00a0';

export const FUSEAU_PAR_DEFAUT = 'Europe/Paris';
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const HEURE = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/** Inserts a no-break space every three digits from the right: "1234567" → "1 234 567". */
function grouperMilliers(chiffres: string): string {
  return chiffres.replace(/\B(?=(\d{3})+(?!\d))/g, ESPACE_INSECABLE);
}

/**
 * Formats integer euro cents as French currency: 1234567 → « 12 345,67 € » (no-break spaces).
 * Computed on BigInt so any safe integer (and any bigint) is exact; a non-integer number throws a RangeError.
 */
export function formatMontant(centimes: number | bigint): string {
  if (typeof centimes === 'number' && !Number.isSafeInteger(centimes)) {
    throw new RangeError(`Montant en centimes entiers attendu, reçu ${centimes}.`);
  }
  const valeur = BigInt(centimes);
  const negatif = valeur < 0n;
  const absolu = negatif ? -valeur : valeur;
  const euros = grouperMilliers((absolu / 100n).toString());
  const cents = (absolu % 100n).toString().padStart(2, '0');
  return `${negatif ? '-' : ''}${euros},${cents}${ESPACE_INSECABLE}€`;
}

/** Formats a number the French way (1234.5 → « 1 234,5 »), up to `decimales` fraction digits. */
export function formatNombre(valeur: number, decimales = 2): string {
  if (!Number.isFinite(valeur)) throw new RangeError(`Nombre fini attendu, reçu ${valeur}.`);
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: decimales, useGrouping: true })
    .format(valeur)
    .replace(/[\u202f\u2009\u0020]/g, ESPACE_INSECABLE)
    .replace(/\u2212/g, '-');
}

/** Formats a percentage: 20 → « 20 % », 12.5 → « 12,5 % ». */
export function formatPourcentage(valeur: number): string {
  return `${formatNombre(valeur)}${ESPACE_INSECABLE}%`;
}

/** Formats a calendar date `AAAA-MM-JJ` as `JJ/MM/AAAA`; throws a RangeError on any other shape. */
export function formatDate(dateIso: string): string {
  const m = DATE_ISO.exec(dateIso);
  if (!m) throw new RangeError(`Date attendue au format AAAA-MM-JJ, reçu « ${dateIso} ».`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** A wall-clock deadline as written in an AAP. */
export interface DateHeureLocaleFormatable {
  date: string;
  heure: string;
  fuseau: string;
}

/** Formats a local date-time with its zone: « 31/12/2021 à 23:59 (Europe/Paris) ». Seconds are not shown. */
export function formatDateHeureLocale({ date, heure, fuseau }: DateHeureLocaleFormatable): string {
  const h = HEURE.exec(heure);
  if (!h) throw new RangeError(`Heure attendue au format HH:MM, reçu « ${heure} ».`);
  return `${formatDate(date)} à ${h[1]}:${h[2]} (${fuseau})`;
}

const horloges = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in an IANA zone, to the second, two digits each (year: four). */
export type HeureMurale = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;

/**
 * The wall clock of `fuseau` at `instant`. One formatter per zone, built once: building an Intl.DateTimeFormat costs
 * far more than using it, and deadlines and statuses are computed for every AAP of a list. Throws a RangeError on an
 * unknown zone.
 */
export function heureMurale(instant: Date, fuseau: string): HeureMurale {
  let horloge = horloges.get(fuseau);
  if (!horloge) {
    horloge = new Intl.DateTimeFormat('en-GB', {
      timeZone: fuseau,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    horloges.set(fuseau, horloge);
  }
  const p: HeureMurale = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of horloge.formatToParts(instant)) if (part.type in p) p[part.type as keyof HeureMurale] = part.value;
  return p;
}

/**
 * Formats a UTC instant in a zone's local time: ('2021-12-31T22:59:00Z', 'Europe/Paris') → « 31/12/2021 à 23:59
 * (Europe/Paris) ». Throws a RangeError on an invalid instant or an unknown zone.
 */
export function formatInstant(instant: string | Date, fuseau: string = FUSEAU_PAR_DEFAUT): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Instant invalide : « ${String(instant)} ».`);
  const p = heureMurale(date, fuseau);
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute} (${fuseau})`;
}

/** « 28/03/2027 à 23:59:59 (Europe/Paris) »: the local wall-clock time of an instant, to the second (truncated). */
export function formatInstantSecondes(instant: Date, fuseau: string): string {
  const p = heureMurale(instant, fuseau);
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}:${p.second} (${fuseau})`;
}

/** « de » before a name, elided before a vowel or a mute h: « d’AGAPE », « de PLIE Sud », « d’Hélios ». */
export function deNom(nom: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(nom.trim()) ? `d’${nom.trim()}` : `de ${nom.trim()}`;
}

/** A clock time with its zone, never a bare « 15:13 »: (14:13Z, 'Europe/Paris') → « 15:13 (Europe/Paris) ». */
export function formatHeure(instant: Date, fuseau: string, secondes = false): string {
  const p = heureMurale(instant, fuseau);
  return `${p.hour}:${p.minute}${secondes ? `:${p.second}` : ''} (${fuseau})`;
}
