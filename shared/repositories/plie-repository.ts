/**
 * PLIE aggregate.
 *
 * | item | pk          | sk   | gsi1pk / gsi1sk        |
 * |------|-------------|------|------------------------|
 * | PLIE | PLIE#<id>   | META | PLIE / <oi>#<id>       |
 *
 * Access patterns: one PLIE (Get); every PLIE or one OI's (gsi1, begins_with on the OI). A few dozen items at most
 * per OI, so one query page holds them. Writes are conditioned on the version read.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { PlieStore } from '../domain/plie/use-cases';
import { Conflit } from '../domain/errors';
import { EntetePlie, Plie } from '../schemas/plie';
import { dynamo } from './clients';
import { conditionEchouee } from './dynamo-utils';
import { toutesLesPages } from './pagination';

const clePlie = (id: string) => ({ pk: `PLIE#${id}`, sk: 'META' });
const TECHNIQUES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type']);
const lireItem = (i: Record<string, unknown>): Plie => Plie.parse(Object.fromEntries(Object.entries(i).filter(([k]) => !TECHNIQUES.has(k))));

const PROJECTION_ENTETE = { ProjectionExpression: '#id, #oi, #nom, #site, #v', ExpressionAttributeNames: { '#id': 'id', '#oi': 'oi', '#nom': 'nom', '#site': 'siteWeb', '#v': 'version' } };

function requete(prefixe: string): Promise<Plie[]>;
function requete(prefixe: string, entetes: 'entetes'): Promise<EntetePlie[]>;
function requete(prefixe: string, entetes?: 'entetes'): Promise<Plie[] | EntetePlie[]> {
  return toutesLesPages(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      // DynamoDB refuses an empty begins_with: no prefix reads the whole partition.
      KeyConditionExpression: prefixe ? 'gsi1pk = :pk AND begins_with(gsi1sk, :p)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: prefixe ? { ':pk': 'PLIE', ':p': prefixe } : { ':pk': 'PLIE' },
      // A PLIE's texts run to tens of kilobytes: left out where they are not asked for.
      ...(entetes ? PROJECTION_ENTETE : {}),
    },
    entetes ? (i: Record<string, unknown>) => EntetePlie.parse(i) : lireItem,
  );
}

export const plieRepository: PlieStore = {
  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: clePlie(id) }));
    return r.Item ? lireItem(r.Item) : null;
  },

  lister: (oi) => requete(oi ? `${oi}#` : '', 'entetes'),
  listerPourOi: (oi) => requete(`${oi}#`),

  async ecrire(plie, versionLue) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...clePlie(plie.id), type: 'PLIE', gsi1pk: 'PLIE', gsi1sk: `${plie.oi}#${plie.id}`, ...plie },
          ...(versionLue === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': versionLue } }),
        }),
      );
    } catch (e) {
      if (conditionEchouee(e)) throw new Conflit('VERSION_PERIMEE', 'Ce PLIE a été modifié ou créé entre-temps : rechargez-le.');
      throw e;
    }
  },
};
