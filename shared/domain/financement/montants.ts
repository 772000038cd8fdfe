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
 * `numerateur / denominateur` as a French percentage truncated (never rounded up) to the hundredth: 4/5 → « 80,00 % ».
 * Truncation keeps a displayed rate from claiming compliance it does not have (79,999 % never shows as 80,00 %).
 * @throws RangeError when the denominator is not positive.
 */
export function formatTaux(numerateur: number | bigint, denominateur: number | bigint): string {
  const n = BigInt(numerateur);
  const d = BigInt(denominateur);
  if (d <= 0n) throw new RangeError('Le dénominateur d’un taux doit être positif.');
  const negatif = n < 0n;
  const centiemes = ((negatif ? -n : n) * 10_000n) / d;
  const texte = `${grouper((centiemes / 100n).toString())},${(centiemes % 100n).toString().padStart(2, '0')}`;
  return `${negatif ? '-' : ''}${texte}${ESPACE_INSECABLE}%`;
}

/** The rate `numerateur / denominateur`, or null when the denominator is 0 (an empty plan has no rate). */
export function calculerTaux(numerateur: bigint, denominateur: bigint): Taux | null {
  if (denominateur <= 0n) return null;
  return {
    numerateur: versNombre(numerateur),
    denominateur: versNombre(denominateur),
    pourcentage: formatTaux(numerateur, denominateur),
  };
}
