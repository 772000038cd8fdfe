import { describe, expect, it } from 'vitest';
import { aLaDemande } from '#shared/repositories/a-la-demande';

interface Store {
  lire(id: string): Promise<string>;
  deux(id: string): Promise<string>;
}

/** A repository whose module « loads » when `charger` runs, counted. */
function depot() {
  let chargements = 0;
  const reel = {
    prefixe: 'lu:',
    async lire(id: string) {
      return `${this.prefixe}${id}`;
    },
    async deux(id: string) {
      // A method calling another through `this`: the real repository, not the stand-in.
      return `${await this.lire(id)}+${await this.lire(id)}`;
    },
  };
  const store = aLaDemande<Store>(async () => {
    chargements++;
    return reel;
  });
  return { store, chargements: () => chargements };
}

describe('a repository loaded on its first call', () => {
  it('loads nothing until a method is called, then once for every call and method, with `this` the real repository', async () => {
    const { store, chargements } = depot();
    const lire = store.lire;
    expect(chargements()).toBe(0);
    expect(await Promise.all([lire('a'), store.lire('b'), store.deux('c')])).toEqual(['lu:a', 'lu:b', 'lu:c+lu:c']);
    expect(chargements()).toBe(1);
    expect(store.lire).toBe(store.lire);
  });

  it('is not a thenable (awaiting a context does not load it), and derives with Object.create, one method replaced', async () => {
    const { store, chargements } = depot();
    expect(await Promise.resolve(store)).toBe(store);
    expect(chargements()).toBe(0);
    const derive: Store = Object.assign(Object.create(store) as Store, { lire: async () => 'remplacé' });
    expect(await derive.lire('x')).toBe('remplacé');
    expect(await derive.deux('x')).toBe('lu:x+lu:x');
  });

  it('answers a method the repository lacks with a rejected promise, not a crash at the call site', async () => {
    const { store } = depot();
    await expect((store as unknown as { effacer: () => Promise<void> }).effacer()).rejects.toThrow(/pas de méthode effacer/);
  });
});
