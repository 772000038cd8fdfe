import type { DateHeureLocale } from '../schemas/common';
import { heureMurale } from '../format';

/** Offset (ms) of `zone` from UTC at the instant `utcMs`. */
function decalage(utcMs: number, zone: string): number {
  const h = heureMurale(new Date(utcMs), zone);
  const commeUtc = Date.UTC(Number(h.year), Number(h.month) - 1, Number(h.day), Number(h.hour), Number(h.minute), Number(h.second));
  return commeUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * UTC instant of a wall-clock time in an IANA zone, DST-safe. In the autumn overlap the later instant is returned
 * (the more generous reading for a deadline); in the spring gap the time is read with the offset in force before
 * the gap, which lands just after it.
 */
export function instantLocal(date: string, heure: string, zone: string, fin = false): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = heure.split(':').map(Number) as [number, number, number | undefined];
  const secondesDonnees = ss !== undefined;
  let local = Date.UTC(y, m - 1, d, hh, mm, ss ?? 0);
  if (fin) local += secondesDonnees ? 999 : 59_999;
  const candidats = new Set([decalage(local - 86_400_000, zone), decalage(local + 86_400_000, zone)]);
  const valides = [...candidats].map((o) => local - o).filter((utc) => decalage(utc, zone) === local - utc);
  if (valides.length > 0) return new Date(Math.max(...valides));
  return new Date(local - decalage(local - 86_400_000, zone));
}

/** The last instant a deadline accepts: the whole named minute (or second) is inside. */
export const instantCloture = (c: DateHeureLocale): Date => instantLocal(c.date, c.heure, c.fuseau, true);

/** The first instant of an opening. */
export const instantOuverture = (o: DateHeureLocale): Date => instantLocal(o.date, o.heure, o.fuseau, false);
