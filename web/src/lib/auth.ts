import { useSyncExternalStore } from 'react';

/** Who is signed in, as read from the JWT payload (display only: the server verifies the signature). */
export interface Session {
  token: string;
  email: string;
  roles: string[];
  oi: string | null;
  expireLe: number | null;
}

/**
 * The session lives in localStorage, so that a dossier opened in a new tab, or a reload, finds the user signed in;
 * a sign-in or sign-out in one tab reaches the others through the `storage` event.
 */
const CLE = 'guichet.jeton';
const abonnes = new Set<() => void>();
let courante: Session | null | undefined;

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== CLE && e.key !== null) return;
    courante = undefined;
    abonnes.forEach((f) => f());
  });
}

function base64UrlJson(segment: string): unknown {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binaire = atob(b64);
  const octets = Uint8Array.from(binaire, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(octets));
}

/** Decodes the payload of a JWT; null when it is not one. */
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
      email: typeof c.email === 'string' ? c.email : typeof c.sub === 'string' ? c.sub : 'inconnu',
      roles: Array.isArray(groupes) ? groupes.filter((g): g is string => typeof g === 'string') : [],
      oi: typeof c['custom:oi'] === 'string' && c['custom:oi'] ? c['custom:oi'] : null,
      expireLe: typeof c.exp === 'number' ? c.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

function lire(): Session | null {
  if (courante !== undefined) return courante;
  const token = localStorage.getItem(CLE);
  const s = token ? decoderJeton(token) : null;
  courante = s && (s.expireLe === null || s.expireLe > Date.now()) ? s : null;
  if (!courante && token) localStorage.removeItem(CLE);
  return courante;
}

export function ouvrirSession(token: string): Session {
  const s = decoderJeton(token);
  if (!s) throw new Error('Jeton illisible.');
  localStorage.setItem(CLE, token);
  courante = s;
  abonnes.forEach((f) => f());
  return s;
}

export function fermerSession(): void {
  localStorage.removeItem(CLE);
  courante = null;
  abonnes.forEach((f) => f());
}

export const sessionCourante = (): Session | null => lire();

export function useSession(): Session | null {
  return useSyncExternalStore(
    (f) => {
      abonnes.add(f);
      return () => abonnes.delete(f);
    },
    lire,
    () => null,
  );
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
