/**
 * The outbox.
 *
 * | item         | pk             | sk     | gsi1 (the recipient's list)          | gsi2 (the dossier's e-mails)          |
 * |--------------|----------------|--------|--------------------------------------|---------------------------------------|
 * | notification | OUTBOX#<id>    | OUTBOX | NOTIF#<utilisateurId> / <creeLe>#<id> | NOTIFDOS#<dossierId> / <creeLe>#<id>  |
 *
 * | lot          | OUTBOX#lot-<id>| LOT    |                                      |                                       |
 *
 * Items are put by the state change's own transaction (`itemsOutbox`), never by a second write; the table's stream
 * (NEW_IMAGE, filtered on `pk` beginning with OUTBOX# and INSERT) feeds the sender, which moves each item
 * a_envoyer → en_cours → envoye (or echec) by conditional updates. A transaction with no room left for one item per
 * e-mail (a comité closing 40 dossiers) puts them as lots instead, in the same transaction: the sender unpacks a lot
 * into its items (conditional puts: unpacking twice writes nothing twice), which come back through the stream.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Dossier } from '../schemas/dossier';
import { tableName } from '../config';
import { Notification, type FiltresNotifications } from '../schemas/notification';
import { dynamo } from './clients';
import * as z from 'zod';
import { Conflit } from '../domain/errors';
import { conditionEchouee } from './dynamo-utils';
import { pageFiltree, toutesLesPages } from './pagination';
import { sansCles } from './dossier-repository';

export const PREFIXE_OUTBOX = 'OUTBOX#';
const cle = (id: string) => ({ pk: `${PREFIXE_OUTBOX}${id}`, sk: 'OUTBOX' });

export const itemNotification = (n: Notification) => ({
  ...cle(n.id),
  entite: 'OUTBOX',
  ...(n.destinataire.utilisateurId ? { gsi1pk: `NOTIF#${n.destinataire.utilisateurId}`, gsi1sk: `${n.creeLe}#${n.id}` } : {}),
  ...(n.dossierId ? { gsi2pk: `NOTIFDOS#${n.dossierId}`, gsi2sk: `${n.creeLe}#${n.id}` } : {}),
  ...n,
});

/** A lot holds at most this much JSON (an item holds 400 KB; a transaction 4 MB). */
const TAILLE_LOT = 300_000;

/**
 * The Put entries of a TransactWrite for these notifications (each new: an id is never written twice): one item per
 * notification if `place` (the transaction's room left) allows, else as few lots as their size allows.
 */
