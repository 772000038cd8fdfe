import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HandlerDeRoute } from '#shared/http/handler';
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

  it('lists each route once', () => {
    const cles = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(cles).size).toBe(cles.length);
  });
});
