/**
 * The local stand-in for API Gateway (HTTP API, payload 2.0) and CloudFront: mounts every handler of the route
 * manifest (each handler verifies the bearer token itself, as on AWS), serves the local OpenID provider under
 * `/idp`, the SPA's runtime `/config.json`, and the web app with an SPA fallback. The API answers under `/api/...`,
 * and at the root for non-browser requests.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { routes, type RouteDefinition } from '#shared/http/routes';
import { CHEMIN_IDP, SCOPES, type FournisseurLocal } from './oidc';
import { CHEMIN_BOITE, type BoiteMail } from './boite-mail';

const RACINE = resolve(import.meta.dirname, '..');
const TAILLE_MAX = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

type LambdaHandler = (e: APIGatewayProxyEventV2, c: Context) => Promise<APIGatewayProxyResultV2>;
const HandlerModule = z.object({ handler: z.custom<LambdaHandler>((h) => typeof h === 'function') });
const Resultat = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

interface Mounted {
  route: RouteDefinition;
  motif: RegExp;
  noms: string[];
  charger: () => Promise<LambdaHandler>;
}

function monter(route: RouteDefinition): Mounted {
  const noms: string[] = [];
  const motif = new RegExp(
    `^${route.path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, n: string) => (noms.push(n), '([^/]+)'))}$`,
  );
  let module: Promise<LambdaHandler> | undefined;
  const charger = () =>
    (module ??= import(join(RACINE, route.handler)).then((m: unknown) => HandlerModule.parse(m).handler));
  return { route, motif, noms, charger };
}

/** A path segment decoded, or null when its percent-encoding is malformed (`%2`, `%FF`, overlong `%C0%AF`). */
function decoder(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function json(res: ServerResponse, status: number, corps: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(corps));
}

async function lireCorps(req: IncomingMessage): Promise<Buffer | 'trop'> {
  const morceaux: Buffer[] = [];
  let taille = 0;
  for await (const m of req) {
    const b = Buffer.isBuffer(m) ? m : Buffer.from(String(m));
    taille += b.length;
    if (taille > TAILLE_MAX) return 'trop';
    morceaux.push(b);
  }
  return Buffer.concat(morceaux);
}

export interface GatewayOptions {
  webDir: string;
  /** The local OpenID provider, once the port is known (undefined before: `/idp` answers 503). */
  idp: () => FournisseurLocal | undefined;
  /** The local mail catcher's inbox pages, under `/boite-mail`. */
  boiteMail?: Pick<BoiteMail, 'traiter'>;
}

