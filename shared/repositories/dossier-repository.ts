/**
 * Dossier aggregate.
 *
 * | item          | pk                                   | sk                 | gsi1 (by organisation)         | gsi2 (by AAP, deposited only)          |
 * |---------------|--------------------------------------|--------------------|--------------------------------|----------------------------------------|
 * | dossier       | DOSSIER#<id>                         | META               | ORGDOS#<orgId> / <creeLe>#<id> | AAPDOS#<aapId> / <fiche>#<deposeLe>#<id> |
 * | (a draft)     |                                      |                    |                                | AAPBROUILLON#<aapId> / <creeLe>#<id>   |
 * | audit event   | DOSSIER#<id>                         | EVT#<iso>#<id>     |                                |                                        |
 * | uniqueness    | DOSSIERUNIQ#<aapId>#<fiche>#<orgId>  | UNIQ               |                                |                                        |
 * | idempotency   | IDEMP#<sub>#<METHOD path>#<key>      | IDEMP              | (TTL expiresAt: 24 h)          |                                        |
 *
 * gsi2 is sparse: a draft is not in the OI's listing until it is deposited; drafts have their own partition per AAP,
 * which the reminders before closing and the rectificatif e-mails query. Every transition writes the dossier
 * (conditioned on the version read) and its audit event in one transaction; the dépôt adds its idempotency item.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import type { DossierStore, Idempotence } from '../domain/dossier/use-cases';
import type { PorteeIdempotence } from '../domain/idempotence';
import { Conflit } from '../domain/errors';
import { Dossier, Evenement } from '../schemas/dossier';
import { dynamo } from './clients';
import { transactionCancellation } from './dynamo-utils';
import { pageFiltree, toutesLesPages } from './pagination';
import { itemsOutbox } from './notification-repository';

const cle = (id: string) => ({ pk: `DOSSIER#${id}`, sk: 'META' });
/** The table’s TTL attribute (infra/definitions.ts `TABLE.ttlAttribute`, not imported: no infra code in the runtime bundle). */
export const ATTRIBUT_TTL = 'expiresAt';
const TECHNIQUES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entite', ATTRIBUT_TTL]);
export const sansCles = (i: Record<string, unknown>) => Object.fromEntries(Object.entries(i).filter(([k]) => !TECHNIQUES.has(k)));

/** The stored item of a dossier (keys and index attributes included). */
export function item(d: Dossier) {
  return {
    ...cle(d.id),
    entite: 'DOSSIER',
    gsi1pk: `ORGDOS#${d.organisationId}`,
    gsi1sk: `${d.creeLe}#${d.id}`,
    ...(d.depot
      ? { gsi2pk: `AAPDOS#${d.aapId}`, gsi2sk: `${d.ficheCode}#${d.depot.deposeLe}#${d.id}` }
      : d.statut === 'brouillon' ? { gsi2pk: `AAPBROUILLON#${d.aapId}`, gsi2sk: `${d.creeLe}#${d.id}` } : {}),
    ...d,
  };
}

export const itemEvenement = (e: Evenement) => ({ pk: `DOSSIER#${e.dossierId}`, sk: `EVT#${e.le}#${e.id}`, entite: 'EVT', ...e });
const IdempotenceStockee = z.object({
  utilisateur: z.string(), route: z.string(), cle: z.string(), empreinte: z.string(), enregistreLe: z.string(), expireLe: z.string(), resultat: Dossier,
});
/**
 * A key is recorded per user and route. Records written before that (`IDEMP#<key>`) are no longer read: a retry of such
 * a dépôt within their last 24 hours finds the dossier deposited and answers 409 instead of replaying.
 */
const cleIdempotence = (p: PorteeIdempotence) => ({ pk: `IDEMP#${p.utilisateur}#${p.route}#${p.cle}`, sk: 'IDEMP' });
const enSecondes = (iso: string) => Math.floor(Date.parse(iso) / 1000);


