/**
 * Messagerie and private annotations of a dossier (same partition as the dossier).
 *
 * | item             | pk           | sk                                    |
 * |------------------|--------------|---------------------------------------|
 * | thread           | DOSSIER#<id> | MSGR#FIL#<filId>                      |
 * | message          | DOSSIER#<id> | MSGR#MSG#<filId>#<creeLe>#<messageId> |
 * | reading position | DOSSIER#<id> | MSGR#LU#<filId>#<userId>              |
 * | attachment       | DOSSIER#<id> | MSGR#PJ#<pieceJointeId>               |
 * | annotation (OI)  | DOSSIER#<id> | NOTE#<creeLe>#<annotationId>          |
 *
 * The messagerie is one Query (`MSGR#`); annotations live under another prefix, so that no messagerie read can
 * carry them. Every message is written in one transaction with a check of the dossier's statut, its thread and the
 * attachments it claims.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { Conflit, Introuvable } from '../domain/errors';
import type { MessagerieStore } from '../domain/messagerie/use-cases';
import { Annotation, Fil, Lecture, Message, PieceJointe } from '../schemas/messagerie';
import { dynamo } from './clients';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';
import { toutesLesPages } from './pagination';

const pk = (dossierId: string) => `DOSSIER#${dossierId}`;
const skFil = (filId: string) => `MSGR#FIL#${filId}`;
const skPj = (id: string) => `MSGR#PJ#${id}`;
const sansCles = (i: Record<string, unknown>) => {
  const { pk: _p, sk: _s, entite: _e, ...reste } = i;
  return reste;
};

/** The transaction step that holds only while the dossier is in one of `statuts`. */
const statutParmi = (dossierId: string, statuts: readonly string[]) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: { pk: pk(dossierId), sk: 'META' },
    ConditionExpression: `#s IN (${statuts.map((_, i) => `:s${i}`).join(', ')})`,
    ExpressionAttributeNames: { '#s': 'statut' },
    ExpressionAttributeValues: Object.fromEntries(statuts.map((s, i) => [`:s${i}`, s])),
  },
});

