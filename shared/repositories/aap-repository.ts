/**
 * AAP aggregate on the single table.
 *
 * | item        | pk                    | sk               | gsi1pk / gsi1sk                     | gsi2pk / gsi2sk                   |
 * |-------------|-----------------------|------------------|-------------------------------------|-----------------------------------|
 * | AAP         | AAP#<id>              | META             | AAP#<brouillon|publie> / <clotureLe>#<id> | OI#<sigle>#AAP / <clotureLe>#<id> |
 * | fiche       | AAP#<id>              | FICHE#<code>     |                                     |                                   |
 * | rectificatif| AAP#<id>              | RECTIF#<version> |                                     |                                   |
 * | référence   | AAPREF#<reference>    | AAPREF           |                                     |                                   |
 *
 * Access patterns: read one AAP with its fiches (one Query, META and FICHE# only), or what a dossier request needs of
 * it (the header's attributes it names, projected, and its fiche: one GetItem or BatchGetItem); the public catalogue (gsi1,
 * published, by closing instant, a range on it separating open from closed); an OI's portfolio (gsi2); the
 * rectificatifs of an AAP (Query RECTIF#); the id of a référence (Get). Every write of an AAP is conditioned on the
 * version it read; creation writes the référence's uniqueness item in the same transaction.
 */
import { BatchGetCommand, GetCommand, TransactWriteCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import { Aap, EnteteAap, FicheOperation, Rectificatif } from '../schemas/aap';
import { normaliser } from '../domain/aap/aap';
import { cleFicheAap, type AapStore, type ChampEntete, type DemandeReferentiel, type Referentiel, type RequeteListe } from '../domain/aap/use-cases';
import { Conflit, RegleMetier, TropVolumineux } from '../domain/errors';
import { dynamo } from './clients';
import { transactionCancellation } from './dynamo-utils';
import { pageFiltree, toutesLesPages } from './pagination';

const cleAap = (id: string) => ({ pk: `AAP#${id}`, sk: 'META' });
const cleFiche = (id: string, code: string) => ({ pk: `AAP#${id}`, sk: `FICHE#${code}` });
const cleReference = (reference: string) => ({ pk: `AAPREF#${reference.toUpperCase()}`, sk: 'AAPREF' });
const cleRectificatif = (id: string, version: number) => ({
  pk: `AAP#${id}`,
  sk: `RECTIF#${String(version).padStart(6, '0')}`,
});
const INDEX_PUBLIC = { index: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' } as const;
const INDEX_OI = { index: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' } as const;
const TECHNIQUES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'type', 'recherche', 'codesOs', 'rechercheOs', 'ordre'];

function sansCles(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !TECHNIQUES.includes(k)));
}

function itemAap(aap: Aap): Record<string, unknown> {
  const { fiches, ...entete } = aap;
  const tri = `${aap.clotureLe}#${aap.id}`;
  return {
    ...cleAap(aap.id),
    type: 'AAP',
    gsi1pk: `AAP#${aap.statut === 'brouillon' ? 'brouillon' : 'publie'}`,
    gsi1sk: tri,
    gsi2pk: `OI#${aap.organismeIntermediaire.sigle}#AAP`,
    gsi2sk: tri,
    recherche: normaliser(`${aap.titre} ${aap.reference}`),
    codesOs: aap.programme.objectifsSpecifiques.map((o) => o.code),
    // Codes and labels of the objectifs spécifiques, folded: the catalogue's filter is a case/accent-insensitive contains.
    rechercheOs: normaliser(aap.programme.objectifsSpecifiques.map((o) => `${o.code} ${o.libelle}`).join(' | ')),
    ...entete,
    nombreFiches: fiches.length,
  };
}

const itemFiche = (id: string, fiche: FicheOperation, ordre: number) => ({
  ...cleFiche(id, fiche.code),
  type: 'FICHE',
  ordre,
  ...fiche,
});

