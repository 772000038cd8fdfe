import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { RouteDefinition } from './routes';
import { ROLES, type Actor } from '../auth/roles';
import { AccesRefuse, NonAuthentifie, RequeteInvalide, TropVolumineux } from '../domain/errors';
import { detailsZod } from './errors';

export interface Parsed {
  params: unknown;
  query: unknown;
  body: unknown;
  actor: Actor | null;
  headers: Record<string, string>;
  requestId: string;
}

type Event = APIGatewayProxyEventV2 & { parsed?: Parsed; actor?: Actor | null };
const TAILLE_MAX_CORPS = 1024 * 1024;

/** API Gateway flattens array claims to "[a b]"; Cognito puts groups in `cognito:groups`. */
const Groupes = z.union([
  z.array(z.string()),
  z.string().transform((s) => s.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean)),
]);
const Claims = z.object({
  sub: z.string().min(1),
  email: z.string().default(''),
  'cognito:groups': Groupes.default([]),
  'custom:oi': z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
});

/** The actor from the claims the JWT authorizer verified; no claims → anonymous. Never reads a raw header. */
export function actorFromEvent(event: APIGatewayProxyEventV2): Actor | null {
  const ctx = z
    .object({ authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }).optional() })
    .parse(event.requestContext);
  const claims = ctx.authorizer?.jwt.claims;
  if (!claims) return null;
  const c = Claims.parse(claims);
  return {
    userId: c.sub,
    email: c.email,
    roles: c['cognito:groups'].filter((g): g is Actor['roles'][number] => (ROLES as readonly string[]).includes(g)),
    oi: c['custom:oi'] ?? null,
    prenom: c.given_name?.trim() || null,
    nom: c.family_name?.trim() || null,
  };
}

export const authContext = (route: RouteDefinition): middy.MiddlewareObj<Event> => ({
  before: (request) => {
    const actor = actorFromEvent(request.event);
    if (route.auth === 'jwt') {
      if (!actor) throw new NonAuthentifie();
      if (!actor.roles.some((r) => route.roles.includes(r))) throw new AccesRefuse();
    }
    request.event.actor = actor;
  },
});

function lireCorps(event: APIGatewayProxyEventV2): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const texte = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(texte) > TAILLE_MAX_CORPS) {
    throw new TropVolumineux('Le corps de la requête dépasse 1 Mo.');
  }
  try {
    return JSON.parse(texte);
  } catch {
    throw new RequeteInvalide('JSON_INVALIDE', 'Le corps de la requête n’est pas un JSON valide.');
  }
}

function valider(schema: z.ZodType | undefined, valeur: unknown, ou: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(valeur);
  if (!r.success) {
    throw new RequeteInvalide(
      'REQUETE_INVALIDE',
      `La requête est invalide (${ou}) : corrigez les champs signalés.`,
      detailsZod(r.error, ou),
    );
  }
  return r.data;
}

export const parseRequest = (route: RouteDefinition): middy.MiddlewareObj<Event> => ({
  before: (request) => {
    const e = request.event;
    const headers = Object.fromEntries(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']));
    const corps = route.input?.body ? lireCorps(e) : undefined;
    if (route.input?.body && corps === undefined) {
      throw new RequeteInvalide('CORPS_MANQUANT', 'Cette requête attend un corps JSON.');
    }
    e.parsed = {
      params: valider(route.input?.params, e.pathParameters ?? {}, 'chemin'),
      query: valider(route.input?.query, e.queryStringParameters ?? {}, 'paramètres'),
      body: valider(route.input?.body, corps, 'corps'),
      actor: e.actor ?? null,
      headers,
      requestId: e.requestContext?.requestId ?? 'inconnu',
    };
  },
});
