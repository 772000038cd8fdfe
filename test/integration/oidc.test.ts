import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { cles, CLIENT_ID, identiteDe, signerJetonPour } from '#local/identity';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let keysDir: string;
let issuer: string;
const REDIRECT = () => `${g.url}/auth/callback`;

beforeAll(async () => {
  g = await demarrerGuichet();
  api = client(g);
  keysDir = join(g.dataDir, 'keys');
  issuer = `${g.url}/idp`;
});
afterAll(async () => g?.stop());

/** A browser's cookies, enough for the provider (paths ignored: each request sends every cookie). */
function navigateur() {
  const cookies = new Map<string, string>();
  async function aller(url: string, init: RequestInit = {}): Promise<Response> {
    const r = await fetch(new URL(url, g.url), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of r.headers.getSetCookie()) {
      const [paire] = c.split(';');
      const i = paire!.indexOf('=');
      cookies.set(paire!.slice(0, i), paire!.slice(i + 1));
    }
    return r;
  }
  return { aller, cookies };
}

const b64url = (b: Buffer) => b.toString('base64url');

/** GET /authorize → the login page → the chosen account → the redirect to the callback with a code. */
async function autoriser(email: string, options: { state?: string } = {}) {
  const nav = navigateur();
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = options.state ?? b64url(randomBytes(8));
  const q = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT(),
    scope: 'openid email profile',
    state,
    nonce: 'n-0S6_WzA2Mj',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  let r = await nav.aller(`/idp/auth?${q}`);
  expect(r.status).toBe(303);
  const interaction = r.headers.get('location')!;
  expect(interaction).toMatch(/^\/idp\/interaction\/[\w-]+$/);
  r = await nav.aller(interaction, { headers: { accept: 'text/html' } });
  expect(r.status).toBe(200);
  const html = await r.text();
  expect(html).toContain('Connexion à Guichet (fournisseur d’identité local)');
  expect(html).toContain('Autre adresse électronique');
  expect(html).toContain('OI — administration');
  r = await nav.aller(`${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email }).toString(),
  });
  expect(r.status).toBe(303);
  // The provider resumes the authorization; consent is granted without a page.
  let location = r.headers.get('location')!;
  for (let i = 0; i < 5 && !location.startsWith(REDIRECT()); i++) {
    r = await nav.aller(location);
    expect([302, 303]).toContain(r.status);
    location = r.headers.get('location')!;
  }
  const retour = new URL(location);
  expect(`${retour.origin}${retour.pathname}`).toBe(REDIRECT());
  expect(retour.searchParams.get('state')).toBe(state);
  expect(retour.searchParams.get('iss')).toBe(issuer);
  return { nav, code: retour.searchParams.get('code')!, verifier };
}

async function echanger(code: string, verifier: string) {
  const r = await fetch(`${g.url}/idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT(), client_id: CLIENT_ID, code_verifier: verifier }).toString(),
  });
  return { status: r.status, body: (await r.json()) as Record<string, string | number> };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Keeps the header and the signature, replaces the payload. */
function falsifier(token: string, modifier: (p: Record<string, unknown>) => void): string {
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
  modifier(payload);
  return [h, b64url(Buffer.from(JSON.stringify(payload))), s].join('.');
}

