import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandlerDeRoute } from '#shared/http/handler';
import { rolesDe } from '#shared/http/contrats/definition';
import { routes } from '#shared/http/routes';

/**
 * Each handler names its route through its area's contracts (shared/http/contrats/), not the whole manifest: the
 * entry it serves must be the manifest's own entry for its method and path, at the handler the manifest names.
 */
describe('route contracts', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s is served by its manifest entry', async (_cle, route) => {
    const { handler } = (await import(/* @vite-ignore */ resolve(import.meta.dirname, '../../..', route.handler))) as { handler: HandlerDeRoute };
    expect(handler.route).toBe(route);
  });

  it('names the policy’s action of every signed-in route, none of a public one: the groups let through derive from it', () => {
    for (const r of routes) {
      const action = 'action' in r ? r.action : undefined;
      if (r.auth === 'jwt') expect(action && rolesDe(r).length, `${r.method} ${r.path}`).toBeGreaterThan(0);
      else expect([action, rolesDe(r)], `${r.method} ${r.path}`).toEqual([undefined, []]);
    }
  });

  it('lists each route once', () => {
    const cles = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(cles).size).toBe(cles.length);
  });
});