export const messagerieRepository: MessagerieStore = {
  async tout(dossierId) {
    const items = await toutesLesPages(
      { TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk(dossierId), ':p': 'MSGR#' }, ConsistentRead: true },
      (i) => i,
    );
    const de = (entite: string) => items.filter((i) => i.entite === entite).map(sansCles);
    return {
      fils: de('FIL').map((i) => Fil.parse(i)),
      messages: de('MESSAGE').map((i) => Message.parse(i)),
      lectures: de('LECTURE').map((i) => Lecture.parse(i)),
      piecesJointes: de('PIECE_JOINTE').map((i) => PieceJointe.parse(i)),
    };
  },

  async ecrire({ fil, nouveauFil, message, statutsOuverts, jointes }) {
    const t = tableName();
    const filItem = nouveauFil
      ? { Put: { TableName: t, Item: { pk: pk(fil.dossierId), sk: skFil(fil.id), entite: 'FIL', ...fil }, ConditionExpression: 'attribute_not_exists(pk)' } }
      : {
          Update: {
            TableName: t,
            Key: { pk: pk(fil.dossierId), sk: skFil(fil.id) },
            UpdateExpression: 'SET dernierMessageLe = :d ADD nombreMessages :un',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':d': fil.dernierMessageLe, ':un': 1 },
          },
        };
    const pjs = message.piecesJointes.map((id) => ({
      Update: {
        TableName: t,
        Key: { pk: pk(message.dossierId), sk: skPj(id) },
        UpdateExpression: 'SET messageId = :m, filId = :f',
        ConditionExpression: 'attribute_exists(pk) AND creePar = :moi AND attribute_type(messageId, :null) AND etat <> :rejetee',
        ExpressionAttributeValues: { ':m': message.id, ':f': message.filId, ':moi': message.auteurId, ':null': 'NULL', ':rejetee': 'rejetee' },
      },
    }));
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            statutParmi(message.dossierId, statutsOuverts),
            filItem,
            {
              Put: {
                TableName: t,
                Item: { pk: pk(message.dossierId), sk: `MSGR#MSG#${message.filId}#${message.creeLe}#${message.id}`, entite: 'MESSAGE', ...message },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...pjs,
            ...(jointes as never[]),
          ],
        }),
      );
    } catch (e) {
      const raisons = transactionCancellation(e);
      if (!raisons) throw e;
      if (raisons[0] === 'ConditionalCheckFailed') throw new Conflit('MESSAGERIE_FERMEE', 'Le dossier a changé d’état : sa messagerie est close. Rechargez la page.');
      if (raisons[1] === 'ConditionalCheckFailed') throw new Introuvable('FIL_INTROUVABLE', 'Cette conversation n’existe pas dans ce dossier.');
      if (raisons.slice(3, 3 + pjs.length).includes('ConditionalCheckFailed')) {
        throw new Conflit(
          'PIECE_JOINTE_INDISPONIBLE',
          'Une pièce jointe ne peut pas être envoyée : introuvable, déjà envoyée, rejetée à la vérification ou déposée par quelqu’un d’autre. Retirez-la puis réessayez.',
        );
      }
      throw e;
    }
  },

  async marquerLu(dossierId, lecture) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { pk: pk(dossierId), sk: `MSGR#LU#${lecture.filId}#${lecture.userId}`, entite: 'LECTURE', ...lecture },
          ConditionExpression: 'attribute_not_exists(pk) OR luJusqua < :l',
          ExpressionAttributeValues: { ':l': lecture.luJusqua },
        }),
      );
    } catch (e) {
      // Already read further (another tab): nothing to move.
      if (!conditionEchouee(e)) throw e;
    }
  },

  async creerPieceJointe(pj, statutsOuverts) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            statutParmi(pj.dossierId, statutsOuverts),
            { Put: { TableName: t, Item: { pk: pk(pj.dossierId), sk: skPj(pj.id), entite: 'PIECE_JOINTE', ...pj }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e)) throw new Conflit('MESSAGERIE_FERMEE', 'Le dossier a changé d’état : sa messagerie est close. Rechargez la page.');
      throw e;
    }
  },

  async lirePieceJointe(dossierId, id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: pk(dossierId), sk: skPj(id) }, ConsistentRead: true }));
    return r.Item && r.Item.entite === 'PIECE_JOINTE' ? PieceJointe.parse(sansCles(r.Item)) : null;
  },

  async verdict(pj) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: pk(pj.dossierId), sk: skPj(pj.id) },
          UpdateExpression: 'SET etat = :e, motifRejet = :m, codeRejet = :c, nomFichier = :n, verifieLe = :v, cleVerifiee = :cv, versionVerifiee = :vv',
          ConditionExpression: 'etat = :attente',
          ExpressionAttributeValues: {
            ':e': pj.etat, ':m': pj.motifRejet, ':c': pj.codeRejet ?? null, ':n': pj.nomFichier, ':v': pj.verifieLe,
            ':cv': pj.cleVerifiee ?? null, ':vv': pj.versionVerifiee ?? null,
            ':attente': 'en_verification',
          },
        }),
      );
      return true;
    } catch (e) {
      if (conditionEchouee(e)) return false;
      throw e;
    }
  },

  async ecritureRefusee(pj, ecriture) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: pk(pj.dossierId), sk: skPj(pj.id) },
        UpdateExpression: 'SET derniereEcritureRefusee = :d ADD ecrituresRefusees :un',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': ecriture, ':un': 1 },
      }),
    );
  },

  annotations: (dossierId) =>
    toutesLesPages(
      { TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk(dossierId), ':p': 'NOTE#' }, ConsistentRead: true },
      (i) => Annotation.parse(sansCles(i)),
    ),

  async annoter(a) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: t,
                Key: { pk: pk(a.dossierId), sk: 'META' },
                ConditionExpression: 'attribute_exists(pk) AND #s <> :b',
                ExpressionAttributeNames: { '#s': 'statut' },
                ExpressionAttributeValues: { ':b': 'brouillon' },
              },
            },
            { Put: { TableName: t, Item: { pk: pk(a.dossierId), sk: `NOTE#${a.creeLe}#${a.id}`, entite: 'ANNOTATION', ...a }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e)) throw new Conflit('DOSSIER_MODIFIE', 'Le dossier a changé pendant l’enregistrement : rechargez-le.');
      throw e;
    }
  },
};
