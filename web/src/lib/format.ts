/**
 * Display helpers. The formats shared with the PDF and the server's messages come from `shared/format.ts`
 * (« 12 345,67 € », « 31/12/2021 à 23:59 (Europe/Paris) »); what only a form needs lives here.
 */
import { formatMontant } from '#shared/format';

export { deNom, formatDate, formatHeure, formatDateHeureLocale, formatInstant, formatMontant, formatNombre, formatPourcentage } from '#shared/format';

/** The input value of an amount field: 1234567 → « 12 345,67 ». */
export function centimesVersSaisie(centimes: number | null): string {
  if (centimes === null) return '';
  return formatMontant(centimes).replace(/\u00a0€$/, '');
}

/**
 * « 12 345,67 » / « 12345.5 » / « 12 345 € » → 1234567 cents, parsed as text (no floats). A dot followed by exactly
 * three digits is a thousands separator (« 12.345 ») ; a comma is always the decimal mark. Null when unreadable.
 */
export function saisieVersCentimes(saisie: string): number | null {
  let s = saisie.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '').replace(/EUR$/i, '');
  if (s.includes(',')) s = s.replace(/\.(?=\d{3}(\.|,|$))/g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const entier = m[1]!.replace(/^0+(?=\d)/, '');
  if (entier.length > 13) return null;
  return Number(entier) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const FUSEAUX: readonly { valeur: string; libelle: string }[] = [
  { valeur: 'Europe/Paris', libelle: 'heure de Paris' },
  { valeur: 'America/Cayenne', libelle: 'heure de Guyane' },
  { valeur: 'America/Martinique', libelle: 'heure de Martinique' },
  { valeur: 'America/Guadeloupe', libelle: 'heure de Guadeloupe' },
  { valeur: 'Indian/Reunion', libelle: 'heure de La Réunion' },
  { valeur: 'Indian/Mayotte', libelle: 'heure de Mayotte' },
  { valeur: 'Pacific/Noumea', libelle: 'heure de Nouméa' },
];

/** « 12 j 3 h 25 min » until `cible` (ms), or null once passed. */
export function compteARebours(cible: number, maintenant: number): string | null {
  let reste = Math.floor((cible - maintenant) / 1000);
  if (reste <= 0) return null;
  const jours = Math.floor(reste / 86400);
  reste -= jours * 86400;
  const heures = Math.floor(reste / 3600);
  reste -= heures * 3600;
  const minutes = Math.floor(reste / 60);
  const secondes = reste - minutes * 60;
  const morceaux = [
    jours ? `${jours} jour${jours > 1 ? 's' : ''}` : '',
    jours || heures ? `${heures} h` : '',
    `${minutes} min`,
    jours ? '' : `${secondes} s`,
  ];
  return morceaux.filter(Boolean).join(' ');
}

export const pluriel = (n: number, un: string, plusieurs: string): string => `${n} ${n > 1 ? plusieurs : un}`;

/** A value of a rectificatif diff, in words. */
export function formatValeur(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(vide)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return v === true ? 'oui' : v === false ? 'non' : String(v);
  return JSON.stringify(v, null, 1);
}

/** The reader's own zone (the browser's), named next to every clock time shown in it. */
export const fuseauNavigateur = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
