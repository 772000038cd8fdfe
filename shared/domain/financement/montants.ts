/**
 * Exact money and percentage arithmetic. Amounts are integer cents; percentages (20, 12.5, 19.99) are turned into
 * exact fractions from their decimal writing, and every product is taken in BigInt, because `fse × 10 000` on a
 * large plan already exceeds 2^53. No float ever decides a rule.
 */
import { ESPACE_INSECABLE } from '../../format';
import type { Taux } from '../../schemas/plan-financement';

/** A non-negative rational `num / den`, den > 0. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/**
 * The exact fraction a percentage was written as: 19.99 → 1999/100, 12.5 → 125/10, 1e-7 → 1/10 000 000.
 * `String(x)` gives the shortest decimal that reads back as x, i.e. what the OI typed, not the binary float nearby.
 */
export function fractionDecimale(x: number): Fraction {
  const m = Number.isFinite(x) && x >= 0 ? DECIMAL.exec(String(x)) : null;
  if (!m) throw new RangeError(`Pourcentage fini et positif attendu, reçu ${x}.`);
  const [, entier = '0', decimales = '', exposant = '0'] = m;
  const puissance = Number(exposant) - decimales.length;
  const num = BigInt(entier + decimales);
  return puissance >= 0 ? { num: num * 10n ** BigInt(puissance), den: 1n } : { num, den: 10n ** BigInt(-puissance) };
}

/** Integer cents as BigInt; refuses anything a money field could not hold. */
export function exact(centimes: number): bigint {
  if (!Number.isSafeInteger(centimes)) throw new RangeError(`Montant en centimes entiers attendu, reçu ${centimes}.`);
  return BigInt(centimes);
}

/** Back to a JS number, only when no precision is lost (a plan that passed its schema always fits). */
export function versNombre(valeur: bigint): number {
  if (valeur > BigInt(Number.MAX_SAFE_INTEGER) || valeur < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Montant hors de la précision exacte des nombres : ${valeur} centimes.`);
  }
  return Number(valeur);
}

/** Exact sum of BigInt cents (0n for none). */
export const somme = (valeurs: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const v of valeurs) s += v;
  return s;
};

/** floor(base × tauxPct / 100), exact: the flat-rate amount of a base, rounded down as FSE amounts are. */
export function forfaitExact(base: bigint, tauxPct: number): bigint {
  const { num, den } = fractionDecimale(tauxPct);
  return (base * num) / (100n * den); // BigInt division truncates, i.e. floors for non-negative operands
}

/**
 * An FSE amount: `tauxPct` % of `base` cents, rounded down to the cent (7 % of 1 234 567 → 86 419, not 86 420).
 * @throws RangeError when `base` is not a safe integer or `tauxPct` is negative or not finite.
 */
export function arrondiFse(base: number, tauxPct: number): number {
  return versNombre(forfaitExact(exact(base), tauxPct));
}

/** part > pct % of total, exactly: part × 100 × den > num × total. */
export function excede(part: bigint, total: bigint, pct: number): boolean {
  const { num, den } = fractionDecimale(pct);
  return part * 100n * den > num * total;
}

/** part < pct % of total, exactly: part × 100 × den < num × total. */
export function inferieur(part: bigint, total: bigint, pct: number): boolean {
  const { num, den } = fractionDecimale(pct);
  return part * 100n * den < num * total;
}

const grouper = (chiffres: string): string => chiffres.replace(/\B(?=(\d{3})+(?!\d))/g, ESPACE_INSECABLE);

/**
 * How a rate is brought to the hundredth: `arrondi` (half-up, what screens and documents show: 6 000 / 42 800 →
 * « 14,02 % »); `plancher` and `plafond` for the messages of a broken minimum or maximum, so that a rate never reads
 * as reaching the threshold it misses (19,996 % of a 20 % minimum reads « 19,99 % »).
 */
export type ArrondiTaux = 'arrondi' | 'plancher' | 'plafond';

/** `numerateur / denominateur` in hundredths of a percent, on integers. */
export function centiemesDeTaux(numerateur: bigint, denominateur: bigint, mode: ArrondiTaux = 'arrondi'): bigint {
  const n = numerateur < 0n ? -numerateur : numerateur;
  const q = mode === 'arrondi' ? (n * 20_000n + denominateur) / (2n * denominateur) : mode === 'plafond' ? (n * 10_000n + denominateur - 1n) / denominateur : (n * 10_000n) / denominateur;
  return numerateur < 0n ? -q : q;
}

/** Hundredths of a percent as French text: 1402 → « 14,02 % ». */
export function texteCentiemes(centiemes: bigint): string {
  const negatif = centiemes < 0n;
  const c = negatif ? -centiemes : centiemes;
  return `${negatif ? '-' : ''}${grouper((c / 100n).toString())},${(c % 100n).toString().padStart(2, '0')}${ESPACE_INSECABLE}%`;
}

/**
 * `numerateur / denominateur` as a French percentage to the hundredth, rounded half-up by default: 4/5 → « 80,00 % »,
 * 2/3 → « 66,67 % ». The rules are checked on exact integers, never on this text.
 * @throws RangeError when the denominator is not positive.
 */
export function formatTaux(numerateur: number | bigint, denominateur: number | bigint, mode: ArrondiTaux = 'arrondi'): string {
  const d = BigInt(denominateur);
  if (d <= 0n) throw new RangeError('Le dénominateur d’un taux doit être positif.');
  return texteCentiemes(centiemesDeTaux(BigInt(numerateur), d, mode));
}

/**
 * The rate `numerateur / denominateur`, or null when the denominator is 0 (an empty plan has no rate). With
 * `complementDe`, the rate of the other share of the same whole (numerateur + other = denominateur): it is printed as
 * 100 % minus the other's rounded rate, so the two shown always add up to 100,00 %.
 */
export function calculerTaux(numerateur: bigint, denominateur: bigint, complementDe?: bigint): Taux | null {
  if (denominateur <= 0n) return null;
  const complement = complementDe !== undefined && complementDe >= 0n && numerateur >= 0n && numerateur + complementDe === denominateur;
  return {
    numerateur: versNombre(numerateur),
    denominateur: versNombre(denominateur),
    pourcentage: complement ? texteCentiemes(10_000n - centiemesDeTaux(complementDe, denominateur)) : formatTaux(numerateur, denominateur),
  };
}
