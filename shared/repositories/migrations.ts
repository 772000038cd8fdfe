/**
 * Stored items written before a change of shape, brought to the current one. Run by the runtime at start (the local
 * one on every start; on AWS, once after a deployment that changes a shape), idempotent: an item already in shape is
 * left alone.
 *
 * 2026-12 — AAPs named their PLIE by name (`plies`, `fiche.plie`) and listed the fiches' pièces as strings; they now
 * name PLIE by id (with `referencesPlies`) and give each pièce its stage. The pièces of that time were the fiches'
 * « pièces justificatives attendues pour justifier de la réalisation », hence `realisation`.
 *
 * 2026-12 — comités named their members, president, conflict declarations, votes and exclusions by e-mail; they now
 * name user ids (`sub`) and keep a seat (name, quality) per member. Organisation members recorded by e-mail are
 * claimed by their holder on read (organisation-repository), which needs no migration here.
 *
 * 2026-12 — drafts now have their own partition of gsi2 per AAP (AAPBROUILLON#<aapId>), for the reminders before
 * closing and the rectificatif e-mails; drafts stored before it get it.
 *
 * 2026-12 — deposited dossiers are indexed by OI and statut (gsi3) and counted per OI (`COMPTEURS#<oi>`); dossiers
 * stored before get their gsi3 keys, and the counters are computed once, from a Query of each AAP's gsi2 partition.
 *
 * 2026-12 — every filter of the OI's list is a key condition: gsi1 sorts an organisation's dossiers by AAP, statut and
 * fiche (it sorted them by creation), gsi2 puts the PLIE after the fiche, and deposited dossiers get gsi4 (by AAP and
 * PLIE). Dossiers stored before get those keys, from a Query of each AAP's deposited and draft partitions (gsi2).
 */
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Annuaire } from '../auth/annuaire';
import * as z from 'zod';
import { tableName } from '../config';
import { IdPlie } from '../schemas/aap';
import type { Plie } from '../schemas/plie';
import { dynamo } from './clients';
import { conditionEchouee } from './dynamo-utils';
import { cleCompteurs, clesListe, clesStatut, sansCles } from './dossier-repository';
import { Dossier } from '../schemas/dossier';
import { toutesLesPages } from './pagination';
import { plieRepository } from './plie-repository';
import { aapRepository } from './aap-repository';

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

const ComiteAncien = z.object({ pk: z.string(), sk: z.literal('META'), membres: z.array(z.string()), president: z.string(), version: z.number(), date: z.string(), id: z.string(), decisions: z.array(z.object({ exclus: z.array(z.string()) }).passthrough()).default([]) }).passthrough();
const ParMembre = z.object({ pk: z.string(), sk: z.string(), membre: z.string() }).passthrough();

/** Rewrites the comités of `oi` whose members are e-mails: seats, index items, declarations, votes, exclusions. */
export async function migrerComitesParEmail(oi: string, annuaire: Annuaire): Promise<number> {
  // The OI's AAPs (gsi2), their comités (gsi1), each comité's partition: no Scan.
  const aaps = await toutesLesPages(
    { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `OI#${oi}#AAP` } },
    (i) => z.object({ id: z.string() }).passthrough().parse(i),
  );
  const items: Record<string, unknown>[] = [];
  for (const aap of aaps) {
    const comites = await toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `AAPCOM#${aap.id}` } },
      (i) => z.object({ pk: z.string() }).passthrough().parse(i),
    );
    for (const c of comites) {
      items.push(...(await toutesLesPages(
        { TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': c.pk } },
        (i) => i,
      )));
    }
  }
  let migres = 0;
  for (const meta of items.flatMap((i) => { const r = ComiteAncien.safeParse(i); return r.success ? [r.data] : []; })) {
    if (!meta.membres.some((m) => m.includes('@'))) continue;
    const ids = new Map<string, string>();
    const sieges = [];
    for (const email of meta.membres) {
      const p = await annuaire.parEmail(email);
      if (!p) continue;
      ids.set(email, p.id);
      sieges.push({ id: p.id, email: p.email, nom: [p.prenom, p.nom].filter(Boolean).join(' ') || p.email, qualite: p.qualite ?? '' });
    }
    const id = (e: string) => ids.get(e) ?? e;
    const enfants = items.filter((i) => i.pk === meta.pk && i.sk !== 'META');
    for (const enfant of enfants) {
      const sk = String(enfant.sk);
      if (sk.startsWith('MEMBRE#') && sk.includes('@')) {
        const sub = id(sk.slice('MEMBRE#'.length));
        await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...enfant, sk: `MEMBRE#${sub}`, gsi1pk: `MEMBRECOM#${sub}` } }));
        await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: meta.pk, sk } }));
      } else if ((sk.startsWith('COI#') || sk.startsWith('VOTE#')) && sk.includes('@')) {
        const e = ParMembre.parse(enfant);
        const sub = id(e.membre);
        await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...e, membre: sub, sk: sk.slice(0, sk.length - e.membre.length) + sub } }));
        await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: meta.pk, sk } }));
      }
    }
    // The comité last: until it is rewritten, the next start finds it and finishes the work.
    await ecrire(
      { ...meta, membres: meta.membres.map(id), president: id(meta.president), sieges, decisions: meta.decisions.map((d) => ({ ...d, exclus: d.exclus.map(id) })) },
      'version = :ancien',
      meta.version,
    );
    migres += 1;
  }
  return migres;
}

