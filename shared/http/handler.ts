import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { routeOf, type RouteKey, type RouteOf } from './routes';
import type { Actor } from '../auth/roles';
import { errorMapper } from './errors';
import { authContext, parseRequest, type Parsed } from './parse';
import { serialize, type Reponse } from './response';

type Schema<R, K extends 'params' | 'query' | 'body'> = R extends { input: { [P in K]: infer S extends z.ZodType } }
  ? z.infer<S>
  : undefined;

export interface Requete<K extends RouteKey> {
  params: Schema<RouteOf<K>, 'params'>;
  query: Schema<RouteOf<K>, 'query'>;
  body: Schema<RouteOf<K>, 'body'>;
  /** null on public routes called anonymously. */
  actor: Actor | null;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  /** The server's clock, read once per request: authoritative for deadlines. */
  maintenant: Date;
  requestId: string;
  nouvelId: () => string;
}

export type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * Builds a Lambda handler for one route of the manifest: request id and logging, JSON body, verified identity,
 * zod validation of params/query/body (400 with details), domain error mapping, response serialization. The use
 * case receives parsed input only and returns a `Reponse`.
 */
export function http<K extends RouteKey>(key: K, useCase: (req: Requete<K>) => Promise<Reponse>): Handler {
  const route = routeOf(key);
  const base = async (event: APIGatewayProxyEventV2 & { parsed?: Parsed }): Promise<APIGatewayProxyResultV2> => {
    const p = event.parsed;
    if (!p) throw new Error('Requête non analysée');
    const req = {
      params: p.params,
      query: p.query,
      body: p.body,
      actor: p.actor,
      headers: p.headers,
      maintenant: new Date(),
      requestId: p.requestId,
      nouvelId: ulid,
    } as Requete<K>;
    return serialize(await useCase(req));
  };
  return middy(base)
    .use(errorMapper())
    .use(authContext(route))
    .use(parseRequest(route)) as unknown as Handler;
}

export { created, fichier, ok, pdf, type Reponse } from './response';
