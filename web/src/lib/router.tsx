import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny history-API router: enough for a dozen pages, no dependency. */
const abonnes = new Set<() => void>();
const notifier = () => abonnes.forEach((f) => f());

if (typeof window !== 'undefined') window.addEventListener('popstate', notifier);

export interface EtatNavigation {
  /** A message to show once on the destination page (e.g. « Appel à projets publié. »). */
  flash?: string;
}

export function navigate(to: string, options: { replace?: boolean; flash?: string } = {}): void {
  const etat: EtatNavigation = options.flash ? { flash: options.flash } : {};
  if (options.replace) window.history.replaceState(etat, '', to);
  else window.history.pushState(etat, '', to);
  window.scrollTo(0, 0);
  notifier();
}

function subscribe(f: () => void) {
  abonnes.add(f);
  return () => abonnes.delete(f);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/');
  const url = new URL(href, 'http://local');
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** The one-shot message carried by the last navigation, if any. */
export function lireFlash(): string | undefined {
  const etat = window.history.state as EtatNavigation | null;
  return typeof etat?.flash === 'string' ? etat.flash : undefined;
}

/** `/aaps/:id/fiches/:code` against `/aaps/x/fiches/A1` → `{ id: 'x', code: 'A1' }`, or null. */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const motif = p[i]!;
    const segment = s[i]!;
    if (motif.startsWith(':')) params[motif.slice(1)] = decodeURIComponent(segment);
    else if (motif !== segment) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates without reloading; modified clicks (new tab…) keep their default. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const clic = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={clic} {...props} />;
}

/** Builds `?a=1&b=2` from the non-empty entries. */
export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
