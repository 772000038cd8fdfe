/**
 * Conventions: one item per version, in the dossier's partition; the dossier item carries the convention's state
 * (`suivi.convention`) and is the lock.
 *
 * | item                | pk            | sk                        |
 * |---------------------|---------------|---------------------------|
 * | convention version  | DOSSIER#<id>  | CONVENTION#V#<numero 000> |
 *
 * Every transition writes, in one transaction: the dossier (conditioned on the version read: two signatures or two
 * avenants at once, exactly one wins), each version it changes (conditioned on the statut it was read in, or on its
 * absence for a new one), the audit event and the e-mails.
 */
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { ConventionStore } from '../domain/convention/use-cases';
import { Conflit } from '../domain/errors';
import { VersionConvention } from '../schemas/convention';
import { dynamo } from './clients';
import { transactionCancellation } from './dynamo-utils';
import { actionsCompteurs, item as itemDossier, itemEvenement, sansCles } from './dossier-repository';
import { itemsOutbox } from './notification-repository';

const PREFIXE = 'CONVENTION#V#';
const cleVersion = (dossierId: string, numero: number) => ({ pk: `DOSSIER#${dossierId}`, sk: `${PREFIXE}${String(numero).padStart(3, '0')}` });

export const conventionRepository: ConventionStore = {
  async versions(dossierId) {
    const items: Record<string, unknown>[] = [];
    let depart: Record<string, unknown> | undefined;
    do {
      const r = await dynamo().send(new QueryCommand({
        TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': PREFIXE }, ConsistentRead: true, ExclusiveStartKey: depart,
      }));
      items.push(...(r.Items ?? []));
      depart = r.LastEvaluatedKey;
    } while (depart);
    return items.map((i) => VersionConvention.parse(sansCles(i)));
  },

  async enregistrer({ apres, avant, evenement, versions, notifications }) {
    const t = tableName();
    try {
      await dynamo().send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: t, Item: itemDossier(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
          ...versions.map(({ version, attendu }) => ({
            Put: {
              TableName: t,
              Item: { ...cleVersion(version.dossierId, version.numero), entite: 'CONVENTION', ...version },
              ...(attendu === null
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'statut' }, ExpressionAttributeValues: { ':s': attendu } }),
            },
          })),
          { Put: { TableName: t, Item: itemEvenement(evenement), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...actionsCompteurs([{ avant, apres }]),
          ...itemsOutbox(notifications),
        ],
      }));
    } catch (err) {
      if (transactionCancellation(err) || (err instanceof Error && err.name === 'TransactionConflictException')) {
        throw new Conflit('VERSION_PERIMEE', 'La convention de ce dossier a été modifiée ou signée entre-temps par quelqu’un d’autre. Rechargez-la avant de continuer.');
      }
      throw err;
    }
  },
};
