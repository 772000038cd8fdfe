import * as z from 'zod';
import { RequeteInvalide } from '../domain/errors';

/** Opaque pagination cursor: the LastEvaluatedKey, base64url-encoded. */
export const encodeCursor = (cle: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(cle), 'utf8').toString('base64url');

export const curseurInvalide = () => new RequeteInvalide('CURSEUR_INVALIDE', 'Le curseur de pagination est invalide ou périmé.');

/**
 * Decodes a client's cursor strictly: base64url JSON holding exactly the index's key attributes `cles`, each a
 * non-empty string, its partition the one being queried. A forged or stale cursor is a 400, never a DynamoDB
 * validation error (a missing or empty key attribute, another partition).
 */
export function decodeCursor(cursor: string, attendu: Record<string, string>, cles: readonly string[]): Record<string, string> {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw curseurInvalide();
  let brut: unknown;
  try {
    brut = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw curseurInvalide();
  }
  const r = z.record(z.string(), z.string().min(1).max(1024)).safeParse(brut);
  if (!r.success) throw curseurInvalide();
  const cle = r.data;
  // Names read on the raw JSON: a record schema may drop a `__proto__` key that the cursor nonetheless carried.
  const noms = Object.keys(brut ?? {});
  if (noms.length !== cles.length || !cles.every((k) => noms.includes(k) && k in cle)) throw curseurInvalide();
  if (Object.entries(attendu).some(([k, v]) => cle[k] !== v)) throw curseurInvalide();
  return cle;
}

/** DynamoDB refused the ExclusiveStartKey (outside the key condition's range, say): the client's cursor is at fault. */
export const cleDeDepartRefusee = (e: unknown): boolean =>
  z.object({ name: z.literal('ValidationException'), message: z.string().regex(/starting key|ExclusiveStartKey/i) }).safeParse(e).success;

/** The cancellation reason codes of a failed transaction, or null if `e` is something else. */
export function transactionCancellation(e: unknown): string[] | null {
  const r = Annulation.safeParse(e);
  if (!r.success) return null;
  return (r.data.CancellationReasons ?? []).map((c) => c.Code ?? 'None');
}

const Annulation = z.object({
  name: z.literal('TransactionCanceledException'),
  CancellationReasons: z.array(z.object({ Code: z.string().optional() })).optional(),
});

/** A single conditional write that failed its condition. */
export const conditionEchouee = (e: unknown): boolean =>
  z.object({ name: z.literal('ConditionalCheckFailedException') }).safeParse(e).success;
