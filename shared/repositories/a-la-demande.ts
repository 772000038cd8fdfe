/**
 * A repository loaded on its first call. The contexts (shared/http/contexte*.ts) wire every repository a use case may
 * reach, but a route calls few of them: loaded eagerly, each one's module and the zod schemas it parses with are built
 * while the handler's module loads — most of a JSON route's cold start (`npm run bench -- bundles`). Through this,
 * a route builds at import only its contract's schemas, and a repository's module is read and evaluated the first time
 * the route calls it, once per process (a chunk of the function's own bundle, infra/bundling.ts: nothing is fetched).
 *
 * Every member of a store is an async method (the domain's ports), so each is stood in for by one that awaits the
 * module, then calls the real method on the real repository (`this` stays that repository). The stand-in has no own
 * keys: derive from it with `Object.create`, never by spreading it.
 */
export function aLaDemande<T extends object>(charger: () => Promise<T>): T {
  let module: Promise<T> | undefined;
  const methodes = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as T, {
    get(_cible, nom) {
      // Not a thenable: `await ctx.store` must not call the repository.
      if (nom === 'then' || typeof nom === 'symbol') return undefined;
      let m = methodes.get(nom);
      if (!m) {
        m = async (...args: unknown[]) => {
          const depot = (await (module ??= charger())) as Record<PropertyKey, (...a: unknown[]) => Promise<unknown>>;
          const methode = depot[nom];
          if (typeof methode !== 'function') throw new TypeError(`Le dépôt n’a pas de méthode ${String(nom)}.`);
          return methode.apply(depot, args);
        };
        methodes.set(nom, m);
      }
      return m;
    },
  });
}
