/**
 * Retries on 503 `SERVICE_INDISPONIBLE` (storage or identity provider down): the API says when with `Retry-After`.
 * Only what can be replayed safely is retried: GET and HEAD, and any request carrying an `Idempotency-Key` (the
 * server answers a replay with the first result); a plain POST is never sent twice. While waiting, the layout shows
 * « Service momentanément indisponible, nouvel essai dans N s… ».
 */

/** Tries in all, the first one included. */
export const ESSAIS_MAX = 3;
const ATTENTE_MAX_S = 30;

/** `Retry-After` in seconds (delay or HTTP date), between 1 and 30; 5 when absent or unreadable. */
export function secondesAvantNouvelEssai(valeur: string | null, maintenant = Date.now()): number {
  if (!valeur) return 5;
  const v = valeur.trim();
  const s = /^\d+$/.test(v) ? Number(v) : Math.ceil((Date.parse(v) - maintenant) / 1000);
  if (!Number.isFinite(s)) return 5;
  return Math.min(ATTENTE_MAX_S, Math.max(1, s));
}

/** GET/HEAD, or a write the server deduplicates by its `Idempotency-Key`. */
export function rejouable(methode: string, entetes: Record<string, string>): boolean {
  if (methode === 'GET' || methode === 'HEAD') return true;
  return Object.entries(entetes).some(([k, v]) => k.toLowerCase() === 'idempotency-key' && v.trim() !== '');
}

/** What the banner shows: the instant of the next try, or null when nothing waits. */
export type Attente = { jusqua: number } | null;
const ecouteurs = new Set<(a: Attente) => void>();
let enAttente = 0;

export function surIndisponibilite(ecouteur: (a: Attente) => void): () => void {
  ecouteurs.add(ecouteur);
  return () => void ecouteurs.delete(ecouteur);
}

const signaler = (a: Attente) => ecouteurs.forEach((e) => e(a));

function patienter(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((ok, ko) => {
    if (signal?.aborted) return ko(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', annuler);
      ok();
    }, ms);
    const annuler = () => {
      clearTimeout(t);
      ko(signal?.reason);
    };
    signal?.addEventListener('abort', annuler, { once: true });
  });
}

/** Sends, and sends again after `Retry-After` while the answer is 503 and the request is replayable (bounded). */
export async function avecNouvelsEssais(
  envoyer: () => Promise<Response>,
  o: { methode: string; entetes: Record<string, string>; signal?: AbortSignal; attendre?: (ms: number, signal?: AbortSignal) => Promise<void> },
): Promise<Response> {
  const attendre = o.attendre ?? patienter;
  for (let essai = 1; ; essai++) {
    const r = await envoyer();
    if (r.status !== 503 || essai >= ESSAIS_MAX || !rejouable(o.methode, o.entetes)) return r;
    const secondes = secondesAvantNouvelEssai(r.headers.get('retry-after'));
    await r.body?.cancel().catch(() => {});
    enAttente++;
    signaler({ jusqua: Date.now() + secondes * 1000 });
    try {
      await attendre(secondes * 1000, o.signal);
    } finally {
      if (--enAttente === 0) signaler(null);
    }
  }
}