/** Gives drafts stored before the AAPBROUILLON# partition their gsi2 keys; returns how many were indexed. */
// The one Scan of the product, and a one-off: drafts written before this index sit in no index that could be queried.
export async function indexerBrouillons(): Promise<number> {
  let indexes = 0;
  let debut: Record<string, unknown> | undefined;
  do {
    const r = await dynamo().send(new ScanCommand({
      TableName: tableName(), FilterExpression: 'entite = :d AND #s = :b AND attribute_not_exists(gsi2pk)',
      ExpressionAttributeNames: { '#s': 'statut' }, ExpressionAttributeValues: { ':d': 'DOSSIER', ':b': 'brouillon' },
      ...(debut ? { ExclusiveStartKey: debut } : {}),
    }));
    for (const i of r.Items ?? []) {
      const d = z.object({ pk: z.string(), sk: z.string(), aapId: z.string(), id: z.string(), creeLe: z.string(), version: z.number() }).passthrough().parse(i);
      try {
        await dynamo().send(new UpdateCommand({
          TableName: tableName(), Key: { pk: d.pk, sk: d.sk },
          UpdateExpression: 'SET gsi2pk = :p, gsi2sk = :s', ConditionExpression: 'version = :v AND #s = :b',
          ExpressionAttributeNames: { '#s': 'statut' },
          ExpressionAttributeValues: { ':p': `AAPBROUILLON#${d.aapId}`, ':s': `${d.creeLe}#${d.id}`, ':v': d.version, ':b': 'brouillon' },
        }));
        indexes++;
      } catch (e) {
        if (!conditionEchouee(e)) throw e;
      }
    }
    debut = r.LastEvaluatedKey;
  } while (debut);
  return indexes;
}

const DossierIndexe = z.object({
  pk: z.string(), sk: z.string(), id: z.string(), oi: z.string(), aapId: z.string(), ficheCode: z.string(), statut: z.string(), version: z.number(),
  depot: z.object({ deposeLe: z.string() }).passthrough(), gsi3pk: z.string().optional(),
}).passthrough();

/**
 * Gives the OI's deposited dossiers stored before gsi3 their keys, and computes the OI's counters when they were
 * never computed (`initialise` absent); returns how many dossiers were indexed. Query-based: the OI's AAPs (gsi2), then
 * each AAP's deposited dossiers (gsi2).
 */
export async function indexerDossiersParStatut(oi: string): Promise<number> {
  const aaps = await toutesLesPages(
    { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `OI#${oi}#AAP` } },
    (i) => z.object({ pk: z.string() }).passthrough().parse(i),
  );
  const compteurs = new Map<string, number>();
  let indexes = 0;
  for (const aap of aaps) {
    const dossiers = await toutesLesPages(
      { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `AAPDOS#${aap.pk.slice('AAP#'.length)}` } },
      (i) => DossierIndexe.parse(i),
    );
    for (const d of dossiers) {
      compteurs.set(d.statut, (compteurs.get(d.statut) ?? 0) + 1);
      if (d.gsi3pk) continue;
      const cles = clesStatut({ ...d, statut: d.statut as never }, d.depot.deposeLe);
      try {
        await dynamo().send(new UpdateCommand({
          TableName: tableName(), Key: { pk: d.pk, sk: d.sk },
          UpdateExpression: 'SET gsi3pk = :p, gsi3sk = :s', ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':p': cles.gsi3pk, ':s': cles.gsi3sk, ':v': d.version },
        }));
        indexes++;
      } catch (e) {
        if (!conditionEchouee(e)) throw e;
      }
    }
  }
  try {
    await dynamo().send(new PutCommand({
      TableName: tableName(), Item: { ...cleCompteurs(oi), entite: 'COMPTEURS', initialise: true, ...Object.fromEntries(compteurs) },
      ConditionExpression: 'attribute_not_exists(initialise)',
    }));
  } catch (e) {
    if (!conditionEchouee(e)) throw e;
  }
  return indexes;
}

const CLES_LISTE = ['gsi1sk', 'gsi2sk', 'gsi4pk', 'gsi4sk'] as const;