export function creerGateway(options: GatewayOptions) {
  const montees = routes.map(monter);

  async function api(req: IncomingMessage, res: ServerResponse, chemin: string, query: string): Promise<boolean> {
    const methode = req.method ?? 'GET';
    const candidates = montees.filter((m) => m.motif.test(chemin));
    if (candidates.length === 0) return false;
    const m = candidates.find((c) => c.route.method === methode);
    if (!m) {
      json(res, 405, { code: 'METHODE_NON_AUTORISEE', message: `La méthode ${methode} n’est pas acceptée sur ${chemin}.` });
      return true;
    }
    const corps = await lireCorps(req);
    if (corps === 'trop') {
      json(res, 413, { code: 'REQUETE_TROP_VOLUMINEUSE', message: 'La requête dépasse 10 Mo.' });
      return true;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const valeurs = (m.motif.exec(chemin)?.slice(1) ?? []).map(decoder);
    if (valeurs.some((v) => v === null)) {
      // API Gateway refuses such a path before any function runs: a client error, never a 500.
      json(res, 400, { code: 'CHEMIN_INVALIDE', message: 'Le chemin de la requête contient un encodage en pourcent invalide.' });
      return true;
    }
    const params = new URLSearchParams(query);
    const requestId = randomUUID();
    const binaire = !/json|text|xml|form-urlencoded/.test(headers['content-type'] ?? 'application/json');
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: `${m.route.method} ${m.route.path}`,
      rawPath: chemin,
      rawQueryString: query,
      headers,
      ...(query ? { queryStringParameters: Object.fromEntries(params.entries()) } : {}),
      ...(m.noms.length ? { pathParameters: Object.fromEntries(m.noms.map((n, i) => [n, valeurs[i] ?? ''])) } : {}),
      ...(corps.length ? { body: binaire ? corps.toString('base64') : corps.toString('utf8') } : {}),
      isBase64Encoded: corps.length > 0 && binaire,
      requestContext: {
        accountId: 'local', apiId: 'local', domainName: '127.0.0.1', domainPrefix: 'local', requestId,
        routeKey: `${m.route.method} ${m.route.path}`, stage: '$default', time: new Date().toISOString(),
        timeEpoch: Date.now(),
        http: { method: methode, path: chemin, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      },
    };
    const context = {
      awsRequestId: requestId, functionName: m.route.handler, callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => 29_000,
    } as Context;
    const r = Resultat.parse(await (await m.charger())(event, context));
    const entetes = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)]));
    res.writeHead(r.statusCode, { 'x-request-id': requestId, ...entetes });
    res.end(r.body ? Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8') : undefined);
    return true;
  }

  function statique(req: IncomingMessage, res: ServerResponse, chemin: string): void {
    const fichier = normalize(join(options.webDir, chemin));
    if (extname(fichier) === '.map') {
      // Source maps are never public.
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Introuvable.');
      return;
    }
    const dansWeb = fichier.startsWith(options.webDir);
    const cible =
      dansWeb && existsSync(fichier) && statSync(fichier).isFile() ? fichier : join(options.webDir, 'index.html');
    if (!existsSync(cible)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('L’application web n’est pas construite : lancez « npm run build:web ».');
      return;
    }
    const immuable = cible.includes(`${join(options.webDir, 'assets')}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(cible)] ?? 'application/octet-stream',
      'cache-control': immuable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(cible).pipe(res);
  }

  return async function traiter(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = url.search.slice(1);
      if (url.pathname === CHEMIN_IDP || url.pathname.startsWith(`${CHEMIN_IDP}/`)) {
        const idp = options.idp();
        if (!idp) return json(res, 503, { code: 'SERVICE_INDISPONIBLE', message: 'Le fournisseur d’identité local démarre.' });
        return await idp.traiter(req, res);
      }
      if (options.boiteMail && (url.pathname === CHEMIN_BOITE || url.pathname.startsWith(`${CHEMIN_BOITE}/`))) {
        return options.boiteMail.traiter(req, res, url.pathname, url.searchParams);
      }
      if (url.pathname === '/config.json') {
        // The SPA's runtime configuration (on AWS, a config.json deployed with the web app points at Cognito).
        const idp = options.idp();
        if (!idp) return json(res, 503, { code: 'SERVICE_INDISPONIBLE', message: 'Le fournisseur d’identité local démarre.' });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
        return void res.end(JSON.stringify({ authority: idp.issuer, clientId: idp.clientId, scopes: SCOPES }));
      }
      if (url.pathname.startsWith('/api/')) {
        if (await api(req, res, url.pathname.slice(4), query)) return;
        return json(res, 404, { code: 'ROUTE_INTROUVABLE', message: `Aucune route ne répond à ${url.pathname}.` });
      }
      const navigation = (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
      if (!navigation && (await api(req, res, url.pathname, query))) return;
      const fichier = decoder(url.pathname);
      if (fichier === null) return json(res, 400, { code: 'CHEMIN_INVALIDE', message: 'Le chemin de la requête contient un encodage en pourcent invalide.' });
      statique(req, res, fichier);
    } catch (e) {
      console.error('Erreur du serveur local', e);
      if (!res.headersSent) json(res, 500, { code: 'ERREUR_INTERNE', message: 'Erreur interne' });
      else res.end();
    }
  };
}
