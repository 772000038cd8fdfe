/**
 * Comités, conflicts of interest, votes, instructions and the AAP's FSE counter.
 *
 * | item          | pk             | sk                          | gsi1                               |
 * |---------------|----------------|-----------------------------|------------------------------------|
 * | comité        | COMITE#<id>    | META                        | AAPCOM#<aapId> / <date>#<id>       |
 * | COI           | COMITE#<id>    | COI#<dossierId>#<email>     |                                    |
 * | vote          | COMITE#<id>    | VOTE#<dossierId>#<email>    |                                    |
 * | instruction   | DOSSIER#<id>   | INSTR#<version>             |                                    |
 * | enveloppe     | AAP#<aapId>    | ENVELOPPE                   |                                    |
 *
 * One vote per member and dossier by key; a vote is written only while the session is open and the member's
 * declaration says no conflict (both checked in the vote's transaction). Closing writes the comité, every dossier
 * decision with its event and the enveloppe counter (conditioned on the version read) at once.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import { AccesRefuse, Conflit } from '../domain/errors';
import type { ComiteStore } from '../domain/comite/use-cases';
import { Comite, Conflit as DeclarationConflit, Instruction, Vote } from '../schemas/comite';
import { dynamo } from './clients';
import { itemsOutbox } from './notification-repository';
import { transactionCancellation } from './dynamo-utils';
import { toutesLesPages } from './pagination';
import { actionsCompteurs, item as itemDossier, itemEvenement, sansCles } from './dossier-repository';

type Actions = NonNullable<TransactWriteCommandInput['TransactItems']>;
const cle = (id: string) => ({ pk: `COMITE#${id}`, sk: 'META' });
const cleEnveloppe = (aapId: string) => ({ pk: `AAP#${aapId}`, sk: 'ENVELOPPE' });
const Compteur = z.object({ programmeCentimes: z.number().int(), selectionneCentimes: z.number().int(), version: z.number().int() });

const itemComite = (c: z.infer<typeof Comite>) => ({ ...cle(c.id), entite: 'COMITE', gsi1pk: `AAPCOM#${c.aapId}`, gsi1sk: `${c.date}#${c.id}`, ...c });

function prefixe<T>(pk: string, debut: string, schema: z.ZodType<T>): Promise<T[]> {
  return toutesLesPages(
    { TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': debut }, ConsistentRead: true },
    (i) => schema.parse(sansCles(i)),
  );
}

const conflitVersion = () => new Conflit('VERSION_PERIMEE', 'Le comité ou un de ses dossiers a changé entre-temps : rechargez avant de recommencer.');

async function transaction(actions: Actions, surEchec: (raisons: string[]) => Error): Promise<void> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: actions }));
  } catch (e) {
    const raisons = transactionCancellation(e);
    if (raisons) throw surEchec(raisons);
    throw e;
  }
}

const ouvert = (comiteId: string) => ({
  ConditionCheck: { TableName: tableName(), Key: cle(comiteId), ConditionExpression: '#s = :o', ExpressionAttributeNames: { '#s': 'statut' }, ExpressionAttributeValues: { ':o': 'ouvert' } },
});
const fermeture = () => new Conflit('COMITE_CLOS', 'La séance n’est pas ouverte (ordre du jour non publié, ou séance close).');

export const comiteRepository: ComiteStore = {
  async creer(c) {
    const t = tableName();
    await transaction(
      [
        { Put: { TableName: t, Item: itemComite(c), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...c.membres.map((m) => ({
          Put: { TableName: t, Item: { pk: `COMITE#${c.id}`, sk: `MEMBRE#${m}`, entite: 'MEMBRE_COMITE', gsi1pk: `MEMBRECOM#${m}`, gsi1sk: `${c.date}#${c.id}`, comiteId: c.id } },
        })),
      ],
      conflitVersion,
    );
  },

  async deMembre(email) {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `MEMBRECOM#${email}` }, ScanIndexForward: false,
    }));
    const ids = (r.Items ?? []).map((i) => z.object({ comiteId: z.string() }).parse(i).comiteId);
    const lus = await Promise.all(ids.map((id) => comiteRepository.lire(id)));
    return lus.filter((c): c is z.infer<typeof Comite> => c !== null);
  },

  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(id), ConsistentRead: true }));
    return r.Item ? Comite.parse(sansCles(r.Item)) : null;
  },

  async parAap(aapId) {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `AAPCOM#${aapId}` }, ScanIndexForward: false,
    }));
    return (r.Items ?? []).map((i) => Comite.parse(sansCles(i)));
  },

  async enregistrer(apres, avant, dossiers, enveloppe, notifications) {
    const t = tableName();
    const actions: Actions = [
      { Put: { TableName: t, Item: itemComite(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
      ...dossiers.flatMap((d) => [
        { Put: { TableName: t, Item: itemDossier(d.apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': d.avant.version } } },
        { Put: { TableName: t, Item: itemEvenement(d.evenement), ConditionExpression: 'attribute_not_exists(pk)' } },
      ]),
      ...actionsCompteurs(dossiers),
    ];
    if (enveloppe && enveloppe.ajoutSelection > 0) {
      actions.push({
        Update: {
          TableName: t, Key: cleEnveloppe(enveloppe.aapId),
          UpdateExpression: 'SET selectionneCentimes = if_not_exists(selectionneCentimes, :zero) + :a, programmeCentimes = if_not_exists(programmeCentimes, :zero), version = :nv',
          ConditionExpression: enveloppe.versionLue === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ExpressionAttributeValues: { ':a': enveloppe.ajoutSelection, ':zero': 0, ':nv': enveloppe.versionLue + 1, ...(enveloppe.versionLue === 0 ? {} : { ':v': enveloppe.versionLue }) },
        },
      });
    }
    // The decisions' e-mails take the room left (as lots past it): a 40-dossier session closes in one transaction.
    actions.push(...itemsOutbox(notifications, 100 - actions.length));
    await transaction(actions, conflitVersion);
  },

  async declarer(d, comiteId) {
    await transaction(
      [ouvert(comiteId), { Put: { TableName: tableName(), Item: { pk: `COMITE#${comiteId}`, sk: `COI#${d.dossierId}#${d.membre}`, entite: 'COI', ...d }, ConditionExpression: 'attribute_not_exists(pk)' } }],
      (r) => (r[0] === 'ConditionalCheckFailed' ? fermeture() : new Conflit('DECLARATION_EXISTANTE', 'Vous avez déjà fait votre déclaration sur ce dossier ; elle figure au registre et ne se modifie pas.')),
    );
  },

  async voter(v, comiteId) {
    await transaction(
      [
        ouvert(comiteId),
        { ConditionCheck: { TableName: tableName(), Key: { pk: `COMITE#${comiteId}`, sk: `COI#${v.dossierId}#${v.membre}` }, ConditionExpression: 'conflit = :non', ExpressionAttributeValues: { ':non': false } } },
        { Put: { TableName: tableName(), Item: { pk: `COMITE#${comiteId}`, sk: `VOTE#${v.dossierId}#${v.membre}`, entite: 'VOTE', ...v } } },
      ],
      (r) => (r[0] === 'ConditionalCheckFailed' ? fermeture() : r[1] === 'ConditionalCheckFailed' ? new AccesRefuse('Conflit d’intérêts déclaré sur ce dossier : vote impossible.', 'CONFLIT_INTERETS') : conflitVersion()),
    );
  },

  conflits: (comiteId) => prefixe(`COMITE#${comiteId}`, 'COI#', DeclarationConflit),
  votes: (comiteId) => prefixe(`COMITE#${comiteId}`, 'VOTE#', Vote),
  instructions: (dossierId) => prefixe(`DOSSIER#${dossierId}`, 'INSTR#', Instruction),

  async instruire(apres, avant, e, i) {
    const t = tableName();
    await transaction(
      [
        { Put: { TableName: t, Item: itemDossier(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
        { Put: { TableName: t, Item: itemEvenement(e), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...actionsCompteurs([{ avant, apres }]),
        { Put: { TableName: t, Item: { pk: `DOSSIER#${i.dossierId}`, sk: `INSTR#${String(i.version).padStart(6, '0')}`, entite: 'INSTR', ...i }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
      () => new Conflit('VERSION_PERIMEE', 'Ce dossier a été modifié entre-temps : rechargez-le avant d’instruire.'),
    );
  },

  async enveloppe(aapId) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleEnveloppe(aapId), ConsistentRead: true }));
    return r.Item ? Compteur.parse(r.Item) : { programmeCentimes: 0, selectionneCentimes: 0, version: 0 };
  },

  async programmer(apres, avant, e, m, notifications) {
    const t = tableName();
    await transaction(
      [
        { Put: { TableName: t, Item: itemDossier(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
        { Put: { TableName: t, Item: itemEvenement(e), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...actionsCompteurs([{ avant, apres }]),
        {
          Update: {
            TableName: t, Key: cleEnveloppe(m.aapId),
            UpdateExpression: 'SET programmeCentimes = if_not_exists(programmeCentimes, :zero) + :p, selectionneCentimes = if_not_exists(selectionneCentimes, :zero) - :s, version = if_not_exists(version, :zero) + :un',
            ExpressionAttributeValues: { ':p': m.programme, ':s': m.selectionne, ':zero': 0, ':un': 1 },
          },
        },
        ...itemsOutbox(notifications),
      ],
      () => new Conflit('VERSION_PERIMEE', 'Ce dossier a été modifié entre-temps : rechargez-le.'),
    );
  },

  async corrigerProgrammation(apres, avant, e, enveloppe, notifications) {
    const t = tableName();
    const premiere = enveloppe.versionLue === 0;
    await transaction(
      [
        { Put: { TableName: t, Item: itemDossier(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
        { Put: { TableName: t, Item: itemEvenement(e), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...actionsCompteurs([{ avant, apres }]),
        {
          Update: {
            TableName: t, Key: cleEnveloppe(enveloppe.aapId),
            UpdateExpression: 'SET programmeCentimes = if_not_exists(programmeCentimes, :zero) + :d, selectionneCentimes = if_not_exists(selectionneCentimes, :zero), version = :nv',
            ConditionExpression: premiere ? 'attribute_not_exists(pk)' : 'version = :v',
            ExpressionAttributeValues: { ':d': enveloppe.difference, ':zero': 0, ':nv': enveloppe.versionLue + 1, ...(premiere ? {} : { ':v': enveloppe.versionLue }) },
          },
        },
        ...itemsOutbox(notifications),
      ],
      (r) => r[2] === 'ConditionalCheckFailed'
        ? new Conflit('ENVELOPPE_MODIFIEE', 'L’enveloppe FSE de l’appel à projets a changé entre-temps : renvoyez la correction.')
        : new Conflit('VERSION_PERIMEE', 'Ce dossier a été modifié entre-temps : rechargez-le avant de corriger la programmation.'),
    );
  },
};

