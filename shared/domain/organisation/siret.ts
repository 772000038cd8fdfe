/** SIREN of La Poste: its establishments' SIRET follow a digit-sum rule instead of Luhn. */
const SIREN_LA_POSTE = '356000000';

/**
 * Luhn check of a 14-digit SIRET (INSEE). La Poste's establishments are the documented exception: the sum of the
 * digits is a multiple of 5.
 */
export function siretValide(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(SIREN_LA_POSTE) && siret !== '35600000000048') {
    return [...siret].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  let somme = 0;
  for (let i = 0; i < 14; i++) {
    let n = Number(siret[13 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    somme += n;
  }
  return somme % 10 === 0;
}

/** The valid SIRET that completes 13 digits with their check digit (test and demo data). */
export function siretDepuis(base13: string): string {
  for (let d = 0; d <= 9; d++) if (siretValide(`${base13}${d}`)) return `${base13}${d}`;
  throw new RangeError(`Aucun SIRET valide ne prolonge ${base13}.`);
}
