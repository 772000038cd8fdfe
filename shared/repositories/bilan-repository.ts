/**
 * Bilans d'exécution and payments, in the dossier's partition; the dossier item is the lock of every step that the
 * journal records (dépôt, CSF steps, payments), so the ledger's invariants (one avance, one solde, payments ≤ FSE dû)
 * hold under concurrent requests.
 *
 * | item      | pk            | sk                  |
 * |-----------|---------------|---------------------|
 * | bilan     | DOSSIER#<id>  | BILAN#<numero 00>   |
 * | paiement  | DOSSIER#<id>  | PAIEMENT#<ulid>     |
 * | ordre de reversement | DOSSIER#<id> | REVERSEMENT#<ulid> |
 *
 * A draft's save is one conditional Put of the bilan (its version, or its absence). A journaled step is one
 * transaction: the dossier conditioned on the version read, the bilan on its version, the payment on its status (or
 * its absence), the audit event and the e-mails.
 */
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { BilanStore } from '../domain/bilan/use-cases';
import { Conflit } from '../domain/errors';
import { Bilan, OrdreReversement, PaiementEnregistre } from '../schemas/bilan';
import { dynamo } from './clients';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';
import { actionsCompteurs, item as itemDossier, itemEvenement, sansCles } from './dossier-repository';
import { itemsOutbox } from './notification-repository';

const cleBilan = (dossierId: string, numero: number) => ({ pk: `DOSSIER#${dossierId}`, sk: `BILAN#${String(numero).padStart(2, '0')}` });
const clePaiement = (dossierId: string, id: string) => ({ pk: `DOSSIER#${dossierId}`, sk: `PAIEMENT#${id}` });
const itemBilan = (b: Bilan) => ({ ...cleBilan(b.dossierId, b.numero), entite: 'BILAN', ...b });
const itemPaiement = (p: PaiementEnregistre) => ({ ...clePaiement(p.dossierId, p.id), entite: 'PAIEMENT', ...p });
const itemReversement = (r: OrdreReversement) => ({ pk: `DOSSIER#${r.dossierId}`, sk: `REVERSEMENT#${r.id}`, entite: 'REVERSEMENT', ...r });

async function partition(dossierId: string, prefixe: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let depart: Record<string, unknown> | undefined;
  do {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': prefixe }, ConsistentRead: true, ExclusiveStartKey: depart,
    }));
    items.push(...(r.Items ?? []));
    depart = r.LastEvaluatedKey;
  } while (depart);
  return items;
}

const PERIME = () => new Conflit('VERSION_PERIMEE', 'Ce bilan ou ces paiements ont été modifiés entre-temps par quelqu’un d’autre. Rechargez la page avant de continuer.');

export const bilanRepository: BilanStore = {
  async bilans(dossierId) {
    return (await partition(dossierId, 'BILAN#')).map((i) => Bilan.parse(sansCles(i)));
  },

  async paiements(dossierId) {
    return (await partition(dossierId, 'PAIEMENT#')).map((i) => PaiementEnregistre.parse(sansCles(i))).sort((a, b) => a.propose.le.localeCompare(b.propose.le));
  },

  async reversements(dossierId) {
    return (await partition(dossierId, 'REVERSEMENT#')).map((i) => OrdreReversement.parse(sansCles(i))).sort((a, b) => a.emis.le.localeCompare(b.emis.le));
  },

  async ecrireBrouillon(b, versionLue) {
    try {
      await dynamo().send(new PutCommand({
        TableName: tableName(),
        Item: itemBilan(b),
        ...(versionLue === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :v AND statut = :s', ExpressionAttributeValues: { ':v': versionLue, ':s': 'brouillon' } }),
      }));
    } catch (e) {
      if (conditionEchouee(e)) throw PERIME();
      throw e;
    }
  },

  async enregistrer({ apres, avant, evenement, bilan, paiement, reversement, notifications }) {
    const t = tableName();
    try {
      await dynamo().send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: t, Item: itemDossier(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
          ...(bilan ? [{
            Put: { TableName: t, Item: itemBilan(bilan.apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': bilan.versionLue } },
          }] : []),
          ...(paiement ? [{
            Put: {
              TableName: t,
              Item: itemPaiement(paiement.apres),
              ...(paiement.statutLu === null
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'statut' }, ExpressionAttributeValues: { ':s': paiement.statutLu } }),
            },
          }] : []),
          ...(reversement ? [{
            Put: {
              TableName: t,
              Item: itemReversement(reversement.apres),
              ...(reversement.versionLue === null
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': reversement.versionLue } }),
            },
          }] : []),
          { Put: { TableName: t, Item: itemEvenement(evenement), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...actionsCompteurs([{ avant, apres }]),
          ...itemsOutbox(notifications),
        ],
      }));
    } catch (err) {
      if (transactionCancellation(err) || (err instanceof Error && err.name === 'TransactionConflictException')) throw PERIME();
      throw err;
    }
  },
};
