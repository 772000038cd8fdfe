import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { rolesDe, type RouteDefinition } from './contrats/definition';
import { POLITIQUE } from '../auth/politique';
import type { Actor } from '../auth/roles';
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

/**
 * The actor of the request, from `Authorization: Bearer <ID token>` verified here (JWKS, issuer, audience, expiry),
 * the same on AWS and locally. No header → anonymous; a header that is not a valid bearer token → 401, even on a
 * public route (a broken session must not silently look anonymous).
 */
export async function actorFromEvent(event: APIGatewayProxyEventV2): Promise<Actor | null> {
  const entete = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  if (entete === undefined || entete === '') return null;
  const jeton = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(entete)?.[1];
  if (!jeton) throw new NonAuthentifie('Authentification requise : en-tête Authorization « Bearer <jeton> » attendu.');
  // The verifier (jose, the claims' schema) is evaluated on the first request that sends a token, not at start-up;
  // later requests reuse its module without asking the loader again.
  const { actorFromJeton } = await (verificateur ??= import('../auth/acteur-jeton'));
  return actorFromJeton(jeton);
}
let verificateur: Promise<typeof import('../auth/acteur-jeton')> | undefined;

export const authContext = (route: RouteDefinition): middy.MiddlewareObj<Event> => {
  const roles = rolesDe(route);
  return {
    before: async (request) => {
      const actor = await actorFromEvent(request.event);
      if (route.auth === 'jwt') {
        if (!actor) throw new NonAuthentifie();
        // The first gate, by group (derived from the policy): the refusal says what the action needs.
        if (!actor.roles.some((r) => roles.includes(r))) throw new AccesRefuse(route.action ? POLITIQUE[route.action].refus : undefined);
      }
      request.event.actor = actor;
    },
  };
};

function lireCorps(event: APIGatewayProxyEventV2, max = TAILLE_MAX_CORPS): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const texte = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(texte) > max) {
    throw new TropVolumineux(`Le corps de la requête dépasse ${Math.round(max / 1024 / 1024)} Mo.`);
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
    const corps = route.input?.body ? lireCorps(e, route.corpsMaxOctets) : undefined;
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
