/**
 * The OIs' consolidation snapshots (one PLIE-year each), in the OI's partition: a report reads one year of one OI
 * with a single bounded Query (never a Scan).
 *
 * | item        | pk          | sk                        |
 * |-------------|-------------|---------------------------|
 * | instantané  | CONSO#<oi>  | INSTANTANE#<annee>#<plie> |
 *
 * Re-importing a PLIE-year replaces its snapshot (the last import is the figure), in one write per snapshot.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { InstantaneStocke } from '../schemas/consolidation';
import { dynamo } from './clients';
import { sansCles } from './dossier-repository';

const pk = (oi: string) => `CONSO#${oi}`;
const item = (i: InstantaneStocke) => ({ pk: pk(i.oi), sk: `INSTANTANE#${i.annee}#${i.plie}`, entite: 'INSTANTANE', ...i });

async function requete(oi: string, prefixe: string): Promise<InstantaneStocke[]> {
  const out: InstantaneStocke[] = [];
  let depart: Record<string, unknown> | undefined;
  do {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk(oi), ':p': prefixe }, ExclusiveStartKey: depart,
    }));
    out.push(...(r.Items ?? []).map((x) => InstantaneStocke.parse(sansCles(x))));
    depart = r.LastEvaluatedKey;
  } while (depart);
  return out;
}

export interface ConsolidationStore {
  ecrire(instantanes: readonly InstantaneStocke[]): Promise<void>;
  annee(oi: string, annee: number): Promise<InstantaneStocke[]>;
  /** Every snapshot of the OI (the years offered): bounded by the OI's own imports. */
  tous(oi: string): Promise<InstantaneStocke[]>;
}

export const consolidationRepository: ConsolidationStore = {
  async ecrire(instantanes) {
    for (let i = 0; i < instantanes.length; i += 25) {
      let requetes: Record<string, unknown>[] | undefined = instantanes.slice(i, i + 25).map((x) => ({ PutRequest: { Item: item(x) } }));
      for (let essai = 0; requetes?.length && essai < 8; essai++) {
        if (essai > 0) await new Promise((ok) => setTimeout(ok, 20 * 2 ** essai));
        const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requetes as never } }));
        requetes = r.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined;
      }
      if (requetes?.length) throw new Error('Écriture des instantanés de consolidation incomplète');
    }
  },
  annee: (oi, annee) => requete(oi, `INSTANTANE#${annee}#`),
  tous: (oi) => requete(oi, 'INSTANTANE#'),
};
