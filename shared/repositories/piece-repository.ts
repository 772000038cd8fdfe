/**
 * Pièces of a dossier (same partition as the dossier).
 *
 * | item  | pk           | sk               |
 * |-------|--------------|------------------|
 * | pièce | DOSSIER#<id> | PIECE#<pieceId>  | gsi2 while `en_verification`: PIECES#EN_VERIFICATION / <creeLe>#<dossierId>#<pieceId>
 *
 * A new upload is written with a condition on the dossier's statut (no file sneaks into a dossier deposited in the
 * meantime) — a bilan's evidence on that bilan (`BILAN#<numero 00>`) still being a draft — and, in the same transaction, marks the upload it replaces. A verdict is written once, from
 * `en_verification` only, with the key and version of the verified copy; a later write to the upload key of a valid
 * pièce is counted on it (`ecrituresRefusees`, `derniereEcritureRefusee`).
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import { Conflit } from '../domain/errors';
import type { PieceStore } from '../domain/piece/use-cases';
import { Piece } from '../schemas/piece';
import { dynamo } from './clients';
import { toutesLesPages } from './pagination';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';

const cle = (dossierId: string, pieceId: string) => ({ pk: `DOSSIER#${dossierId}`, sk: `PIECE#${pieceId}` });
const sansCles = (i: Record<string, unknown>) => {
  const { pk: _p, sk: _s, entite: _e, gsi2pk: _g, gsi2sk: _h, ...reste } = i;
  return reste;
};

/**
 * Pending pièces, for the sweep: a sparse gsi2 partition holding only pièces `en_verification` (written with the
 * upload slot, removed by the verdict), sorted by creation, so the sweep Queries the old ones instead of scanning.
 */
const ATTENTE = 'PIECES#EN_VERIFICATION';
const indexAttente = (piece: Piece) =>
  piece.etat === 'en_verification' ? { gsi2pk: ATTENTE, gsi2sk: `${piece.creeLe}#${piece.dossierId}#${piece.id}` } : {};

/** The transaction step that holds only while the dossier is still in `statut`. */
const statutEst = (dossierId: string, statut: string) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: { pk: `DOSSIER#${dossierId}`, sk: 'META' },
    ConditionExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'statut' },
    ExpressionAttributeValues: { ':s': statut },
  },
});

/** The transaction step that holds only while bilan `numero` of the dossier is a draft. */
const bilanBrouillon = (dossierId: string, numero: number) => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: { pk: `DOSSIER#${dossierId}`, sk: `BILAN#${String(numero).padStart(2, '0')}` },
    ConditionExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'statut' },
    ExpressionAttributeValues: { ':s': 'brouillon' },
  },
});

export const pieceRepository: PieceStore = {
  async creer(piece, garde, remplacee) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            typeof garde === 'string' ? statutEst(piece.dossierId, garde) : bilanBrouillon(piece.dossierId, garde.bilanBrouillon),
            { Put: { TableName: t, Item: { ...cle(piece.dossierId, piece.id), entite: 'PIECE', ...indexAttente(piece), ...piece }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(remplacee
              ? [{
                  Update: {
                    TableName: t,
                    Key: cle(remplacee.dossierId, remplacee.id),
                    UpdateExpression: 'SET remplaceeLe = :d',
                    ConditionExpression: 'attribute_exists(pk) AND attribute_type(remplaceeLe, :null)',
                    ExpressionAttributeValues: { ':d': piece.creeLe, ':null': 'NULL' },
                  },
                }]
              : []),
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e) && typeof garde !== 'string') {
        throw new Conflit('BILAN_MODIFIE', 'Le bilan a changé pendant l’envoi (dépôt ou autre envoi de la même pièce) : rechargez-le.');
      }
      if (transactionCancellation(e)) {
        throw new Conflit('DOSSIER_MODIFIE', 'Le dossier a changé pendant l’envoi (dépôt ou autre envoi de la même pièce) : rechargez-le.');
      }
      throw e;
    }
  },

  async lire(dossierId, pieceId) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(dossierId, pieceId), ConsistentRead: true }));
    return r.Item ? Piece.parse(sansCles(r.Item)) : null;
  },

  lister: (dossierId) =>
    toutesLesPages(
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `DOSSIER#${dossierId}`, ':p': 'PIECE#' },
        ConsistentRead: true,
      },
      (i) => Piece.parse(sansCles(i)),
    ),

  async verdict(piece) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: cle(piece.dossierId, piece.id),
          UpdateExpression:
            'SET etat = :e, motifRejet = :m, codeRejet = :c, nomFichier = :n, verifieLe = :v, cleVerifiee = :cv, versionVerifiee = :vv REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'etat = :attente',
          ExpressionAttributeValues: {
            ':e': piece.etat, ':m': piece.motifRejet, ':c': piece.codeRejet ?? null, ':n': piece.nomFichier, ':v': piece.verifieLe,
            ':cv': piece.cleVerifiee ?? null, ':vv': piece.versionVerifiee ?? null,
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

  enVerificationAvant: async (avant, limite) => {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :s',
      ExpressionAttributeValues: { ':p': ATTENTE, ':s': avant },
      Limit: limite,
    }));
    return (r.Items ?? []).map((i) => Piece.parse(sansCles(i)));
  },

  async ecritureRefusee(piece, ecriture) {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: cle(piece.dossierId, piece.id),
        UpdateExpression: 'SET derniereEcritureRefusee = :d ADD ecrituresRefusees :un',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': ecriture, ':un': 1 },
      }),
    );
  },

  async supprimer(piece) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            statutEst(piece.dossierId, 'brouillon'),
            { Delete: { TableName: t, Key: cle(piece.dossierId, piece.id), ConditionExpression: 'attribute_exists(pk)' } },
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e)) throw new Conflit('DOSSIER_VERROUILLE', 'Ce dossier est déposé : ses pièces ne se suppriment plus.');
      throw e;
    }
  },
};
