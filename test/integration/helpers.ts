import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startGuichet, type Guichet } from '#local/server';
import { signerJetonPour, type Identite } from '#local/identity';

/** Guichet on the shared local services, with a table of its own. */
export async function demarrerGuichet(options: { seed?: boolean } = {}): Promise<Guichet> {
  const services = inject('services');
  const id = randomUUID().slice(0, 8);
  return startGuichet({
    port: 0,
    services: { dynamoEndpoint: services.dynamoEndpoint },
    tableName: `guichet-${id}`,
    bucketName: `guichet-${id}`,
    dataDir: join(services.dataDir, id),
    seed: options.seed ?? false,
  });
}

export interface Reponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client on the local API, acting as a demo user (or anonymously). */
export function client(g: Guichet) {
  const jetons = new Map<string, string>();
  async function jeton(email: string): Promise<string> {
    if (!jetons.has(email)) {
      const r = await fetch(`${g.url}/api/auth/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      jetons.set(email, ((await r.json()) as { token: string }).token);
    }
    return jetons.get(email)!;
  }
  async function appel(methode: string, chemin: string, options: { as?: string; jeton?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await jeton(options.as)}`;
    if (options.jeton) headers.authorization = `Bearer ${options.jeton}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${g.url}/api${chemin}`, {
      method: methode,
      headers,
      ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const type = r.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await r.json() : new Uint8Array(await r.arrayBuffer());
    return { status: r.status, body, headers: r.headers };
  }
  return {
    get: (chemin: string, o?: Parameters<typeof appel>[2]) => appel('GET', chemin, o),
    post: (chemin: string, o?: Parameters<typeof appel>[2]) => appel('POST', chemin, o),
    put: (chemin: string, o?: Parameters<typeof appel>[2]) => appel('PUT', chemin, o),
    del: (chemin: string, o?: Parameters<typeof appel>[2]) => appel('DELETE', chemin, o),
    jeton,
    /** An ID token of the local provider for any identity (another OI's agent, a changed e-mail…). */
    jetonPour: (identite: Identite, options?: { expireDans?: number }) => signerJetonPour(join(g.dataDir, 'keys'), `${g.url}/idp`, identite, options),
  };
}
