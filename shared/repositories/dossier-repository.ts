/**
 * Dossier aggregate.
 *
 * | item          | pk                                   | sk                 | gsi1 (by organisation)                               | gsi2 (by AAP, deposited only)                   |
 * |---------------|--------------------------------------|--------------------|------------------------------------------------------|-------------------------------------------------|
 * | dossier       | DOSSIER#<id>                         | META               | ORGDOS#<orgId> / <aapId>#<statut>#<fiche>#<creeLe>#<id> | AAPDOS#<aapId> / <fiche>#<plie>#<deposeLe>#<id> |
 * | (a draft)     |                                      |                    |                                                      | AAPBROUILLON#<aapId> / <creeLe>#<id>            |
 * | audit event   | DOSSIER#<id>                         | EVT#<iso>#<id>     |                                                      |                                                 |
 * | uniqueness    | DOSSIERUNIQ#<aapId>#<fiche>#<orgId>  | UNIQ               |                                                      |                                                 |
 * | idempotency   | IDEMP#<sub>#<METHOD path>#<key>      | IDEMP              | (TTL expiresAt: 24 h)                                |                                                 |
 *
 * | (deposited)   |                                      |                    | gsi3 (by OI and statut): DOSOI#<oi>#<statut> / <aapId>#<fiche>#<deposeLe>#<id> |
 * | (deposited)   |                                      |                    | gsi4 (by AAP and PLIE): DOSPLIE#<aapId>#<plie> / <statut>#<fiche>#<deposeLe>#<id> |
 * | counters      | COMPTEURS#<oi>                       | DOSSIERS           | deposited dossiers per statut, updated in each transition's transaction |
 *
 * `<plie>` is the dossier's PLIE name, `%` and `#` escaped (`segmentPlie`). Every filter of the OI's list of an AAP's
 * dossiers (fiche, PLIE, statut, organisation, in any combination) is a key condition (`indexListe`): gsi3 serves a
 * statut (the fiche a prefix), gsi4 a PLIE (the statut, then the fiche, prefixes), gsi2 the fiche (the PLIE a prefix
 * after it), gsi1 an organisation (the AAP, the statut, the fiche prefixes; within one AAP an organisation has one
 * dossier per fiche at most, so what is left to filter there is bounded by the AAP's fiches, not by its dossiers).
 * The counters serve the tableau de bord without reading the dossiers.
 * gsi2 is sparse: a draft is not in the OI's listing until it is deposited; drafts have their own partition per AAP,
 * which the reminders before closing and the rectificatif e-mails query. Every transition writes the dossier
 * (conditioned on the version read) and its audit event in one transaction; the dépôt adds its idempotency item. A
 * change of the dossier alone (a draft save: no event, no idempotency, no e-mail, no counter moved) is one conditional
 * PutItem. Every write of a dossier builds its item with `item`, which computes every index key.
 */
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import type { DossierStore, Idempotence } from '../domain/dossier/use-cases';
import type { PorteeIdempotence } from '../domain/idempotence';
import { Conflit } from '../domain/errors';
import { Dossier, Evenement, type FiltresDossiersOi } from '../schemas/dossier';
import { dynamo } from './clients';
import { conditionEchouee, transactionCancellation } from './dynamo-utils';
import { pageFiltree, toutesLesPages } from './pagination';
import { itemsOutbox } from './notification-repository';

const cle = (id: string) => ({ pk: `DOSSIER#${id}`, sk: 'META' });
/** The table’s TTL attribute (infra/definitions.ts `TABLE.ttlAttribute`, not imported: no infra code in the runtime bundle). */
export const ATTRIBUT_TTL = 'expiresAt';
const TECHNIQUES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi4pk', 'gsi4sk', 'entite', ATTRIBUT_TTL]);
export const sansCles = (i: Record<string, unknown>) => Object.fromEntries(Object.entries(i).filter(([k]) => !TECHNIQUES.has(k) && !INDEX_STATUT.has(k)));
const INDEX_STATUT = new Set(['gsi3pk', 'gsi3sk']);

/** The stored item of a dossier (keys and index attributes included). */
export function item(d: Dossier) {
  return {
    ...cle(d.id),
    entite: 'DOSSIER',
    ...clesListe(d),
    ...d,
  };
}

/**
 * A PLIE name as a key segment, `%` and `#` escaped, so that no name's keys begin with another's (`A#` is not a prefix
 * of `A%23B#`); any string is accepted (no URIError on a lone surrogate, unlike encodeURIComponent).
 */
