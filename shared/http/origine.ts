import { timingSafeEqual } from 'node:crypto';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { config } from '../config';
import { AccesRefuse } from '../domain/errors';

/** The header CloudFront adds to every request it forwards to the API (infra/stacks/web-stack.ts). */
export const ENTETE_ORIGINE = 'x-guichet-origine';

/**
 * Whether a request came through CloudFront: without a custom domain the API's default execute-api endpoint stays
 * reachable, around the distribution's web ACL and throttling; CloudFront adds a secret header only it knows. No
 * secret configured (the local runtime, tests) → every request passes. Compared in constant time.
 */
export function origineVerifiee(headers: Record<string, string | undefined> | undefined, secret: string | undefined): boolean {
  if (!secret) return true;
  const recu = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === ENTETE_ORIGINE)?.[1];
  if (!recu) return false;
  const a = Buffer.from(recu, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses (403 `ACCES_DIRECT_REFUSE`) a request that did not come through CloudFront, before anything is read. */
export const origineCloudFront = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  before: (request) => {
    if (!origineVerifiee(request.event.headers, config().GUICHET_SECRET_ORIGINE)) {
      throw new AccesRefuse('Cette adresse ne sert pas Guichet : passez par l’adresse publique de la plateforme.', 'ACCES_DIRECT_REFUSE');
    }
  },
});