/**
 * Gives the OI's dossiers (deposited and drafts) stored before the list's keys (gsi1 by AAP, statut and fiche; gsi2
 * with the PLIE; gsi4) those keys, each conditioned on the version read; returns how many were rewritten. Query-based:
 * the OI's AAPs (gsi2), then each AAP's deposited and draft partitions (gsi2). Run after gsi3's migration: it leaves
 * the gsi3 keys to it.
 */
export async function indexerDossiersParFiltres(oi: string): Promise<number> {
  const aaps = await toutesLesPages(
    { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `OI#${oi}#AAP` } },
    (i) => z.object({ pk: z.string() }).passthrough().parse(i),
  );
  let indexes = 0;
  for (const aap of aaps) {
    const aapId = aap.pk.slice('AAP#'.length);
    for (const partition of [`AAPDOS#${aapId}`, `AAPBROUILLON#${aapId}`]) {
      const items = await toutesLesPages(
        { TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': partition } },
        (i) => i,
      );
      for (const i of items) {
        const d = Dossier.safeParse(sansCles(i));
        // An item this version cannot read is left as it is (and stays out of the filtered lists, as before).
        if (!d.success) continue;
        const cles: Record<string, unknown> = clesListe(d.data);
        const manquantes = CLES_LISTE.filter((k) => cles[k] !== undefined && i[k] !== cles[k]);
        if (manquantes.length === 0) continue;
        try {
          await dynamo().send(new UpdateCommand({
            TableName: tableName(), Key: { pk: i.pk, sk: i.sk },
            UpdateExpression: `SET ${manquantes.map((k) => `${k} = :${k}`).join(', ')}`, ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ...Object.fromEntries(manquantes.map((k) => [`:${k}`, cles[k]])), ':v': d.data.version },
          }));
          indexes++;
        } catch (e) {
          if (!conditionEchouee(e)) throw e;
        }
      }
    }
  }
  return indexes;
}

/**
 * The OIs whose items a migration may concern: those with a PLIE, and those with a published AAP (dossiers and comités
 * exist only under published AAPs; an OI's drafts of AAPs carry nothing the migrations rewrite but PLIE names, which
 * need the OI's PLIE).
 */
export async function oisAMigrer(): Promise<string[]> {
  const ois = new Set((await plieRepository.lister()).map((p) => p.oi));
  let cursor: string | undefined;
  do {
    const page = await aapRepository.lister({ perimetre: { type: 'publics' }, maintenant: new Date(), limit: 100, ...(cursor ? { cursor } : {}) });
    for (const a of page.items) ois.add(a.organismeIntermediaire.sigle);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return [...ois].sort();
}

/** Where a migration that ran to its end over the whole table is recorded: it never runs again on that table. */
const cleMigration = (nom: string) => ({ pk: 'MIGRATIONS', sk: nom });

/**
 * Every migration above, in order, for each OI (by default every OI `oisAMigrer` finds): what runs after each
 * deployment (functions/systeme/migrer.ts, a CDK trigger) and at each local start. Each migration that has run to its
 * end is recorded (`MIGRATIONS`/<name>) and skipped afterwards: data written since is in the current shape, so a
 * deployment pays one GetItem per migration, not a pass over the table (`indexerBrouillons` is a Scan). Returns how
 * many items each one changed, per OI; a migration skipped is absent.
 */
export async function migrerTout(annuaire: Annuaire, ois?: readonly string[]): Promise<{ faites: string[]; brouillons?: number; parOi: Record<string, Record<string, number>> }> {
  const faites = new Set<string>();
  const parOi: Record<string, Record<string, number>> = {};
  const une = async <R>(nom: string, f: () => Promise<R>): Promise<R | undefined> => {
    if ((await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleMigration(nom), ConsistentRead: true }))).Item) return undefined;
    const r = await f();
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...cleMigration(nom), faiteLe: new Date().toISOString(), resultat: r } }));
    faites.add(nom);
    return r;
  };
  const brouillons = await une('indexer-brouillons', indexerBrouillons);
  const liste = ois ?? (await oisAMigrer());
  const parOiDe = (nom: string, f: (oi: string) => Promise<number>) =>
    une(nom, async () => {
      const r: Record<string, number> = {};
      for (const oi of liste) r[oi] = (parOi[oi] ??= {})[nom] = await f(oi);
      return r;
    });
  await parOiDe('plies-par-nom', async (oi) => migrerPliesParNom(oi, await plieRepository.listerPourOi(oi)));
  await parOiDe('dossiers-par-statut', indexerDossiersParStatut);
  await parOiDe('dossiers-par-filtres', indexerDossiersParFiltres);
  await parOiDe('comites-par-email', (oi) => migrerComitesParEmail(oi, annuaire));
  return { faites: [...faites], ...(brouillons === undefined ? {} : { brouillons }), parOi };
}
