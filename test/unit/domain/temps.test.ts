import { describe, expect, it } from 'vitest';
import { instantCloture, instantLocal, instantOuverture } from '#shared/domain/temps';
import { fuseauValide } from '#shared/schemas/common';
import { dateLocale } from '#shared/domain/dossier/dossier';

describe('instantCloture', () => {
  it('includes the whole closing minute when the time has no seconds', () => {
    expect(instantCloture({ date: '2021-12-31', heure: '23:59', fuseau: 'Europe/Paris' }).toISOString()).toBe('2021-12-31T22:59:59.999Z');
  });

  it('uses summer time in July and winter time in January', () => {
    expect(instantCloture({ date: '2027-07-14', heure: '12:00', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-07-14T10:00:59.999Z');
    expect(instantCloture({ date: '2027-01-14', heure: '12:00', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-01-14T11:00:59.999Z');
  });

  it('reads a deadline on the days the clocks change', () => {
    // 28/03/2027: 02:00 → 03:00 in Paris; 31/10/2027: 03:00 → 02:00.
    expect(instantCloture({ date: '2027-03-28', heure: '23:59', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-03-28T21:59:59.999Z');
    expect(instantCloture({ date: '2027-10-31', heure: '23:59', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-10-31T22:59:59.999Z');
  });

  it('takes the later instant in the autumn overlap and lands after the spring gap', () => {
    expect(instantLocal('2027-10-31', '02:30', 'Europe/Paris').toISOString()).toBe('2027-10-31T01:30:00.000Z');
    expect(instantLocal('2027-03-28', '02:30', 'Europe/Paris').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('handles overseas zones', () => {
    expect(instantCloture({ date: '2027-06-30', heure: '23:59', fuseau: 'America/Cayenne' }).toISOString()).toBe('2027-07-01T02:59:59.999Z');
    expect(instantCloture({ date: '2027-06-30', heure: '23:59', fuseau: 'Indian/Reunion' }).toISOString()).toBe('2027-06-30T19:59:59.999Z');
    expect(instantCloture({ date: '2027-06-30', heure: '23:59', fuseau: 'Pacific/Noumea' }).toISOString()).toBe('2027-06-30T12:59:59.999Z');
  });

  it('keeps the given second when the time has seconds', () => {
    expect(instantCloture({ date: '2027-01-10', heure: '17:00:00', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-01-10T16:00:00.999Z');
  });
});

describe('instantOuverture', () => {
  it('starts at the first millisecond of the local minute', () => {
    expect(instantOuverture({ date: '2027-01-10', heure: '08:00', fuseau: 'Europe/Paris' }).toISOString()).toBe('2027-01-10T07:00:00.000Z');
  });
});

describe('zones, asked of Intl once each', () => {
  it('gives the same answer the first time and every time after, for known, misspelt and hostile names', () => {
    const noms = ['Europe/Paris', 'America/Cayenne', 'europe/paris', 'Europe/Pariss', '__proto__', 'constructor', 'UTC', 'Etc/GMT+3', ''];
    const attendu = [true, true, false, false, false, false, true, true, false];
    for (let i = 0; i < 3; i++) expect(noms.map(fuseauValide)).toEqual(attendu);
  });

  it('gives each zone its own local date, the formatter kept per zone', () => {
    const instant = new Date('2027-06-30T23:30:00Z');
    for (let i = 0; i < 2; i++) {
      expect([dateLocale(instant, 'Europe/Paris'), dateLocale(instant, 'America/Cayenne'), dateLocale(instant, 'Pacific/Noumea')]).toEqual(['2027-07-01', '2027-06-30', '2027-07-01']);
    }
    expect(() => dateLocale(instant, '__proto__')).toThrow(RangeError);
  });
});