export const segmentPlie = (nom: string) => nom.replace(/%/g, '%25').replace(/#/g, '%23');

/**
 * Every index key of a dossier (gsi1 to gsi4), from its fields: what `item` writes and what the start-up migration
 * compares stored items with.
 */
export function clesListe(d: Pick<Dossier, 'id' | 'oi' | 'aapId' | 'ficheCode' | 'organisationId' | 'plie' | 'statut' | 'creeLe' | 'depot'>) {
  return {
    gsi1pk: `ORGDOS#${d.organisationId}`,
    gsi1sk: `${d.aapId}#${d.statut}#${d.ficheCode}#${d.creeLe}#${d.id}`,
    ...(d.depot
      ? { gsi2pk: `AAPDOS#${d.aapId}`, gsi2sk: `${d.ficheCode}#${segmentPlie(d.plie)}#${d.depot.deposeLe}#${d.id}` }
      : d.statut === 'brouillon' ? { gsi2pk: `AAPBROUILLON#${d.aapId}`, gsi2sk: `${d.creeLe}#${d.id}` } : {}),
    ...(d.depot ? clesStatut(d, d.depot.deposeLe) : {}),
    ...(d.depot
      ? { gsi4pk: `DOSPLIE#${d.aapId}#${segmentPlie(d.plie)}`, gsi4sk: `${d.statut}#${d.ficheCode}#${d.depot.deposeLe}#${d.id}` }
      : {}),
  };
}

/** gsi3 keys of a deposited dossier: one partition per OI and statut, sorted by AAP, fiche and dépôt. */
export const clesStatut = (d: Pick<Dossier, 'oi' | 'statut' | 'aapId' | 'ficheCode' | 'id'>, deposeLe: string) => ({
  gsi3pk: `DOSOI#${d.oi}#${d.statut}`,
  gsi3sk: `${d.aapId}#${d.ficheCode}#${deposeLe}#${d.id}`,
});

export const cleCompteurs = (oi: string) => ({ pk: `COMPTEURS#${oi}`, sk: 'DOSSIERS' });
type Transition = { avant?: Pick<Dossier, 'oi' | 'statut' | 'depot'> | null; apres: Pick<Dossier, 'oi' | 'statut' | 'depot'> };

/**
 * The counters' update for these transitions, to put in their transaction: one Update per OI (a transaction names an
 * item once), none when no deposited dossier changes statut. Only deposited dossiers are counted.
 */
export function actionsCompteurs(transitions: readonly Transition[]) {
  const deltas = new Map<string, Map<string, number>>();
  const ajouter = (oi: string, statut: string, n: number) => {
    const m = deltas.get(oi) ?? new Map<string, number>();
    m.set(statut, (m.get(statut) ?? 0) + n);
    deltas.set(oi, m);
  };
  for (const { avant, apres } of transitions) {
    if (avant?.depot) ajouter(avant.oi, avant.statut, -1);
    if (apres.depot) ajouter(apres.oi, apres.statut, 1);
  }
  return [...deltas].flatMap(([oi, m]) => {
    const utiles = [...m].filter(([, n]) => n !== 0);
    if (utiles.length === 0) return [];
    return [{
      Update: {
        TableName: tableName(), Key: cleCompteurs(oi),
        UpdateExpression: `ADD ${utiles.map((_, i) => `#s${i} :n${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(utiles.map(([s], i) => [`#s${i}`, s])),
        ExpressionAttributeValues: Object.fromEntries(utiles.map(([, n], i) => [`:n${i}`, n])),
      },
    }];
  });
}
const Compteurs = z.record(z.string(), z.unknown());

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
    const perimee = () => new Conflit('VERSION_PERIMEE', 'Ce dossier a été modifié entre-temps par quelqu’un d’autre. Rechargez-le avant de continuer.');
    const compteurs = actionsCompteurs([{ avant, apres }]);
    if (!e && !idempotence && !notifications?.length && compteurs.length === 0) {
      // One item changes: the whole item (its index keys recomputed by `item`) is put under the version condition.
      try {
        await dynamo().send(new PutCommand({ TableName: t, Item: item(apres), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } }));
      } catch (err) {
        if (conditionEchouee(err)) throw perimee();
        throw err;
      }
      return;
    }
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
            ...compteurs,
            ...itemsOutbox(notifications),
          ],
        }),
      );
    } catch (err) {
      if (transactionCancellation(err) || (err instanceof Error && err.name === 'TransactionConflictException')) throw perimee();
      throw err;
    }
  },

  async idempotence(p): Promise<Idempotence | null> {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleIdempotence(p), ConsistentRead: true }));
    return r.Item ? IdempotenceStockee.parse(r.Item) : null;
  },

  // The whole partition (an organisation's dossiers), newest first: gsi1 sorts them by AAP for the OI's filters.
  parOrganisation: async (organisationId) =>
    (await toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `ORGDOS#${organisationId}` } },
      (i) => Dossier.parse(sansCles(i)),
    )).sort((x, y) => y.creeLe.localeCompare(x.creeLe) || y.id.localeCompare(x.id)),

  /** One page of an AAP's deposited dossiers, its filters all in the key condition of one index (`indexListe`). */
  async parAap(f) {
    const ix = indexListe(f);
    return pageFiltree({
      input: {
        TableName: tableName(),
        IndexName: ix.nom,
        KeyConditionExpression: ix.prefixe ? `${ix.pk} = :p AND begins_with(${ix.sk}, :debut)` : `${ix.pk} = :p`,
        ExpressionAttributeValues: { ':p': ix.partition, ...(ix.prefixe ? { ':debut': ix.prefixe } : {}), ...ix.valeurs },
        ...(ix.filtre ? { FilterExpression: ix.filtre } : {}),
      },
      limit: f.limit,
      cursor: f.cursor,
      partition: { [ix.pk]: ix.partition },
      cles: ['pk', 'sk', ix.pk, ix.sk],
      lire: (i) => Dossier.parse(sansCles(i)),
    });
  },

  /** One page of the OI's deposited dossiers in a statut (one gsi3 partition), by AAP, fiche and dépôt. */
  parStatut: (f) =>
    pageFiltree({
      input: {
        TableName: tableName(), IndexName: 'gsi3',
        KeyConditionExpression: f.aapId ? 'gsi3pk = :p AND begins_with(gsi3sk, :a)' : 'gsi3pk = :p',
        ExpressionAttributeValues: { ':p': `DOSOI#${f.oi}#${f.statut}`, ...(f.aapId ? { ':a': `${f.aapId}#` } : {}) },
      },
      limit: f.limit,
      cursor: f.cursor,
      partition: { gsi3pk: `DOSOI#${f.oi}#${f.statut}` },
      cles: ['pk', 'sk', 'gsi3pk', 'gsi3sk'],
      lire: (i) => Dossier.parse(sansCles(i)),
    }),

  /** Every deposited dossier of the OI in a statut (a queue the tableau de bord reads whole: compléments). */
  toutDuStatut: (oi, statut) =>
    toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p', ExpressionAttributeValues: { ':p': `DOSOI#${oi}#${statut}` } },
      (i) => Dossier.parse(sansCles(i)),
    ),

  /** The OI's counters of deposited dossiers per statut (absent statuts count 0). */
  async compteurs(oi) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleCompteurs(oi), ConsistentRead: true }));
    const brut = Compteurs.parse(r.Item ?? {});
    return Object.fromEntries(Object.entries(brut).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, Math.max(0, Number(v))]));
  },

  /** These dossiers (100 keys per BatchGet, unprocessed keys retried), in no particular order; absent ones skipped. */
  async parIds(ids) {
    const out: Dossier[] = [];
    const uniques = [...new Set(ids)];
    for (let i = 0; i < uniques.length; i += 100) {
      let cles: Record<string, unknown>[] | undefined = uniques.slice(i, i + 100).map(cle);
      for (let essai = 0; cles?.length && essai < 8; essai++) {
        if (essai > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** essai));
        const r: BatchGetCommandOutput = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: cles } } }));
        out.push(...(r.Responses?.[tableName()] ?? []).map((x) => Dossier.parse(sansCles(x))));
        cles = r.UnprocessedKeys?.[tableName()]?.Keys;
      }
    }
    return out;
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

