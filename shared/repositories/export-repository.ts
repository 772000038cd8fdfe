/**
 * Export jobs.
 *
 * | item   | pk               | sk   | notes                                                                  |
 * |--------|------------------|------|------------------------------------------------------------------------|
 * | export | EXPORT#<jobId>   | META | its INSERT on the table's stream starts the job; TTL expiresAt: 7 days |
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { ExportStore } from '../domain/dossier/export';
import { TacheExport } from '../schemas/export';
import { dynamo } from './clients';
import { ATTRIBUT_TTL } from './dossier-repository';

const cle = (id: string) => ({ pk: `EXPORT#${id}`, sk: 'META' });
const SEPT_JOURS = 7 * 86_400;
const maj = (id: string, champs: Record<string, unknown>) =>
  dynamo().send(new UpdateCommand({
    TableName: tableName(), Key: cle(id),
    UpdateExpression: `SET ${Object.keys(champs).map((k, i) => `#c${i} = :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(Object.keys(champs).map((k, i) => [`#c${i}`, k])),
    ExpressionAttributeValues: Object.fromEntries(Object.values(champs).map((v, i) => [`:v${i}`, v])),
    ConditionExpression: 'attribute_exists(pk)',
  }));

export const exportRepository: ExportStore = {
  async creer(t) {
    await dynamo().send(new PutCommand({
      TableName: tableName(),
      Item: { ...cle(t.id), entite: 'EXPORT', ...t, [ATTRIBUT_TTL]: Math.floor(Date.parse(t.creeLe) / 1000) + SEPT_JOURS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  },
  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(id), ConsistentRead: true }));
    return r.Item ? TacheExport.parse(r.Item) : null;
  },
  async avancer(id, lignes) {
    await maj(id, { etat: 'en_cours', lignes });
  },
  async terminer(id, r) {
    await maj(id, { etat: 'termine', lignes: r.lignes, cle: r.cle, termineLe: r.termineLe });
  },
  async echouer(id, motif, le) {
    await maj(id, { etat: 'echoue', motif, termineLe: le });
  },
};
