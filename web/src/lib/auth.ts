import { useSyncExternalStore } from 'react';
import { ErrorResponse, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { CLAIM_MFA, MFA_A_CONFIGURER } from '#shared/auth/mfa';

/**
 * Sign-in with OpenID Connect (authorization code + PKCE), the same code on AWS (Cognito managed login) and in
 * `npm start` (the local provider under `/idp`): only `/config.json`, read at boot, differs. The user (ID token,
 * refresh token) lives in localStorage, so a new tab or a reload finds the session; a sign-in, renewal or sign-out in
 * one tab reaches the others through the `storage` event. The API verifies the ID token.
 */

/** Who is signed in, as read from the ID token (display only: the server verifies the signature). */
export interface Session {
  /** The ID token, sent as `Authorization: Bearer`. */
  token: string;
  sub: string;
  email: string;
  prenom: string | null;
  nom: string | null;
  roles: string[];
  oi: string | null;
  expireLe: number | null;
  /** OI staff without TOTP yet: their tokens carry no OI group until they set it up (Cognito only). */
  mfaAConfigurer: boolean;
  /** The access token (Cognito: for the user's own TOTP set-up); never sent to the API. */
  accessToken: string | null;
}

/** `/config.json`: where the SPA signs in. */
export interface ConfigAuth {
  authority: string;
  clientId: string;
  scopes?: string;
  /** Extra parameters of the authorization request (Cognito: `{ lang: 'fr' }`). */
  parametresAutorisation?: Record<string, string>;
  /** Where to send the browser to sign out when the provider has no end_session_endpoint (Cognito `/logout?…`). */
  urlDeconnexion?: string;
}

export const CHEMIN_RETOUR = '/auth/callback';
/** Seconds before expiry when renewal starts, and when the banner announces it if renewal has not succeeded. */
export const AVANCE_RENOUVELLEMENT = 120;

let gestionnaire: UserManager | null = null;
let config: ConfigAuth | null = null;
let courante: Session | null = null;
let erreurRenouvellement = false;
const abonnes = new Set<() => void>();
const notifier = () => abonnes.forEach((f) => f());

function lireConfig(c: unknown): ConfigAuth | null {
  if (typeof c !== 'object' || c === null) return null;
  const o = c as Record<string, unknown>;
  if (typeof o.authority !== 'string' || typeof o.clientId !== 'string') return null;
  const params =
    typeof o.parametresAutorisation === 'object' && o.parametresAutorisation !== null
      ? Object.fromEntries(Object.entries(o.parametresAutorisation).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : undefined;
  return {
    authority: o.authority,
    clientId: o.clientId,
    ...(typeof o.scopes === 'string' ? { scopes: o.scopes } : {}),
    ...(params ? { parametresAutorisation: params } : {}),
    ...(typeof o.urlDeconnexion === 'string' ? { urlDeconnexion: o.urlDeconnexion } : {}),
  };
}

function base64UrlJson(segment: string): unknown {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const octets = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(octets));
}

const texte = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The session of an ID token; null when it is not a readable JWT. */
export function decoderJeton(token: string): Session | null {
  const segment = token.split('.')[1];
  if (!segment) return null;
  try {
    const p = base64UrlJson(segment);
    if (typeof p !== 'object' || p === null) return null;
    const c = p as Record<string, unknown>;
    const groupes = c['cognito:groups'];
    return {
      token,
      sub: texte(c.sub) ?? 'inconnu',
      email: texte(c.email) ?? texte(c.sub) ?? 'inconnu',
      prenom: texte(c.given_name),
      nom: texte(c.family_name),
      roles: Array.isArray(groupes) ? groupes.filter((g): g is string => typeof g === 'string') : [],
      oi: texte(c['custom:oi']),
      expireLe: typeof c.exp === 'number' ? c.exp * 1000 : null,
      mfaAConfigurer: c[CLAIM_MFA] === MFA_A_CONFIGURER,
      accessToken: null,
    };
  } catch {
    return null;
  }
}

function sessionDe(user: User | null): Session | null {
  if (!user?.id_token) return null;
  const s = decoderJeton(user.id_token);
  if (!s) return null;
  // The API checks the ID token's expiry; the access token's may differ.
  const expireLe = Math.min(s.expireLe ?? Infinity, user.expires_at ? user.expires_at * 1000 : Infinity);
  const session = { ...s, expireLe: Number.isFinite(expireLe) ? expireLe : null, accessToken: user.access_token || null };
  return session.expireLe !== null && session.expireLe <= Date.now() ? null : session;
}

function definir(user: User | null): void {
  const s = sessionDe(user);
  if (s?.token !== courante?.token) erreurRenouvellement = false;
  courante = s;
  notifier();
}

/** The sign-in configuration read at boot (null before, or when `/config.json` is missing). */
export const configConnexion = (): ConfigAuth | null => config;

/** Reads `/config.json` and the stored user; the app renders after this (a failure leaves the visitor anonymous). */
export async function demarrerAuth(): Promise<void> {
  try {
    const r = await fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-cache' });
    config = r.ok ? lireConfig(await r.json()) : null;
  } catch {
    config = null;
  }
  if (!config) {
    console.warn('Configuration de connexion (/config.json) absente ou invalide : connexion impossible.');
    return;
  }
  const origine = window.location.origin;
  gestionnaire = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origine}${CHEMIN_RETOUR}`,
    post_logout_redirect_uri: `${origine}/`,
    response_type: 'code',
    scope: config.scopes ?? 'openid email profile',
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    stateStore: new WebStorageStateStore({ store: window.localStorage }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: AVANCE_RENOUVELLEMENT,
    ...(config.parametresAutorisation ? { extraQueryParams: config.parametresAutorisation } : {}),
  });
  const ev = gestionnaire.events;
  ev.addUserLoaded((u) => definir(u));
  ev.addUserUnloaded(() => definir(null));
  ev.addAccessTokenExpired(() => {
    courante = null;
    notifier();
  });
  ev.addSilentRenewError(() => {
    erreurRenouvellement = true;
    notifier();
  });
  // Another tab signed in, renewed or signed out: reload the stored user (this also re-arms the expiry timers).
  window.addEventListener('storage', (e) => {
    if (e.key !== null && !e.key.startsWith('oidc.user:')) return;
    void gestionnaire?.getUser().then((u) => definir(u));
  });
  try {
    const u = await gestionnaire.getUser();
    courante = sessionDe(u);
    if (u && !courante) await gestionnaire.removeUser();
  } catch {
    courante = null;
  }
}

const cibleSure = (c: string | null | undefined): string | null =>
  c && c.startsWith('/') && !c.startsWith('//') && !c.startsWith(CHEMIN_RETOUR) ? c : null;

/** Starts the sign-in at the provider; back on `retour` afterwards (or the role's home page). */
export async function seConnecter(retour?: string | null): Promise<void> {
  if (!gestionnaire) throw new Error('La connexion n’est pas configurée sur ce serveur (/config.json).');
  await gestionnaire.signinRedirect({ state: { retour: cibleSure(retour) } });
}

/** The home page of a role: OI → gestion, porteur → Mes dossiers, comité → Mes comités. */
export function accueilDe(s: Session | null): string {
  if (estOi(s)) return '/gestion';
  if (estPorteur(s)) return '/dossiers';
  if (s?.roles.includes('comite')) return '/comites';
  return '/';
}

let retourEnCours: Promise<{ session: Session | null; cible: string }> | null = null;

/** Completes the sign-in on `/auth/callback` (once, even if called twice): the session and where to go. */
export function terminerConnexion(): Promise<{ session: Session | null; cible: string }> {
  retourEnCours ??= (async () => {
    if (!gestionnaire) throw new Error('La connexion n’est pas configurée sur ce serveur (/config.json).');
    const u = await gestionnaire.signinRedirectCallback();
    definir(u);
    const etat = u.state as { retour?: unknown } | undefined;
    const retour = cibleSure(typeof etat?.retour === 'string' ? etat.retour : null);
    return { session: courante, cible: retour ?? accueilDe(courante) };
  })();
  return retourEnCours;
}

/** A failed sign-in, in French. */
export function messageErreurConnexion(e: unknown): string {
  if (e instanceof ErrorResponse) {
    if (e.error === 'access_denied') return 'La connexion a été annulée ou refusée par le fournisseur d’identité.';
    if (e.error === 'login_required' || e.error === 'invalid_grant')
      return 'Le fournisseur d’identité a refusé la demande : elle a expiré ou a déjà servi.';
    return `Le fournisseur d’identité a refusé la connexion (${e.error ?? 'erreur inconnue'}).`;
  }
  const m = e instanceof Error ? e.message : '';
  if (/state/i.test(m))
    return 'Cette réponse de connexion ne correspond à aucune demande en cours dans ce navigateur (lien rejoué, expiré ou ouvert ailleurs).';
  if (/configur/i.test(m)) return m;
  if (/fetch|network|réseau/i.test(m)) return 'Le fournisseur d’identité est injoignable. Vérifiez votre connexion puis réessayez.';
  return 'La connexion n’a pas pu aboutir.';
}

/** Signs out here and at the provider (end_session, or the configured logout URL such as Cognito's). */
export async function seDeconnecter(): Promise<void> {
  const g = gestionnaire;
  if (!g) return fermerSession();
  const user = await g.getUser();
  if (config?.urlDeconnexion) {
    await g.removeUser();
    window.location.assign(config.urlDeconnexion);
    return;
  }
  try {
    await g.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
  } catch {
    await g.removeUser();
    window.location.assign('/');
  }
}

/** Forgets the session in this browser only (the API refused the token). */
export function fermerSession(): void {
  courante = null;
  notifier();
  void gestionnaire?.removeUser();
}

const avantRenouveler = new Set<() => Promise<void>>();

/** Forms with pending changes register a flush, run before « Rester connecté » renews; returns the unregistration. */
export function avantRenouvellement(fn: () => Promise<void>): () => void {
  avantRenouveler.add(fn);
  return () => void avantRenouveler.delete(fn);
}

/** « Rester connecté »: saves what is pending, then renews silently, or else signs in again back to this page. */
export async function resterConnecte(): Promise<void> {
  await Promise.allSettled([...avantRenouveler].map((f) => f()));
  if (!gestionnaire) return;
  try {
    definir(await gestionnaire.signinSilent());
  } catch {
    await seConnecter(window.location.pathname + window.location.search);
  }
}

/** Renewal failed (or has not happened) and expiry is near: the banner shows. */
export const renouvellementEnEchec = (): boolean => erreurRenouvellement;

export const sessionCourante = (): Session | null => {
  if (courante?.expireLe && courante.expireLe <= Date.now()) courante = null;
  return courante;
};

function abonner(f: () => void) {
  abonnes.add(f);
  return () => abonnes.delete(f);
}

export function useSession(): Session | null {
  return useSyncExternalStore(abonner, () => courante, () => null);
}

export const estOi = (s: Session | null): boolean =>
  !!s && (s.roles.includes('oi-admin') || s.roles.includes('oi-gestionnaire'));
export const estPorteur = (s: Session | null): boolean => !!s && s.roles.includes('porteur');
export const estOiAdmin = (s: Session | null): boolean => !!s && s.roles.includes('oi-admin');

const LIBELLES_ROLES: Record<string, string> = {
  'oi-admin': 'OI — administration',
  'oi-gestionnaire': 'OI — gestion',
  porteur: 'Porteur de projet',
  comite: 'Membre de comité',
};
export const libelleRole = (r: string): string => LIBELLES_ROLES[r] ?? r;