describe('the local OpenID provider', () => {
  it('publishes a discovery document with the JWKS where Cognito has it, code + PKCE (S256) and end_session', async () => {
    const r = await fetch(`${g.url}/idp/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    const d = (await r.json()) as Record<string, unknown>;
    expect(d.issuer).toBe(issuer);
    expect(d.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
    expect(d.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(d.end_session_endpoint).toBe(`${issuer}/session/end`);
    const jwks = (await (await fetch(String(d.jwks_uri))).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]!.d).toBeUndefined();
    const config = (await (await fetch(`${g.url}/config.json`)).json()) as Record<string, string>;
    expect(config).toMatchObject({ authority: issuer, clientId: 'guichet-web' });
  });

  it('signs in through the login page (code + PKCE) and issues a Cognito-shaped ID token that the API accepts', async () => {
    const { code, verifier } = await autoriser('oi@guichet.test');
    const t = await echanger(code, verifier);
    expect(t.status).toBe(200);
    expect(typeof t.body.refresh_token).toBe('string');
    const idToken = String(t.body.id_token);
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: 'guichet-web',
      sub: 'demo-oi-admin',
      email: 'oi@guichet.test',
      email_verified: true,
      given_name: 'Claire',
      family_name: 'Martin',
      'cognito:groups': ['oi-admin'],
      'custom:oi': 'AGAPE',
      nonce: 'n-0S6_WzA2Mj',
    });
    const { kid } = await cles(keysDir);
    expect(decodeProtectedHeader(idToken)).toMatchObject({ alg: 'RS256', kid });
    // The same verification accepts the provider's token and the dev endpoint's.
    expect((await fetch(`${g.url}/api/gestion/aaps`, { headers: bearer(idToken) })).status).toBe(200);
    expect(decodeProtectedHeader(await api.jeton('oi@guichet.test')).kid).toBe(kid);
    expect((await api.get('/gestion/aaps', { as: 'oi@guichet.test' })).status).toBe(200);

    // Refresh without offline_access, as on Cognito: a new ID token with the same claims.
    const r = await fetch(`${g.url}/idp/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token), client_id: CLIENT_ID }).toString(),
    });
    expect(r.status).toBe(200);
    const renouvele = (await r.json()) as { id_token: string };
    expect(decodeJwt(renouvele.id_token)).toMatchObject({ sub: 'demo-oi-admin', 'cognito:groups': ['oi-admin'], 'custom:oi': 'AGAPE' });
  });

  it('makes any other address a new porteur with the hashed sub, and omits the OI', async () => {
    const email = `nouveau-${randomBytes(4).toString('hex')}@exemple.fr`;
    const { code, verifier } = await autoriser(email.toUpperCase());
    const claims = decodeJwt(String((await echanger(code, verifier)).body.id_token));
    expect(claims).toMatchObject({ sub: identiteDe(email).sub, email, 'cognito:groups': ['porteur'] });
    expect(claims.sub).toMatch(/^user-[0-9a-f]{24}$/);
    expect(claims['custom:oi']).toBeUndefined();
  });

  it('refuses an authorization code used twice (invalid_grant) and a wrong PKCE verifier', async () => {
    const a = await autoriser('porteur@guichet.test');
    expect((await echanger(a.code, a.verifier)).status).toBe(200);
    const rejoue = await echanger(a.code, a.verifier);
    expect(rejoue.status).toBe(400);
    expect(rejoue.body.error).toBe('invalid_grant');
    const b = await autoriser('porteur@guichet.test');
    const mauvais = await echanger(b.code, b64url(randomBytes(32)));
    expect(mauvais.status).toBe(400);
    expect(mauvais.body.error).toBe('invalid_grant');
  });

  it('re-renders the login page in French for an invalid address', async () => {
    const nav = navigateur();
    const q = new URLSearchParams({
      client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT(), scope: 'openid', state: 's',
      code_challenge: b64url(createHash('sha256').update('v'.repeat(43)).digest()), code_challenge_method: 'S256',
    });
    const interaction = (await nav.aller(`/idp/auth?${q}`)).headers.get('location')!;
    const r = await nav.aller(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=pas-une-adresse',
    });
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain('Adresse électronique invalide');
    expect(html).toContain('aria-invalid="true"');
  });

  it('accepts a token minted by the test helper for an agent of another OI', async () => {
    const jeton = await signerJetonPour(keysDir, issuer, { sub: 'agent-autre-oi', email: 'agent@autre-oi.fr', groupes: ['oi-admin'], oi: 'AUTRE-OI' });
    const r = await fetch(`${g.url}/api/gestion/aaps`, { headers: bearer(jeton) });
    expect(r.status).toBe(200);
  });
});