export const dossierRepository: DossierStore = {
  async creer(d, e) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: t, Item: item(d), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: t,
                Item: { pk: `DOSSIERUNIQ#${d.aapId}#${d.ficheCode}#${d.organisationId}`, sk: 'UNIQ', entite: 'UNIQ', dossierId: d.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: t, Item: itemEvenement(e) } },
          ],
        }),
      );
    } catch (err) {
      if (transactionCancellation(err)) {
        throw new Conflit('DOSSIER_EXISTANT', `Votre organisation a déjà un dossier pour la fiche ${d.ficheCode} de cet appel à projets : un seul dossier par fiche.`);
      }
      throw err;
    }
  },

  async lire(id) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cle(id), ConsistentRead: true }));
    return r.Item ? Dossier.parse(sansCles(r.Item)) : null;
  },

  async remplacer(apres, avant, e, idempotence, notifications) {
    const t = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: t,
                Item: item(apres),
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': avant.version },
              },
            },
            ...(e ? [{ Put: { TableName: t, Item: itemEvenement(e), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
            ...(idempotence
              ? [{
                  Put: {
                    TableName: t,
                    // The table's TTL attribute deletes it, late; until then an expired record may be written over.
                    Item: { ...cleIdempotence(idempotence), entite: 'IDEMP', ...idempotence, [ATTRIBUT_TTL]: enSecondes(idempotence.expireLe) },
                    ConditionExpression: 'attribute_not_exists(pk) OR #expire <= :maintenant',
                    ExpressionAttributeNames: { '#expire': ATTRIBUT_TTL },
                    ExpressionAttributeValues: { ':maintenant': enSecondes(idempotence.enregistreLe) },
                  },
                }]
              : []),
            ...itemsOutbox(notifications),
          ],
        }),
      );
    } catch (err) {
      if (transactionCancellation(err) || (err instanceof Error && err.name === 'TransactionConflictException')) {
        throw new Conflit('VERSION_PERIMEE', 'Ce dossier a été modifié entre-temps par quelqu’un d’autre. Rechargez-le avant de continuer.');
      }
      throw err;
    }
  },

  async idempotence(p): Promise<Idempotence | null> {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleIdempotence(p), ConsistentRead: true }));
    return r.Item ? IdempotenceStockee.parse(r.Item) : null;
  },

  parOrganisation: (organisationId) =>
    toutesLesPages(
      {
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `ORGDOS#${organisationId}` },
        ScanIndexForward: false,
      },
      (i) => Dossier.parse(sansCles(i)),
    ),

  async parAap(f) {
    const partition = `AAPDOS#${f.aapId}`;
    const values: Record<string, unknown> = { ':p': partition };
    const names: Record<string, string> = {};
    let cond = 'gsi2pk = :p';
    if (f.ficheCode) (cond += ' AND begins_with(gsi2sk, :f)'), (values[':f'] = `${f.ficheCode}#`);
    const filtres: string[] = [];
    if (f.statut) filtres.push('#statut = :s'), (values[':s'] = f.statut), (names['#statut'] = 'statut');
    if (f.plie) filtres.push('plie = :plie'), (values[':plie'] = f.plie);
    if (f.organisationId) filtres.push('organisationId = :o'), (values[':o'] = f.organisationId);
    return pageFiltree({
      input: {
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: cond,
        ExpressionAttributeValues: values,
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(filtres.length ? { FilterExpression: filtres.join(' AND ') } : {}),
      },
      limit: f.limit,
      cursor: f.cursor,
      partition: { gsi2pk: partition },
      cles: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
      lire: (i) => Dossier.parse(sansCles(i)),
    });
  },

  // Every page: a chain read up to DynamoDB's 1 MB page would look cut short.
  evenements: (id) =>
    toutesLesPages(
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': `DOSSIER#${id}`, ':e': 'EVT#' },
        ConsistentRead: true,
      },
      (i) => Evenement.parse(sansCles(i)),
    ),
};
