/**
 * Participant import jobs.
 *
 * | item   | pk                   | sk   | notes                                                                  |
 * |--------|----------------------|------|------------------------------------------------------------------------|
 * | import | IMPORTPART#<jobId>   | META | its INSERT on the table's stream starts the job; TTL expiresAt: 7 days |
 *
 * Every write after the creation is conditioned on the job's state: a redelivered record cannot run it twice, and a
 * finished job's counts are never overwritten by a late progress write.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { Conflit } from '../domain/errors';
import type { ImportStore } from '../domain/participant/import-tache';
import { TacheImport } from '../schemas/import-participants';
import { dynamo } from './clients';
import { conditionEchouee } from './dynamo-utils';
import { ATTRIBUT_TTL } from './dossier-repository';

const cle = (id: string) => ({ pk: `IMPORTPART#${id}`, sk: 'META' });
const SEPT_JOURS = 7 * 86_400;

/** SET of `champs`, if the job is in state `si`. */
const maj = (id: string, champs: Record<string, unknown>, si: TacheImport['statut']) => {
  const noms = Object.keys(champs);
  return dynamo().send(new UpdateCommand({
    TableName: tableName(), Key: cle(id),
    UpdateExpression: `SET ${noms.map((_, i) => `#c${i} = :v${i}`).join(', ')}`,
    ConditionExpression: '#statut = :si',
    ExpressionAttributeNames: { ...Object.fromEntries(noms.map((k, i) => [`#c${i}`, k])), '#statut': 'statut' },
    ExpressionAttributeValues: { ...Object.fromEntries(Object.values(champs).map((v, i) => [`:v${i}`, v])), ':si': si },
  }));
};

export const importRepository: ImportStore = {
  async creer(t) {
    try {
      await dynamo().send(new PutCommand({
        TableName: tableName(),
        Item: { ...cle(t.id), entite: 'IMPORT_PARTICIPANTS', ...t, [ATTRIBUT_TTL]: Math.floor(Date.parse(t.creeLe) / 1000) + SEPT_JOURS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (e) {
      if (conditionEchouee(e)) throw new Conflit('IMPORT_DEJA_LANCE', 'Ce fichier est déjà importé ou en cours d’import : suivez cet import, ou envoyez le fichier à nouveau pour un autre.');
      throw e;
    }
  },
  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(id), ConsistentRead: true }));
    return r.Item ? TacheImport.parse(r.Item) : null;
  },
  async demarrer(id) {
    try {
      await maj(id, { statut: 'en_cours' }, 'en_attente');
      return true;
    } catch (e) {
      if (conditionEchouee(e)) return false;
      throw e;
    }
  },
  async avancer(id, p) {
    await maj(id, p, 'en_cours');
  },
  async terminer(id, p) {
    await maj(id, { ...p, statut: 'terminee' }, 'en_cours');
  },
  async echouer(id, p) {
    await maj(id, { ...p, statut: 'echouee' }, 'en_cours');
  },
};
