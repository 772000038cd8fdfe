/**
 * Participants of an operation, in its dossier's partition.
 *
 * | item               | pk                             | sk                      | gsi2 (purge)                                         |
 * |--------------------|--------------------------------|-------------------------|------------------------------------------------------|
 * | participant        | DOSSIER#<dossierId>            | PART#<participantId>    | PARTPURGE#<year> / <conserverJusquAu>#<dossierId>#<id> |
 * | natural key        | PARTCLE#<dossierId>#<cle>      | UNIQ                    |                                                      |
 * | access (RGPD)      | DOSSIER#<dossierId>            | ACCESPART#<iso>#<id>    |                                                      |
 *
 * A person is recorded once per operation: the natural-key item is written with the record (one transaction), and
 * moved with it when a rectification changes the name or the birth date. Every read, list and export of participant
 * data writes an access item (who, what, when). The purge Queries the records whose retention date has passed, by
 * year, never a scan.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import { Conflit } from '../domain/errors';
import type { AccesParticipants, ParticipantStocke, ParticipantStore } from '../domain/participant/use-cases';
import { Participant } from '../schemas/participant';
import { dynamo } from './clients';
import { transactionCancellation } from './dynamo-utils';
import { pageFiltree, toutesLesPages } from './pagination';

const cle = (dossierId: string, id: string) => ({ pk: `DOSSIER#${dossierId}`, sk: `PART#${id}` });
const cleUnique = (dossierId: string, c: string) => ({ pk: `PARTCLE#${dossierId}#${c}`, sk: 'UNIQ' });
const Stocke = Participant.extend({
  cle: z.string(),
  conserverJusquAu: z.string(),
  decisionCommission: z.object({ date: z.string(), categorie: z.string(), motif: z.string(), reference: z.string().nullish() }).nullish(),
});

const item = (p: ParticipantStocke) => ({
  ...cle(p.dossierId, p.id),
  entite: 'PARTICIPANT',
  gsi2pk: `PARTPURGE#${p.conserverJusquAu.slice(0, 4)}`,
  gsi2sk: `${p.conserverJusquAu}#${p.dossierId}#${p.id}`,
  recherche: `${plier(p.identite.nom)} ${plier(p.identite.prenom)}`,
  ...p,
});
const plier = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
/** A participant item (a Query's, or a stream record's new image) as the domain reads it. */
export const lire = (i: Record<string, unknown>): ParticipantStocke => {
  const { pk: _p, sk: _s, entite: _e, gsi2pk: _g, gsi2sk: _h, recherche: _r, ...reste } = i;
  return Stocke.parse(reste) as ParticipantStocke;
};

const doublon = () => new Conflit('PARTICIPANT_EXISTANT', 'Cette personne (même nom, prénom et date de naissance) est déjà inscrite comme participante de cette opération.');

async function transaction(actions: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>, surEchec: (raisons: string[]) => Error) {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: actions }));
  } catch (e) {
    const raisons = transactionCancellation(e);
    if (raisons) throw surEchec(raisons);
    if (e instanceof Error && e.name === 'TransactionConflictException') throw surEchec([]);
    throw e;
  }
}

export const participantRepository: ParticipantStore = {
  async creer(p) {
    const t = tableName();
    await transaction([
      { Put: { TableName: t, Item: item(p), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: t, Item: { ...cleUnique(p.dossierId, p.cle), entite: 'PARTCLE', participantId: p.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ], (r) => (r[1] === 'ConditionalCheckFailed' ? doublon() : new Conflit('VERSION_PERIMEE', 'La fiche a été écrite entre-temps : rechargez-la.')));
  },

  async remplacer(apres, avant) {
    const t = tableName();
    const cleChange = apres.cle !== avant.cle;
    await transaction([
      { Put: { TableName: t, Item: item(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } },
      ...(cleChange
        ? [
            { Put: { TableName: t, Item: { ...cleUnique(apres.dossierId, apres.cle), entite: 'PARTCLE', participantId: apres.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Delete: { TableName: t, Key: cleUnique(avant.dossierId, avant.cle) } },
          ]
        : []),
    ], (r) => (cleChange && r[1] === 'ConditionalCheckFailed' ? doublon() : new Conflit('VERSION_PERIMEE', 'Cette fiche a été modifiée entre-temps par quelqu’un d’autre : rechargez-la.')));
  },

  async lire(dossierId, id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(dossierId, id), ConsistentRead: true }));
    return r.Item ? lire(r.Item) : null;
  },

  async parCle(dossierId, c) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleUnique(dossierId, c), ConsistentRead: true }));
    const id = r.Item ? z.object({ participantId: z.string() }).parse(r.Item).participantId : null;
    return id ? participantRepository.lire(dossierId, id) : null;
  },

  async page(dossierId, f) {
    const mots = f.q ? plier(f.q).split(/\s+/).filter(Boolean) : [];
    return pageFiltree({
      input: {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ...(mots.length ? { FilterExpression: mots.map((_, i) => `contains(recherche, :m${i})`).join(' AND ') } : {}),
        ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': 'PART#', ...Object.fromEntries(mots.map((m, i) => [`:m${i}`, m])) },
        ConsistentRead: true,
      },
      limit: f.limit, cursor: f.cursor, partition: { pk: `DOSSIER#${dossierId}` }, cles: ['pk', 'sk'], lire,
    });
  },

  tous(dossierId) {
    return toutesLesPages(
      { TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': 'PART#' }, ConsistentRead: true },
      lire,
    );
  },

  async journaliserAcces(a: AccesParticipants) {
    await dynamo().send(new PutCommand({
      TableName: tableName(),
      Item: { pk: `DOSSIER#${a.dossierId}`, sk: `ACCESPART#${a.le}#${a.id}`, entite: 'ACCES_PARTICIPANTS', ...a },
    }));
  },

  async acces(dossierId) {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': 'ACCESPART#' },
      ScanIndexForward: false, Limit: 200,
    }));
    return (r.Items ?? []).map((i) => {
      const { pk: _p, sk: _s, entite: _e, ...a } = i;
      return a as AccesParticipants;
    });
  },

  async aPurger(jour) {
    const annees = Array.from({ length: Number(jour.slice(0, 4)) - 2019 }, (_, i) => 2020 + i);
    const lus = await Promise.all(annees.map((a) => toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :j', ExpressionAttributeValues: { ':p': `PARTPURGE#${a}`, ':j': jour } },
      (i) => ({ dossierId: String(i.dossierId), id: String(i.id), cle: String(i.cle) }),
    )));
    return lus.flat();
  },

  async supprimer(liste) {
    for (let i = 0; i < liste.length; i += 12) {
      const lot = liste.slice(i, i + 12);
      let demandes: Record<string, unknown> | undefined = {
        [tableName()]: lot.flatMap((p) => [{ DeleteRequest: { Key: cle(p.dossierId, p.id) } }, { DeleteRequest: { Key: cleUnique(p.dossierId, p.cle) } }]),
      };
      // DynamoDB may leave some unprocessed under load: they are sent again until none is left.
      for (let essai = 0; demandes && Object.keys(demandes).length && essai < 8; essai++) {
        const r: { UnprocessedItems?: Record<string, unknown> } = await dynamo().send(new BatchWriteCommand({ RequestItems: demandes as never }));
        demandes = r.UnprocessedItems;
        if (demandes && Object.keys(demandes).length) await new Promise((ok) => setTimeout(ok, 50 * 2 ** essai));
      }
    }
  },
};