const FicheStockee = z.object({ ordre: z.number().int() });

/** The header's schema restricted to the attributes projected (one per set of attributes, built once). */
const schemasEntete = new Map<string, z.ZodType>();
function schemaEntete(champs: readonly ChampEntete[]): z.ZodType {
  const cle = [...champs].sort().join(',');
  let s = schemasEntete.get(cle);
  if (!s) {
    s = Aap.pick(Object.fromEntries(champs.map((c) => [c, true])) as { [k in ChampEntete]?: true });
    schemasEntete.set(cle, s);
  }
  return s;
}

/** Items by key, 100 keys per BatchGet (unprocessed keys retried), a single key by GetItem; absent ones skipped. */
async function lireCles(cles: Array<{ pk: string; sk: string }>, projection: { expression: string; noms: Record<string, string> } | null) {
  const t = tableName();
  const lecture = projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.noms } : {};
  if (cles.length === 1) {
    const r = await dynamo().send(new GetCommand({ TableName: t, Key: cles[0], ...lecture }));
    return r.Item ? [r.Item] : [];
  }
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < cles.length; i += 100) {
    let lot: Record<string, unknown>[] | undefined = cles.slice(i, i + 100);
    for (let essai = 0; lot?.length && essai < 8; essai++) {
      if (essai > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** essai));
      const r: BatchGetCommandOutput = await dynamo().send(new BatchGetCommand({ RequestItems: { [t]: { Keys: lot, ...lecture } } }));
      out.push(...(r.Responses?.[t] ?? []));
      lot = r.UnprocessedKeys?.[t]?.Keys;
    }
  }
  return out;
}

/**
 * Headers projected to `champs` (plus the keys, to tell items apart) and whole fiches, read in the same call(s): a
 * FICHE item holds the fiche as the last write of the AAP (rectificatif included) left it.
 */
async function lireReferentiel<K extends ChampEntete>(d: DemandeReferentiel<K>): Promise<Referentiel<K>> {
  const entetes = new Map<string, Pick<Aap, K>>();
  const fiches = new Map<string, FicheOperation>();
  const ids = [...new Set(d.entetes)];
  const codes = [...new Map(d.fiches.map((f) => [cleFicheAap(f.aapId, f.code), f])).values()];
  const cles = [...(d.champs.length ? ids.map(cleAap) : []), ...codes.map((f) => cleFiche(f.aapId, f.code))];
  if (cles.length === 0) return { entetes, fiches };
  const attributs = [...new Set(['pk', 'sk', ...d.champs, ...(codes.length ? Object.keys(FicheOperation.shape) : [])])];
  // A projection only when headers are read: a fiche is read whole, and a projection applies to every key of a batch.
  const projection = d.champs.length && ids.length
    ? { expression: attributs.map((_, i) => `#a${i}`).join(', '), noms: Object.fromEntries(attributs.map((a, i) => [`#a${i}`, a])) }
    : null;
  const schema = schemaEntete(d.champs);
  for (const i of await lireCles(cles, projection)) {
    const id = String(i.pk).slice('AAP#'.length);
    // The batch's projection names the fiche's attributes too: a header keeps only the attributes asked.
    if (i.sk === 'META') entetes.set(id, schema.parse(Object.fromEntries(d.champs.flatMap((c) => (c in i ? [[c, i[c]]] : [])))) as Pick<Aap, K>);
    else fiches.set(cleFicheAap(id, String(i.sk).slice('FICHE#'.length)), FicheOperation.parse(sansCles(i)));
  }
  return { entetes, fiches };
}

function lireItems(id: string): Promise<Record<string, unknown>[]> {
  return toutesLesPages(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': `AAP#${id}`, ':a': 'FICHE#', ':b': 'META' },
    },
    (i) => i,
  );
}

/**
 * DynamoDB refuses an item over 400 KB with a ValidationException: a body the schemas accept (long texts, many
 * sections, a rectificatif holding both versions of every changed text) is measured first and refused in French.
 */
