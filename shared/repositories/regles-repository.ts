/**
 * The versions of a PLIE's exit rules its OI entered (the seeded ones are data: shared/domain/sortie/regles-plie.ts).
 *
 * | item          | pk          | sk                 |
 * |---------------|-------------|--------------------|
 * | REGLES_SORTIE | PLIE#<id>   | REGLES#<valideDu>  |
 *
 * Access pattern: every version of one PLIE (one Query of its partition, sk beginning with REGLES#). The key makes one
 * version per date: the put is conditioned on the key being free.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { Conflit } from '../domain/errors';
import type { ReglesStore } from '../domain/sortie/regles-plie';
import { VersionReglesStockee } from '../schemas/regles-sorties';
import { conditionEchouee } from './dynamo-utils';
import { dynamo } from './clients';
import { toutesLesPages } from './pagination';

const TECHNIQUES = new Set(['pk', 'sk', 'type']);
/** A stored version is parsed as it was checked when entered (criteria included): the qualification trusts its shape. */
const lireItem = (i: Record<string, unknown>) => VersionReglesStockee.parse(Object.fromEntries(Object.entries(i).filter(([k]) => !TECHNIQUES.has(k))));

export const reglesRepository: ReglesStore = {
  versions: (plie) =>
    toutesLesPages(
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `PLIE#${plie}`, ':p': 'REGLES#' },
      },
      lireItem,
    ),

  async ajouter(v) {
    try {
      await dynamo().send(new PutCommand({
        TableName: tableName(),
        Item: { pk: `PLIE#${v.plie}`, sk: `REGLES#${v.valideDu}`, type: 'REGLES_SORTIE', ...v },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (e) {
      if (conditionEchouee(e)) throw new Conflit('VERSION_REGLES_EXISTANTE', `Une version des règles de sortie s’applique déjà à compter du ${v.valideDu} : une seule version par date.`);
      throw e;
    }
  },
};