export function itemsOutbox(ns: readonly Notification[] | undefined, place = Infinity) {
  const put = (Item: Record<string, unknown>) => ({ Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  const toutes = ns ?? [];
  if (toutes.length <= place) return toutes.map((n) => put(itemNotification(n)));
  const lots: Notification[][] = [];
  let taille = Infinity;
  for (const n of toutes) {
    const t = JSON.stringify(n).length;
    if (taille + t > TAILLE_LOT) {
      lots.push([]);
      taille = 0;
    }
    lots.at(-1)!.push(n);
    taille += t;
  }
  if (lots.length > place) throw new Conflit('TRANSACTION_TROP_LARGE', 'Trop de courriels pour une seule opération : réduisez l’ordre du jour.');
  return lots.map((l) => put({ ...cleLot(`lot-${l[0]!.id}`), entite: 'OUTBOX_LOT', notifications: l, creeLe: l[0]!.creeLe }));
}
const cleLot = (id: string) => ({ pk: `${PREFIXE_OUTBOX}${id}`, sk: SK_LOT });
export const SK_LOT = 'LOT';
const Lot = z.object({ notifications: z.array(Notification) });

const lire = (i: Record<string, unknown>) => Notification.parse(sansCles(i));

export const notificationRepository = {
  /** Notifications that belong to no other state change (reminders, rectificatif fan-out): 25 by batch. */
  async ecrire(ns: readonly Notification[]): Promise<void> {
    for (let i = 0; i < ns.length; i += 25) {
      let demandes = ns.slice(i, i + 25).map((n) => ({ PutRequest: { Item: itemNotification(n) } }));
      for (let essai = 0; demandes.length && essai < 8; essai++) {
        const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: demandes } }));
        demandes = (r.UnprocessedItems?.[tableName()] ?? []) as typeof demandes;
        if (demandes.length) await new Promise((ok) => setTimeout(ok, 50 * 2 ** essai));
      }
      if (demandes.length) throw new Error(`${demandes.length} notifications non écrites`);
    }
  },

  async lire(id: string): Promise<Notification | null> {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(id), ConsistentRead: true }));
    return r.Item ? lire(r.Item) : null;
  },

  /** A user's notifications, newest first. */
  parUtilisateur(utilisateurId: string, f: FiltresNotifications) {
    const partition = `NOTIF#${utilisateurId}`;
    return pageFiltree({
      input: { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': partition }, ScanIndexForward: false },
      limit: f.limit,
      cursor: f.cursor,
      partition: { gsi1pk: partition },
      cles: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      lire,
    });
  },

  /** The e-mails about a dossier, oldest first (what the OI sees of deliveries, bounces included). */
  async parDossier(dossierId: string): Promise<Notification[]> {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `NOTIFDOS#${dossierId}` },
    }));
    return (r.Items ?? []).map(lire);
  },

  /** a_envoyer → en_cours, one more attempt; false if another run holds it or it is done (never sent twice). */
  async reserver(id: string, le: string): Promise<boolean> {
    try {
      await dynamo().send(new UpdateCommand({
        TableName: tableName(), Key: cle(id),
        UpdateExpression: 'SET etat = :encours, tentatives = if_not_exists(tentatives, :zero) + :un, reserveLe = :le',
        ConditionExpression: 'etat = :attente',
        ExpressionAttributeValues: { ':encours': 'en_cours', ':attente': 'a_envoyer', ':zero': 0, ':un': 1, ':le': le },
      }));
      return true;
    } catch (e) {
      if (conditionEchouee(e)) return false;
      throw e;
    }
  },

  async envoyee(id: string, le: string, messageId: string | null): Promise<void> {
    await dynamo().send(new UpdateCommand({
      TableName: tableName(), Key: cle(id),
      UpdateExpression: 'SET etat = :envoye, envoyeLe = :le, messageId = :m REMOVE echec',
      ConditionExpression: 'etat = :encours',
      ExpressionAttributeValues: { ':envoye': 'envoye', ':encours': 'en_cours', ':le': le, ':m': messageId },
    }));
  },

  /** A failed attempt: `echec` for good (permanent, or attempts exhausted), or back to `a_envoyer` for a retry. */
  async echouee(id: string, echec: { raison: string; permanent: boolean; le: string }, definitif: boolean): Promise<void> {
    await dynamo().send(new UpdateCommand({
      TableName: tableName(), Key: cle(id),
      UpdateExpression: 'SET etat = :etat, echec = :echec',
      ConditionExpression: 'etat = :encours',
      ExpressionAttributeValues: { ':etat': definitif ? 'echec' : 'a_envoyer', ':encours': 'en_cours', ':echec': echec },
    }));
  },

  /** A lot's notifications as outbox items of their own (already written ones skipped); 0 for an unknown lot. */
  async deballer(lotId: string): Promise<number> {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleLot(lotId), ConsistentRead: true }));
    return r.Item ? notificationRepository.ecrireNouvelles(Lot.parse(r.Item).notifications) : 0;
  },

  /** Conditional puts, one by one: an id already written (a reminder of the same day) is skipped. */
  async ecrireNouvelles(ns: readonly Notification[]): Promise<number> {
    let nouvelles = 0;
    for (const n of ns) {
      try {
        await dynamo().send(new PutCommand({ TableName: tableName(), Item: itemNotification(n), ConditionExpression: 'attribute_not_exists(pk)' }));
        nouvelles++;
      } catch (e) {
        if (!conditionEchouee(e)) throw e;
      }
    }
    return nouvelles;
  },

  /** The drafts on an AAP (their own partition of gsi2, see dossier-repository). */
  brouillons: (aapId: string): Promise<Dossier[]> =>
    toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `AAPBROUILLON#${aapId}` } },
      (i) => Dossier.parse(sansCles(i)),
    ),

  /** Pending items: the local runtime's sweep only (a Scan, on one machine); AWS is fed by the stream and its DLQ. */
  async enAttente(): Promise<Notification[]> {
    const out: Notification[] = [];
    let debut: Record<string, unknown> | undefined;
    do {
      const r = await dynamo().send(new ScanCommand({
        TableName: tableName(), FilterExpression: 'entite = :o AND etat = :a', ExpressionAttributeValues: { ':o': 'OUTBOX', ':a': 'a_envoyer' }, ...(debut ? { ExclusiveStartKey: debut } : {}),
      }));
      out.push(...(r.Items ?? []).map(lire));
      debut = r.LastEvaluatedKey;
    } while (debut);
    return out;
  },
};
export type NotificationStore = typeof notificationRepository;
