import { z } from 'zod';
import { RequeteInvalide } from '../domain/errors';

const Cle = z.record(z.string().regex(/^(pk|sk|gsi[12](pk|sk))$/), z.string().max(1024));

/** Opaque pagination cursor: the LastEvaluatedKey, base64url-encoded. */
export const encodeCursor = (cle: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify(cle), 'utf8').toString('base64url');

/**
 * Decodes a client's cursor and checks it points into the partition being queried: a forged or stale cursor is a
 * 400, never a DynamoDB validation error.
 */
export function decodeCursor(cursor: string, attendu: Record<string, string>): Record<string, string> {
  const invalide = () => new RequeteInvalide('CURSEUR_INVALIDE', 'Le curseur de pagination est invalide ou périmé.');
  let brut: unknown;
  try {
    brut = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalide();
  }
  const r = Cle.safeParse(brut);
  if (!r.success || Object.entries(attendu).some(([k, v]) => r.data[k] !== v)) throw invalide();
  return r.data;
}

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
