/**
 * Organisation aggregate.
 *
 * | item         | pk              | sk              | gsi1pk / gsi1sk            |
 * |--------------|-----------------|-----------------|----------------------------|
 * | organisation | ORG#<id>        | META            |                            |
 * | membre       | ORG#<id>        | MEMBRE#<email>  | MEMBRE#<email> / ORG#<id>  |
 * | SIRET        | SIRET#<siret>   | SIRET           |                            |
 *
 * Access patterns: an organisation and its members (Query ORG#), a person's organisations (gsi1), a SIRET's owner.
 * Creation writes organisation, SIRET uniqueness and first member in one transaction.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { OrganisationStore } from '../domain/organisation/use-cases';
import { Conflit } from '../domain/errors';
import { Membre, Organisation } from '../schemas/organisation';
import { dynamo } from './clients';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';

const cleOrg = (id: string) => ({ pk: `ORG#${id}`, sk: 'META' });
const cleMembre = (orgId: string, email: string) => ({ pk: `ORG#${orgId}`, sk: `MEMBRE#${email}` });
const itemMembre = (m: Membre) => ({ ...cleMembre(m.organisationId, m.email), type: 'MEMBRE', gsi1pk: `MEMBRE#${m.email}`, gsi1sk: `ORG#${m.organisationId}`, ...m });

export const organisationRepository: OrganisationStore = {
  async creer(org, premier) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: t, Item: { ...cleOrg(org.id), type: 'ORG', ...org }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: t, Item: { pk: `SIRET#${org.siret}`, sk: 'SIRET', type: 'SIRET', organisationId: org.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: t, Item: itemMembre(premier) } },
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e)) {
        throw new Conflit('SIRET_DEJA_ENREGISTRE', `Le SIRET ${org.siret} est déjà enregistré : demandez à un signataire de cette organisation de vous inviter.`);
      }
      throw e;
    }
  },

  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleOrg(id) }));
    return r.Item ? Organisation.parse(r.Item) : null;
  },

  async membre(organisationId, email) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleMembre(organisationId, email.toLowerCase()) }));
    return r.Item ? Membre.parse(r.Item) : null;
  },

  async ajouterMembre(m) {
    try {
      await dynamo().send(new PutCommand({ TableName: tableName(), Item: itemMembre(m), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (e) {
      if (conditionEchouee(e)) throw new Conflit('MEMBRE_DEJA_PRESENT', `${m.email} est déjà membre de cette organisation.`);
      throw e;
    }
  },

  async membres(organisationId) {
    const r = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': `ORG#${organisationId}`, ':m': 'MEMBRE#' },
      }),
    );
    return (r.Items ?? []).map((i) => Membre.parse(i));
  },

  async organisationsDe(email) {
    const r = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `MEMBRE#${email.toLowerCase()}` },
      }),
    );
    const membres = (r.Items ?? []).map((i) => Membre.parse(i));
    if (membres.length === 0) return [];
    const t = tableName();
    const lus = await dynamo().send(new BatchGetCommand({ RequestItems: { [t]: { Keys: membres.slice(0, 100).map((m) => cleOrg(m.organisationId)) } } }));
    const orgs = (lus.Responses?.[t] ?? []).map((i) => Organisation.parse(i));
    return membres.flatMap((m) => {
      const o = orgs.find((x) => x.id === m.organisationId);
      return o ? [{ ...o, monRole: m.role }] : [];
    });
  },
};
