import { describe, expect, it } from 'vitest';
import { difference } from '#shared/domain/aap/diff';

describe('difference', () => {
  it('returns nothing when both sides are equal', () => {
    expect(difference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('names nested object changes by path', () => {
    expect(difference({ depot: { cloture: { heure: '23:59' } } }, { depot: { cloture: { heure: '12:00' } } })).toEqual([
      { chemin: 'depot.cloture.heure', avant: '23:59', apres: '12:00' },
    ]);
  });

  it('matches coded items by code, not by position', () => {
    const avant = { fiches: [{ code: 'A1', t: 'x' }, { code: 'B1', t: 'y' }] };
    const apres = { fiches: [{ code: 'B1', t: 'z' }, { code: 'C1', t: 'w' }] };
    expect(difference(avant, apres)).toEqual([
      { chemin: 'fiches[A1]', avant: { code: 'A1', t: 'x' }, apres: null },
      { chemin: 'fiches[B1].t', avant: 'y', apres: 'z' },
      { chemin: 'fiches[C1]', avant: null, apres: { code: 'C1', t: 'w' } },
    ]);
  });

  it('reports a list of plain values as a whole', () => {
    expect(difference({ plies: ['A', 'B'] }, { plies: ['A'] })).toEqual([{ chemin: 'plies', avant: ['A', 'B'], apres: ['A'] }]);
  });

  it('compares other object lists by position', () => {
    expect(difference({ i: [{ c: 1 }, { c: 2 }] }, { i: [{ c: 1 }, { c: 3 }] })).toEqual([{ chemin: 'i[1].c', avant: 2, apres: 3 }]);
  });
});
