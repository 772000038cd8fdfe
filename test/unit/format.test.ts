import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deNom,
  formatHeure,
  formatDate,
  formatDateHeureLocale,
  formatInstant,
  formatMontant,
  formatNombre,
  formatPourcentage,
} from '#shared/format';

const NBSP = '\u00a0';

describe('formatMontant', () => {
  it('prints zero cents as 0,00 € when the amount is 0', () => {
    expect(formatMontant(0)).toBe(`0,00${NBSP}€`);
  });

  it('groups thousands with no-break spaces when the amount is large', () => {
    expect(formatMontant(1_234_567)).toBe(`12${NBSP}345,67${NBSP}€`);
    expect(formatMontant(5)).toBe(`0,05${NBSP}€`);
    expect(formatMontant(100_000)).toBe(`1${NBSP}000,00${NBSP}€`);
  });

  it('puts a minus sign in front when the amount is negative', () => {
    expect(formatMontant(-1_234_567)).toBe(`-12${NBSP}345,67${NBSP}€`);
    expect(formatMontant(-5)).toBe(`-0,05${NBSP}€`);
  });

  it('stays exact to the cent when the amount is beyond float precision of euros', () => {
    expect(formatMontant(Number.MAX_SAFE_INTEGER)).toBe(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}€`);
    expect(formatMontant(1e15)).toBe(`10${NBSP}000${NBSP}000${NBSP}000${NBSP}000,00${NBSP}€`);
    expect(formatMontant(123_456_789_012_345_678_901n)).toBe(
      `1${NBSP}234${NBSP}567${NBSP}890${NBSP}123${NBSP}456${NBSP}789,01${NBSP}€`,
    );
  });

  it('throws when the amount is not an integer number of cents', () => {
    expect(() => formatMontant(12.5)).toThrow(RangeError);
    expect(() => formatMontant(Number.NaN)).toThrow(RangeError);
    expect(() => formatMontant(2 ** 53)).toThrow(RangeError);
  });

  it('round-trips to the same integer when parsed back, for any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (centimes) => {
        const texte = formatMontant(centimes);
        expect(texte).not.toMatch(/[\u202f ]/);
        expect(Number(texte.replace(/[\u00a0€,]/g, ''))).toBe(centimes);
      }),
    );
  });
});

describe('formatDate', () => {
  it('prints JJ/MM/AAAA when given an ISO calendar date', () => {
    expect(formatDate('2021-12-31')).toBe('31/12/2021');
    expect(formatDate('2021-01-05')).toBe('05/01/2021');
  });

  it('throws when the input is not AAAA-MM-JJ', () => {
    expect(() => formatDate('31/12/2021')).toThrow(RangeError);
    expect(() => formatDate('2021-12-31T23:00:00Z')).toThrow(RangeError);
  });
});

describe('formatDateHeureLocale', () => {
  it('prints the local date-time with its IANA zone when given a deadline', () => {
    expect(formatDateHeureLocale({ date: '2021-12-31', heure: '23:59', fuseau: 'Europe/Paris' })).toBe(
      '31/12/2021 à 23:59 (Europe/Paris)',
    );
    expect(formatDateHeureLocale({ date: '2022-03-01', heure: '12:00:30', fuseau: 'America/Cayenne' })).toBe(
      '01/03/2022 à 12:00 (America/Cayenne)',
    );
  });
});

describe('formatInstant', () => {
  it('converts a UTC instant to local winter and summer time when the zone is Europe/Paris', () => {
    expect(formatInstant('2021-12-31T22:59:00Z', 'Europe/Paris')).toBe('31/12/2021 à 23:59 (Europe/Paris)');
    expect(formatInstant('2021-07-01T10:00:00.000Z', 'Europe/Paris')).toBe('01/07/2021 à 12:00 (Europe/Paris)');
  });

  it('prints midnight as 00:00 of the next day when the UTC instant is the evening before', () => {
    expect(formatInstant('2021-12-31T23:00:00Z')).toBe('01/01/2022 à 00:00 (Europe/Paris)');
  });

  it('uses the given overseas zone when one is passed', () => {
    expect(formatInstant(new Date('2021-12-31T22:59:00Z'), 'America/Cayenne')).toBe(
      '31/12/2021 à 19:59 (America/Cayenne)',
    );
    expect(formatInstant('2021-12-31T22:59:00Z', 'Indian/Reunion')).toBe('01/01/2022 à 02:59 (Indian/Reunion)');
  });

  it('throws when the instant is invalid', () => {
    expect(() => formatInstant('pas une date')).toThrow(RangeError);
  });
});

describe('formatNombre and formatPourcentage', () => {
  it('uses a decimal comma and no-break spaces, never U+202F, when formatting numbers', () => {
    expect(formatNombre(1234.5)).toBe(`1${NBSP}234,5`);
    expect(formatNombre(-1234567)).toBe(`-1${NBSP}234${NBSP}567`);
    expect(formatPourcentage(20)).toBe(`20${NBSP}%`);
    expect(formatPourcentage(12.5)).toBe(`12,5${NBSP}%`);
  });
});

describe('deNom', () => {
  it('elides « de » before a vowel or a mute h, never « de AGAPE »', () => {
    expect(deNom('AGAPE')).toBe('d’AGAPE');
    expect(deNom('Hélios')).toBe('d’Hélios');
    expect(deNom('PLIE Sud')).toBe('de PLIE Sud');
    expect(deNom(' ÉPI ')).toBe('d’ÉPI');
  });
});

describe('formatHeure', () => {
  it('names the zone of every clock time it prints', () => {
    expect(formatHeure(new Date('2026-12-02T14:13:07Z'), 'Europe/Paris')).toBe('15:13 (Europe/Paris)');
    expect(formatHeure(new Date('2026-12-02T14:13:07Z'), 'America/Cayenne', true)).toBe('11:13:07 (America/Cayenne)');
  });
});
