import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import type { z } from 'zod';
import { cleDe, type RouteDefinition } from './contrats/definition';
import type { Actor } from '../auth/roles';
import { errorMapper } from './errors';
import { authContext, parseRequest, type Parsed } from './parse';
import { serialize, type Reponse } from './response';
import { logger } from './logger';
import { METRIQUES_ROUTES } from './metriques';
import { compter, observer } from './observabilite';
import { origineCloudFront } from './origine';

type Schema<R, K extends 'params' | 'query' | 'body'> = R extends { input: { [P in K]: infer S extends z.ZodType } }
  ? z.infer<S>
  : undefined;

export interface Requete<R extends RouteDefinition> {
  params: Schema<R, 'params'>;
  query: Schema<R, 'query'>;
  body: Schema<R, 'body'>;
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
/** A route's handler, with the manifest entry it serves (checked against the manifest by a test). */
export type HandlerDeRoute<R extends RouteDefinition = RouteDefinition> = Handler & { readonly route: R };

/** A caller's `x-correlation-id` when it is a plain token, else API Gateway's request id. */
export function correlationId(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  const fourni = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'x-correlation-id')?.[1];
  return fourni && /^[A-Za-z0-9._:-]{1,128}$/.test(fourni) ? fourni : (event.requestContext?.requestId ?? 'inconnu');
}

/** Every log line of the request carries its correlation id and route; the answer echoes the id; route metrics. */
const correlation = (key: string): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  before: (request) => {
    logger.setCorrelationId(correlationId(request.event));
    logger.appendKeys({ route: key });
  },
  after: (request) => {
    const r = request.response;
    if (typeof r !== 'object' || r === null) return;
    r.headers = { ...r.headers, 'x-correlation-id': correlationId(request.event) };
    const metrique = METRIQUES_ROUTES[key];
    if (metrique && (r.statusCode ?? 200) < 300) compter(metrique);
  },
  // Runs after errorMapper's onError (middy runs them in reverse): the error answer echoes the id too.
  onError: (request) => {
    const r = request.response;
    if (typeof r === 'object' && r !== null) r.headers = { ...r.headers, 'x-correlation-id': correlationId(request.event) };
  },
});

/**
 * Builds a Lambda handler for one route of the manifest, given as its own entry in its area's contracts (`routeListAaps`
 * of shared/http/contrats/aaps.ts: the bundle builds that route's schemas, not its area's nor the whole manifest's):
 * Powertools (logger with Lambda context and correlation id, tracer, metrics), JSON body, verified identity, zod
 * validation of params/query/body (400 with details), domain error mapping, response serialization. The use case
 * receives parsed input only and returns a `Reponse`.
 */
export function http<R extends RouteDefinition>(route: R, useCase: (req: Requete<R>) => Promise<Reponse>): HandlerDeRoute<R> {
  const key = cleDe(route);
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
    } as Requete<R>;
    return serialize(await useCase(req));
  };
  const handler = middy(base)
    .use(observer())
    .use(correlation(key))
    .use(errorMapper())
    .use(origineCloudFront())
    .use(authContext(route))
    .use(parseRequest(route)) as unknown as Handler;
  return Object.assign(handler, { route });
}

export { created, fichier, ok, pdf, type Reponse } from './response';