const TAILLE_MAX_ITEM = 380 * 1024;
function exigerTaille(actions: ReadonlyArray<{ Put?: { Item?: Record<string, unknown> } }>): void {
  for (const a of actions) {
    const item = a.Put?.Item;
    if (!item || Buffer.byteLength(JSON.stringify(item), 'utf8') <= TAILLE_MAX_ITEM) continue;
    const quoi = item.sk === 'META' ? 'L’en-tête de l’appel à projets (sections, annexes)' : String(item.sk).startsWith('FICHE#')
      ? `La fiche ${String(item.sk).slice(6)}` : 'Le rectificatif (avant et après de chaque texte modifié)';
    throw new TropVolumineux(`${quoi} dépasse ${TAILLE_MAX_ITEM / 1024} Ko une fois enregistré : raccourcissez les textes, ou procédez en plusieurs fois.`);
  }
}

function conflitVersion(): Conflit {
  return new Conflit(
    'VERSION_PERIMEE',
    'Cet appel à projets a été modifié entre-temps par quelqu’un d’autre. Rechargez-le avant de modifier.',
  );
}

export const aapRepository: AapStore = {
  async lire(id) {
    const items = await lireItems(id);
    const meta = items.find((i) => i.sk === 'META');
    if (!meta) return null;
    const fiches = items
      .filter((i) => String(i.sk).startsWith('FICHE#'))
      .map((i) => ({ ordre: FicheStockee.parse(i).ordre, fiche: FicheOperation.parse(sansCles(i)) }))
      .sort((a, b) => a.ordre - b.ordre)
      .map((f) => f.fiche);
    const { nombreFiches: _n, ...entete } = EnteteAap.parse(sansCles(meta));
    return Aap.parse({ ...entete, fiches });
  },

  referentiel: lireReferentiel,

  async idParReference(reference) {
    const r = await dynamo().send(new GetCommand({ TableName: tableName(), Key: cleReference(reference) }));
    return r.Item ? z.object({ aapId: z.string() }).parse(r.Item).aapId : null;
  },

  async creer(aap) {
    const t = tableName();
    exigerTaille([{ Put: { Item: itemAap(aap) } }, ...aap.fiches.map((f, i) => ({ Put: { Item: itemFiche(aap.id, f, i) } }))]);
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: t, Item: itemAap(aap), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: t,
                Item: { ...cleReference(aap.reference), type: 'AAPREF', aapId: aap.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...aap.fiches.map((f, i) => ({ Put: { TableName: t, Item: itemFiche(aap.id, f, i) } })),
          ],
        }),
      );
    } catch (e) {
      if (transactionCancellation(e)) {
        throw new Conflit('REFERENCE_DEJA_UTILISEE', `La référence ${aap.reference} est déjà utilisée par un autre appel à projets.`, [
          { chemin: 'corps.reference', message: 'Cette référence est déjà utilisée : choisissez-en une autre.' },
        ]);
      }
      throw e;
    }
  },

  async remplacer(apres, avant, rectificatif) {
    const t = tableName();
    const actions: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Put: {
          TableName: t,
          Item: itemAap(apres),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': avant.version },
        },
      },
    ];
    const anciennes = new Map(avant.fiches.map((f, i) => [f.code, JSON.stringify(itemFiche(avant.id, f, i))]));
    apres.fiches.forEach((f, i) => {
      const item = itemFiche(apres.id, f, i);
      if (anciennes.get(f.code) !== JSON.stringify(item)) actions.push({ Put: { TableName: t, Item: item } });
    });
    const codes = new Set(apres.fiches.map((f) => f.code));
    for (const f of avant.fiches) {
      if (!codes.has(f.code)) actions.push({ Delete: { TableName: t, Key: cleFiche(avant.id, f.code) } });
    }
    if (apres.reference.toUpperCase() !== avant.reference.toUpperCase()) {
      actions.push(
        { Delete: { TableName: t, Key: cleReference(avant.reference) } },
        {
          Put: {
            TableName: t,
            Item: { ...cleReference(apres.reference), type: 'AAPREF', aapId: apres.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      );
    }
    if (rectificatif) {
      actions.push({
        Put: {
          TableName: t,
          Item: { ...cleRectificatif(apres.id, rectificatif.version), type: 'RECTIF', ...rectificatif },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    if (actions.length > 100) {
      throw new RegleMetier('MODIFICATION_TROP_LARGE', 'Trop de fiches modifiées d’un coup (100 au plus) : procédez en plusieurs fois.');
    }
    exigerTaille(actions);
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: actions }));
    } catch (e) {
      const raisons = transactionCancellation(e);
      if (!raisons) throw e;
      const refIndex = actions.length - (rectificatif ? 2 : 1);
      const refPrise = apres.reference !== avant.reference && raisons[refIndex] === 'ConditionalCheckFailed';
      if (refPrise) {
        throw new Conflit('REFERENCE_DEJA_UTILISEE', `La référence ${apres.reference} est déjà utilisée.`, [
          { chemin: 'corps.reference', message: 'Cette référence est déjà utilisée : choisissez-en une autre.' },
        ]);
      }
      throw conflitVersion();
    }
  },

  async lister(requete) {
    return listerEntetes(requete);
  },

  rectificatifs: (id) =>
    toutesLesPages(
      {
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': `AAP#${id}`, ':s': 'RECTIF#' },
      },
      (i) => Rectificatif.parse(sansCles(i)),
    ),
};

/** Query one index page after page until `limit` items pass the filters; never evaluates past what it returns. */
async function listerEntetes(q: RequeteListe): Promise<{ items: EnteteAap[]; cursor: string | null }> {
  const idx = q.perimetre.type === 'publics' ? INDEX_PUBLIC : INDEX_OI;
  const partition = q.perimetre.type === 'publics' ? 'AAP#publie' : `OI#${q.perimetre.oi}#AAP`;
  const names: Record<string, string> = { '#pk': idx.pk };
  const values: Record<string, unknown> = { ':pk': partition };
  let cle = '#pk = :pk';
  const filtres: string[] = [];
  if (q.statut === 'clos' || q.statut === 'publie') {
    values[':now'] = q.maintenant.toISOString();
    names['#sk'] = idx.sk;
    cle += q.statut === 'clos' ? ' AND #sk < :now' : ' AND #sk > :now';
    if (q.perimetre.type === 'oi') filtres.push('#statut = :publie');
  }
  if (q.statut === 'brouillon') filtres.push('#statut = :brouillon');
  if (filtres.some((f) => f.includes(':publie'))) values[':publie'] = 'publie';
  if (q.statut === 'brouillon') values[':brouillon'] = 'brouillon';
  if (filtres.length) names['#statut'] = 'statut';
  if (q.plie) (filtres.push('contains(plies, :plie)'), (values[':plie'] = q.plie));
  if (q.objectifSpecifique) {
    // AAPs written before rechercheOs existed still match on their exact code.
    filtres.push('(contains(rechercheOs, :osn) OR contains(codesOs, :os))');
    values[':osn'] = normaliser(q.objectifSpecifique.trim());
    values[':os'] = q.objectifSpecifique.trim();
  }
  if (q.texte) (filtres.push('contains(recherche, :q)'), (values[':q'] = q.texte));

  return pageFiltree({
    input: {
      TableName: tableName(),
      IndexName: idx.index,
      KeyConditionExpression: cle,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      ...(filtres.length ? { FilterExpression: filtres.join(' AND ') } : {}),
    },
    limit: q.limit,
    cursor: q.cursor,
    partition: { [idx.pk]: partition },
    cles: ['pk', 'sk', idx.pk, idx.sk],
    lire: (i) => EnteteAap.parse(sansCles(i)),
  });
}
