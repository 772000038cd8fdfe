/**
 * The PLIE-year counters the current year's report reads (issue 16, scale), maintained from the table's stream by
 * functions/consolidation/agreger.ts and recomputed by the rebuild command.
 *
 * | item                          | pk                        | sk              |
 * |-------------------------------|---------------------------|-----------------|
 * | counters of a PLIE-year       | AGGPLIE#<oi>#<plie>       | ANNEE#<annee>   |
 * | what a participant contributes| AGGPART#<dossierId>       | <participantId> |
 *
 * A counter is a number attribute `c_<compteur>` of the year's item. The participant's marker holds the version of its
 * record last applied and what that version contributes: an event is applied in one transaction that moves the
 * counters by the difference and writes the marker conditioned on the marker read (its version, or its absence), so
 * the same event applied twice, or an older one arriving late, changes nothing. A report reads one PLIE's years with
 * one Query of its partition.
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config';
import type { AgregatsStore, Marque, MiseAJourCompteurs } from '../domain/consolidation/agregats';
import { COMPTEURS, type Compteur, type CompteursAnnee } from '../domain/consolidation/direct';
import { dynamo } from './clients';
import { transactionCancellation } from './dynamo-utils';

const pkPlie = (oi: string, plie: string) => `AGGPLIE#${oi}#${plie}`;
const cleAnnee = (oi: string, plie: string, annee: number) => ({ pk: pkPlie(oi, plie), sk: `ANNEE#${annee}` });
const cleMarque = (dossierId: string, participantId: string) => ({ pk: `AGGPART#${dossierId}`, sk: participantId });
const CONNUS = new Set<string>(COMPTEURS);

const itemMarque = (m: Marque) => ({
  ...cleMarque(m.dossierId, m.participantId), entite: 'AGREGAT_MARQUE', oi: m.oi, plie: m.plie, version: m.version,
  apports: m.apports.map((a) => `${a.annee}:${a.compteur}${a.valeur === undefined ? '' : `=${a.valeur}`}`),
});
const lireMarque = (i: Record<string, unknown>): Marque => ({
  dossierId: String(i.pk).slice('AGGPART#'.length), participantId: String(i.sk), oi: String(i.oi), plie: String(i.plie), version: Number(i.version),
  apports: (i.apports as string[]).map((s) => {
    // `<année>:<compteur>`, or `<année>:<compteur>=<valeur>` for a sum (a parcours' days).
    const [cle, valeur] = s.slice(s.indexOf(':') + 1).split('=') as [string, string | undefined];
    return { annee: Number(s.slice(0, s.indexOf(':'))), compteur: cle as Compteur, ...(valeur === undefined ? {} : { valeur: Number(valeur) }) };
  }),
});

async function ecrireParLots(requetes: Record<string, unknown>[]) {
  for (let i = 0; i < requetes.length; i += 25) {
    let lot: Record<string, unknown>[] | undefined = requetes.slice(i, i + 25);
    for (let essai = 0; lot?.length && essai < 8; essai++) {
      if (essai > 0) await new Promise((ok) => setTimeout(ok, 20 * 2 ** essai));
      const r = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: lot as never } }));
      lot = r.UnprocessedItems?.[tableName()] as Record<string, unknown>[] | undefined;
    }
    if (lot?.length) throw new Error('Écriture des agrégats de PLIE incomplète');
  }
}

export const agregatsPlieRepository: AgregatsStore = {
  async marque(dossierId, participantId) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleMarque(dossierId, participantId), ConsistentRead: true }));
    return r.Item ? lireMarque(r.Item) : null;
  },

  async marques(cles) {
    const out = new Map<string, Marque>();
    for (let i = 0; i < cles.length; i += 100) {
      let demande: Record<string, unknown>[] | undefined = cles.slice(i, i + 100).map((c) => cleMarque(c.dossierId, c.participantId));
      for (let essai = 0; demande?.length && essai < 8; essai++) {
        if (essai > 0) await new Promise((ok) => setTimeout(ok, 20 * 2 ** essai));
        const r = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: demande, ConsistentRead: true } } }));
        for (const x of r.Responses?.[tableName()] ?? []) {
          const m = lireMarque(x);
          out.set(`${m.dossierId}#${m.participantId}`, m);
        }
        demande = r.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
      }
      if (demande?.length) throw new Error('Lecture des marqueurs d’agrégats incomplète');
    }
    return out;
  },

  async appliquer(marques: ReadonlyArray<{ avant: Marque | null; apres: Marque }>, majs: readonly MiseAJourCompteurs[]) {
    const t = tableName();
    try {
      await dynamo().send(new TransactWriteCommand({
        TransactItems: [
          ...marques.map(({ avant, apres }) => ({
            Put: {
              TableName: t, Item: itemMarque(apres),
              ...(avant ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': avant.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          })),
          ...majs.map((m) => {
            const cles = Object.keys(m.compteurs) as Compteur[];
            return {
              Update: {
                TableName: t, Key: cleAnnee(m.oi, m.plie, m.annee),
                UpdateExpression: `SET entite = :e, oi = :oi, plie = :p, annee = :a ADD ${cles.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
                ExpressionAttributeNames: Object.fromEntries(cles.map((k, i) => [`#c${i}`, `c_${k}`])),
                ExpressionAttributeValues: { ':e': 'AGREGAT_PLIE', ':oi': m.oi, ':p': m.plie, ':a': m.annee, ...Object.fromEntries(cles.map((k, i) => [`:d${i}`, m.compteurs[k]])) },
              },
            };
          }),
        ],
      }));
      return true;
    } catch (e) {
      const raisons = transactionCancellation(e);
      // A marker moved meanwhile (the same event applied by another delivery, or a newer one): read again.
      if (raisons?.some((r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict') || (e instanceof Error && e.name === 'TransactionConflictException')) return false;
      throw e;
    }
  },

  async compteurs(oi, plie) {
    const out = new Map<number, CompteursAnnee>();
    let depart: Record<string, unknown> | undefined;
    do {
      const r = await dynamo().send(new QueryCommand({
        TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pkPlie(oi, plie), ':p': 'ANNEE#' }, ConsistentRead: true, ExclusiveStartKey: depart,
      }));
      for (const i of r.Items ?? []) {
        const c: CompteursAnnee = {};
        for (const [k, v] of Object.entries(i)) if (k.startsWith('c_') && (CONNUS.has(k.slice(2)) || /^op_.+_(entrees|sorties)$/.test(k.slice(2)) || /^profil_[a-z0-9_]+_(entrees|positives|sansSuite)$/.test(k.slice(2)) || /^duree_(toutes|positives|sans_suite)_(total|moins_26|plus_26)_(tous|femme|homme)_(nombre|jours)$/.test(k.slice(2))) && Number(v) !== 0) c[k.slice(2) as Compteur] = Number(v);
        out.set(Number(String(i.sk).slice('ANNEE#'.length)), c);
      }
      depart = r.LastEvaluatedKey;
    } while (depart);
    return out;
  },

  async remplacer(oi, plie, compteurs, marques) {
    const anciens = await agregatsPlieRepository.compteurs(oi, plie);
    await ecrireParLots([
      ...[...anciens.keys()].filter((a) => !compteurs.has(a)).map((a) => ({ DeleteRequest: { Key: cleAnnee(oi, plie, a) } })),
      ...[...compteurs].map(([annee, c]) => ({
        PutRequest: { Item: { ...cleAnnee(oi, plie, annee), entite: 'AGREGAT_PLIE', oi, plie, annee, ...Object.fromEntries(Object.entries(c).map(([k, v]) => [`c_${k}`, v])) } },
      })),
      ...marques.map((m) => ({ PutRequest: { Item: itemMarque(m) } })),
    ]);
  },
};
