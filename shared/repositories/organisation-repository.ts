/**
 * Organisation aggregate.
 *
 * | item         | pk              | sk                  | gsi1pk / gsi1sk                |
 * |--------------|-----------------|---------------------|--------------------------------|
 * | organisation | ORG#<id>        | META                |                                |
 * | membre       | ORG#<id>        | MEMBRE#<sub>        | MEMBRE#<sub> / ORG#<id>        |
 * | invitation   | ORG#<id>        | INVITATION#<email>  | INVITATION#<email> / ORG#<id>  |
 * | SIRET        | SIRET#<siret>   | SIRET               |                                |
 *
 * Access patterns: an organisation and its members (Query ORG#), a person's organisations (gsi1), a SIRET's owner.
 * Creation writes organisation, SIRET uniqueness and first member in one transaction. An invitation becomes a
 * membership when its addressee first signs in (delete invitation + put member, one transaction). Members recorded
 * before user ids (`MEMBRE#<email>`) are claimed the same way: that is their migration, on read.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../auth/roles';
import { nomDe } from '../auth/personne';
import { tableName } from '../config';
import type { OrganisationStore } from '../domain/organisation/use-cases';
import { Conflit } from '../domain/errors';
import { Membre, Organisation } from '../schemas/organisation';
import { dynamo } from './clients';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';

const cleOrg = (id: string) => ({ pk: `ORG#${id}`, sk: 'META' });
/** A member's key: its user id once known, its e-mail while it is an invitation. */
function itemMembre(m: Membre) {
  const cle = m.utilisateurId ? `MEMBRE#${m.utilisateurId}` : `INVITATION#${m.email}`;
  return { pk: `ORG#${m.organisationId}`, sk: cle, type: m.utilisateurId ? 'MEMBRE' : 'INVITATION', gsi1pk: cle, gsi1sk: `ORG#${m.organisationId}`, ...m };
}
/** An item that names an e-mail, not a user id: an invitation, or a member recorded before user ids. */
const enAttente = (item: Record<string, unknown>) =>
  typeof item.sk === 'string' && (item.sk.startsWith('INVITATION#') || (item.sk.startsWith('MEMBRE#') && item.sk.includes('@')));

/** Turns an invitation (or a pre-user-id member) into the caller's membership; null if someone else won the race. */
async function reclamer(item: Record<string, unknown>, actor: Actor): Promise<Membre | null> {
  const ancien = Membre.parse(item);
  const membre: Membre = { ...ancien, utilisateurId: actor.userId, email: actor.email, nom: nomDe(actor) };
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' } },
          { Put: { TableName: tableName(), Item: itemMembre(membre), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return membre;
  } catch (e) {
    if (transactionCancellation(e)) return null;
    throw e;
  }
}

/** The e-mail and name are display attributes: a member who changed them at the provider is seen with the new ones. */
async function rafraichir(m: Membre, actor: Actor): Promise<Membre> {
  const nom = nomDe(actor);
  if (m.email === actor.email && m.nom === nom) return m;
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `ORG#${m.organisationId}`, sk: `MEMBRE#${actor.userId}` },
      UpdateExpression: 'SET email = :e, nom = :n',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':e': actor.email, ':n': nom },
    }),
  ).catch((e: unknown) => {
    if (!conditionEchouee(e)) throw e;
  });
  return { ...m, email: actor.email, nom };
}

const requeteMembres = (organisationId: string) =>
  new QueryCommand({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :z',
    // INVITATION# and MEMBRE# sort between these bounds; META and the rest do not.
    ExpressionAttributeValues: { ':pk': `ORG#${organisationId}`, ':a': 'INVITATION#', ':z': 'MEMBRE#\uffff' },
  });

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

  async membre(organisationId, actor) {
    // The caller's own membership item first (every dossier request checks it): the whole list only when it is absent,
    // for an invitation or a member recorded before user ids to claim.
    const lu = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: `ORG#${organisationId}`, sk: `MEMBRE#${actor.userId}` } }));
    if (lu.Item) return rafraichir(Membre.parse(lu.Item), actor);
    const r = await dynamo().send(requeteMembres(organisationId));
    const items = r.Items ?? [];
    const moi = items.find((i) => i.sk === `MEMBRE#${actor.userId}`);
    if (moi) return rafraichir(Membre.parse(moi), actor);
    if (!actor.email) return null;
    const invitation = items.find((i) => enAttente(i) && i.email === actor.email);
    if (!invitation) return null;
    return (await reclamer(invitation, actor)) ?? this.membre(organisationId, actor);
  },

  async ajouterMembre(m) {
    const deja = () => new Conflit('MEMBRE_DEJA_PRESENT', `${m.email} est déjà membre de cette organisation, ou invité à l’être.`);
    const existants = (await dynamo().send(requeteMembres(m.organisationId))).Items ?? [];
    if (existants.some((i) => i.email === m.email)) throw deja();
    try {
      await dynamo().send(new PutCommand({ TableName: tableName(), Item: itemMembre(m), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (e) {
      if (conditionEchouee(e)) throw deja();
      throw e;
    }
  },

  async membres(organisationId) {
    const r = await dynamo().send(requeteMembres(organisationId));
    return (r.Items ?? []).map((i) => Membre.parse(i));
  },

  async organisationsDe(actor) {
    const parIndex = async (cle: string) =>
      (
        await dynamo().send(
          new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': cle } }),
        )
      ).Items ?? [];
    const [miens, invitations, anciens] = await Promise.all([
      parIndex(`MEMBRE#${actor.userId}`),
      actor.email ? parIndex(`INVITATION#${actor.email}`) : Promise.resolve([]),
      actor.email ? parIndex(`MEMBRE#${actor.email}`) : Promise.resolve([]),
    ]);
    const reclames = await Promise.all([...invitations, ...anciens].map((i) => reclamer(i, actor)));
    const membres = [...miens.map((i) => Membre.parse(i)), ...reclames.filter((m): m is Membre => m !== null)];
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
