/**
 * Stored items written before a change of shape, brought to the current one. Run by the runtime at start (the local
 * one on every start; on AWS, once after a deployment that changes a shape), idempotent: an item already in shape is
 * left alone.
 *
 * 2026-12 — AAPs named their PLIE by name (`plies`, `fiche.plie`) and listed the fiches' pièces as strings; they now
 * name PLIE by id (with `referencesPlies`) and give each pièce its stage. The pièces of that time were the fiches'
 * « pièces justificatives attendues pour justifier de la réalisation », hence `realisation`.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { tableName } from '../config';
import { IdPlie } from '../schemas/aap';
import type { Plie } from '../schemas/plie';
import { dynamo } from './clients';
import { conditionEchouee } from './dynamo-utils';
import { toutesLesPages } from './pagination';

const Ancien = z.object({ pk: z.string(), sk: z.string(), plies: z.array(z.string()) }).passthrough();
const FicheAncienne = z.object({ pk: z.string(), sk: z.string(), plie: z.string(), piecesJustificatives: z.array(z.unknown()) }).passthrough();

const estId = (v: string) => IdPlie.safeParse(v).success;

/** Rewrites the AAPs of `oi` stored with PLIE names; returns how many AAPs were migrated. */
export async function migrerPliesParNom(oi: string, plies: readonly Plie[]): Promise<number> {
  const parNom = new Map(plies.map((p) => [p.nom, p]));
  const id = (nom: string) => (estId(nom) ? nom : (parNom.get(nom)?.id ?? nom));
  const metas = await toutesLesPages(
    { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `OI#${oi}#AAP` } },
    (i) => Ancien.parse(i),
  );
  let migres = 0;
  for (const meta of metas.filter((m) => m.plies.some((p) => !estId(p)))) {
    const fiches = await toutesLesPages(
      { TableName: tableName(), KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)', ExpressionAttributeValues: { ':pk': meta.pk, ':f': 'FICHE#' } },
      (i) => FicheAncienne.parse(i),
    );
    for (const f of fiches) {
      const pieces = f.piecesJustificatives.map((p) => (typeof p === 'string' ? { libelle: p, etape: 'realisation' } : p));
      await ecrire({ ...f, plie: id(f.plie), piecesJustificatives: pieces }, 'plie = :ancien', f.plie);
    }
    const ids = meta.plies.map(id);
    const referencesPlies = ids.flatMap((i) => plies.filter((p) => p.id === i).map((p) => ({ id: p.id, nom: p.nom, siteWeb: p.siteWeb })));
    await ecrire({ ...meta, plies: ids, referencesPlies }, 'version = :ancien', meta.version);
    migres += 1;
  }
  return migres;
}

/** One item rewritten if nobody changed it meanwhile (a concurrent writer wins; the next start migrates again). */
async function ecrire(item: Record<string, unknown>, condition: string, ancien: unknown): Promise<void> {
  try {
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: condition, ExpressionAttributeValues: { ':ancien': ancien } }));
  } catch (e) {
    if (!conditionEchouee(e)) throw e;
  }
}
