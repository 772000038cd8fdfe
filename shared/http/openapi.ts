import { POLITIQUE } from '../auth/politique';
import * as z from 'zod';
import { routes, type RouteDefinition } from './routes';
import { cleDe, rolesDe } from './contrats/definition';
import { ErreurApi } from '../schemas/common';
import { Sante } from '../schemas/systeme';

/** Answers documented here rather than in their manifest entry, whose handler starts without zod (contrats/sante.ts). */
const SORTIES_DOCUMENTEES: Readonly<Record<string, z.ZodType>> = { 'GET /health': Sante };

const json = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const ERREURS: Record<string, string> = {
  '400': 'Requête invalide (details : chemin et message de chaque champ)',
  '401': 'Authentification requise',
  '403': 'Accès refusé',
  '404': 'Introuvable',
  '409': 'Conflit d’état ou de version',
  '422': 'Règle métier non respectée',
  '500': 'Erreur interne',
};

function parametres(r: RouteDefinition) {
  const out: unknown[] = [];
  for (const [lieu, schema] of [['path', r.input?.params], ['query', r.input?.query]] as const) {
    if (!schema) continue;
    const s = json(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      out.push({ name, in: lieu, required: lieu === 'path' || (s.required ?? []).includes(name), schema: prop });
    }
  }
  for (const h of r.input?.headers ?? []) out.push({ name: h, in: 'header', required: true, schema: { type: 'string' } });
  return out;
}

function operation(r: RouteDefinition) {
  const succes = String(r.successStatus ?? 200);
  const sortie = r.output ?? SORTIES_DOCUMENTEES[cleDe(r)];
  const contenu =
    sortie === 'pdf'
      ? { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
      : { 'application/json': { schema: sortie ? json(sortie, 'output') : {} } };
  return {
    summary: r.summary,
    tags: [r.tag],
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    ...(r.auth === 'jwt' ? { security: [{ jwt: [] }] } : { security: [] }),
    parameters: parametres(r),
    ...(r.input?.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.input.body, 'input') } } } }
      : {}),
    responses: {
      [succes]: { description: 'Succès', content: contenu },
      ...Object.fromEntries(
        Object.entries(ERREURS).map(([s, d]) => [s, { description: d, content: { 'application/json': { schema: { $ref: '#/components/schemas/Erreur' } } } }]),
      ),
    },
    'x-roles': rolesDe(r),
    ...('action' in r && r.action ? { 'x-action': r.action, 'x-relations': POLITIQUE[r.action].relations } : {}),
  };
}

let cache: unknown;

/** OpenAPI 3.1 generated from the route manifest and its zod schemas. */
export function documentOpenApi(): unknown {
  if (cache) return cache;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    if ('localOnly' in r && r.localOnly) continue;
    (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  cache = {
    openapi: '3.1.0',
    info: {
      title: 'Guichet — API',
      version: '0.1.0',
      description: 'Appels à projets et demandes de subvention FSE / FSE+. Montants en centimes d’euro, instants en UTC (ISO 8601).',
    },
    servers: [{ url: '/api' }],
    paths,
    components: {
      schemas: { Erreur: json(ErreurApi, 'output') },
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
  return cache;
}