describe('tokens the API refuses (401 NON_AUTHENTIFIE, nothing changed)', () => {
  const porteur = () => identiteDe('porteur@guichet.test');
  const oi = () => identiteDe('oi@guichet.test');
  const contenu = (reference: string) => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference })) as unknown;

  async function refuse(jeton: string, reference: string) {
    const r = await fetch(`${g.url}/api/aaps`, {
      method: 'POST',
      headers: { ...bearer(jeton), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(contenu(reference)),
    });
    expect(r.status).toBe(401);
    const corps = (await r.json()) as { code: string; message: string };
    expect(corps.code).toBe('NON_AUTHENTIFIE');
    expect(corps.message).toMatch(/[Aa]uthentification|session/);
    const liste = await api.get(`/gestion/aaps?q=${reference}`, { as: 'oi@guichet.test' });
    expect(liste.status).toBe(200);
    expect(liste.body.items).toHaveLength(0);
  }

  it('alg none', async () => {
    const valide = await signerJetonPour(keysDir, issuer, oi());
    const [, payload] = valide.split('.');
    await refuse(`${b64url(Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })))}.${payload}.`, 'AAP-NONE');
  });

  it('a token signed by another key with the same kid', async () => {
    const { kid } = await cles(keysDir);
    const { privateKey } = await generateKeyPair('RS256');
    const jeton = await new SignJWT({ email: 'oi@guichet.test', 'cognito:groups': ['oi-admin'], 'custom:oi': 'AGAPE' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('demo-oi-admin').setIssuer(issuer).setAudience(CLIENT_ID).setIssuedAt().setExpirationTime('1h')
      .sign(privateKey);
    await refuse(jeton, 'AAP-AUTRE-CLE');
  });

  it('an expired token', async () => {
    await refuse(await signerJetonPour(keysDir, issuer, oi(), { expireDans: -60 }), 'AAP-EXPIRE');
  });

  it('another audience', async () => {
    const { privee, kid } = await cles(keysDir);
    const jeton = await new SignJWT({ email: 'oi@guichet.test', 'cognito:groups': ['oi-admin'], 'custom:oi': 'AGAPE' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('demo-oi-admin').setIssuer(issuer).setAudience('autre-client').setIssuedAt().setExpirationTime('1h')
      .sign(privee);
    await refuse(jeton, 'AAP-AUDIENCE');
  });

  it('another issuer', async () => {
    await refuse(await signerJetonPour(keysDir, 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_autre', oi()), 'AAP-EMETTEUR');
  });

  it('forged cognito:groups (payload edited, signature kept)', async () => {
    const jeton = falsifier(await signerJetonPour(keysDir, issuer, porteur()), (p) => {
      p['cognito:groups'] = ['oi-admin'];
      p['custom:oi'] = 'AGAPE';
    });
    await refuse(jeton, 'AAP-GROUPES');
  });

  it('forged custom:oi (payload edited, signature kept)', async () => {
    const jeton = falsifier(await signerJetonPour(keysDir, issuer, oi()), (p) => {
      p['custom:oi'] = 'AUTRE-OI';
    });
    await refuse(jeton, 'AAP-OI');
  });

  it('garbage and a non-bearer Authorization header', async () => {
    await refuse('pas-un-jeton', 'AAP-GARBAGE');
    const r = await fetch(`${g.url}/api/gestion/aaps`, { headers: { authorization: 'Basic b2k6b2k=', accept: 'application/json' } });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { code: string }).code).toBe('NON_AUTHENTIFIE');
  });

  it('on a public route: an invalid token is refused, no token is anonymous', async () => {
    const expire = await signerJetonPour(keysDir, issuer, porteur(), { expireDans: -60 });
    const r = await fetch(`${g.url}/api/aaps`, { headers: { ...bearer(expire), accept: 'application/json' } });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { code: string }).code).toBe('NON_AUTHENTIFIE');
    expect((await fetch(`${g.url}/api/aaps`, { headers: { accept: 'application/json' } })).status).toBe(200);
  });

  it('no token on a jwt route', async () => {
    const r = await api.get('/gestion/aaps');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('NON_AUTHENTIFIE');
  });
});