type FiltresListe = Pick<FiltresDossiersOi, 'aapId' | 'ficheCode' | 'plie' | 'statut' | 'organisationId'> & { oi: string };

/**
 * The index, partition and sort-key prefix that serve these filters of an AAP's deposited dossiers, so that a page
 * reads what it returns (and one more): an organisation its gsi1 partition from the AAP on (a filter then only reads
 * that organisation's other dossiers of the AAP, one per fiche at most); otherwise a PLIE without a fiche its gsi4
 * partition (the statut, then the fiche, prefixes); a statut its gsi3 partition (the AAP, then the fiche, prefixes);
 * otherwise the AAP's gsi2 partition (the fiche, then the PLIE, prefixes).
 */
export function indexListe(f: FiltresListe) {
  const plie = f.plie ? segmentPlie(f.plie) : undefined;
  const prefixe = (...parts: (string | undefined)[]) => {
    const utiles: string[] = [];
    for (const p of parts) {
      if (p === undefined || p === '') break;
      utiles.push(p);
    }
    return utiles.length ? `${utiles.join('#')}#` : undefined;
  };
  if (f.organisationId) {
    const debut = prefixe(f.aapId, f.statut, f.ficheCode)!;
    const filtres = ['gsi2pk = :aap'];
    const valeurs: Record<string, unknown> = { ':aap': `AAPDOS#${f.aapId}` };
    if (f.ficheCode && !f.statut) filtres.push('ficheCode = :f'), (valeurs[':f'] = f.ficheCode);
    if (f.plie) filtres.push('plie = :plie'), (valeurs[':plie'] = f.plie);
    return { nom: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk', partition: `ORGDOS#${f.organisationId}`, prefixe: debut, filtre: filtres.join(' AND '), valeurs };
  }
  if (plie !== undefined && !(f.ficheCode && !f.statut)) {
    return { nom: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk', partition: `DOSPLIE#${f.aapId}#${plie}`, prefixe: prefixe(f.statut, f.ficheCode), filtre: undefined, valeurs: {} };
  }
  if (f.statut) {
    return { nom: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk', partition: `DOSOI#${f.oi}#${f.statut}`, prefixe: prefixe(f.aapId, f.ficheCode), filtre: undefined, valeurs: {} };
  }
  return { nom: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk', partition: `AAPDOS#${f.aapId}`, prefixe: prefixe(f.ficheCode, plie), filtre: undefined, valeurs: {} };
}
