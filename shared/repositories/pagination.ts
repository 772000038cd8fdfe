import { QueryCommand, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './clients';
import { cleDeDepartRefusee, curseurInvalide, decodeCursor, encodeCursor } from './dynamo-utils';

/** Every item a Query matches, page after page (the SDK's paginator), each read through `lire`. */
export async function toutesLesPages<T>(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>, lire: (item: Record<string, unknown>) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const page of paginateQuery({ client: dynamo() }, input)) out.push(...(page.Items ?? []).map(lire));
  return out;
}

/**
 * One page of a filtered Query on an index: up to `limit` items, and a cursor only when more may follow. DynamoDB
 * applies `Limit` before the filter, so it reads on (25 reads at most) until `limit` + 1 items match; the extra one
 * only says that a next page exists, and the cursor is the key of the last item returned, so that a page is never
 * followed by an empty one.
 */
export async function pageFiltree<T>(p: {
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  limit: number;
  /** The client's cursor, if any, and the partition it must point into (e.g. `{ gsi2pk: 'AAPDOS#…' }`). */
  cursor: string | undefined;
  partition: Record<string, string>;
  /** The key attributes of the index's items: table key and index key. */
  cles: readonly string[];
  lire: (brut: Record<string, unknown>) => T;
}): Promise<{ items: T[]; cursor: string | null }> {
  const bruts: Record<string, unknown>[] = [];
  let debut: Record<string, unknown> | undefined = p.cursor ? decodeCursor(p.cursor, p.partition, p.cles) : undefined;
  for (let lectures = 0; lectures < 25 && bruts.length <= p.limit; lectures++) {
    const r = await dynamo()
      .send(new QueryCommand({ ...p.input, Limit: p.limit + 1 - bruts.length, ...(debut ? { ExclusiveStartKey: debut } : {}) }))
      .catch((e: unknown) => {
        // A well-formed cursor may still fall outside this query's key condition (another statut's range, say).
        if (lectures === 0 && p.cursor && cleDeDepartRefusee(e)) throw curseurInvalide();
        throw e;
      });
    bruts.push(...(r.Items ?? []));
    debut = r.LastEvaluatedKey;
    if (!debut) break;
  }
  if (bruts.length > p.limit) {
    const dernier = bruts[p.limit - 1]!;
    return { items: bruts.slice(0, p.limit).map(p.lire), cursor: encodeCursor(Object.fromEntries(p.cles.map((k) => [k, dernier[k]]))) };
  }
  return { items: bruts.map(p.lire), cursor: debut ? encodeCursor(debut) : null };
}
