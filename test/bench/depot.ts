import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { piecesObligatoires, type ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { siretDepuis } from '#shared/domain/organisation/siret';
import { dynamo } from '#shared/repositories/clients';
import { accuse } from '#shared/domain/dossier/use-cases';
import { contexteDossier } from '#shared/http/contexte';
import { renderAccuseDepot } from '#templates/accuse-depot';
import { comparaison, mesurer, stats } from './stats';

export const PORTEUR = 'porteur@guichet.test';

/** n complete, balanced drafts (fiche GP2, no cofinancing rule) ready to deposit, one per fresh organisation. */
export async function brouillons(api: ClientApi, aapId: string, n: number, decalage = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const siret = siretDepuis(`9${String(i + decalage).padStart(12, '0')}`);
    const org = await api.appel<{ id: string }>(PORTEUR, 'POST', '/organisations', { siret, raisonSociale: `Banc ${i}`, statutJuridique: 'association', adresse: { ligne1: '1 rue', codePostal: '47000', commune: 'Agen' } });
    const d = await api.appel<{ id: string; contenu: { indicateurs: Array<{ valeurPrevue: number | null }> } }>(PORTEUR, 'POST', '/dossiers', { aapId, ficheCode: 'GP2', organisationId: org.id });
    await piecesObligatoires(api, PORTEUR, d.id);
    await api.appel(PORTEUR, 'PUT', `/dossiers/${d.id}`, {
      ...d.contenu,
      description: { objectifs: 'o', publicVise: 'p', modalites: 'm', territoire: 't' },
      indicateurs: d.contenu.indicateurs.map((x) => ({ ...x, valeurPrevue: x.valeurPrevue ?? 1 })),
      planFinancement: {
        depenses: { personnel: [{ libelle: 'ETP', montantCentimes: 1_000_000 }], fonctionnement: [], prestations: [], participants: [] },
        indirects: { mode: 'forfait', option: 'FORFAIT_7_DIRECTS' },
        ressources: { fseCentimes: 535_000, cofinancements: [], autofinancementCentimes: 535_000, recettesCentimes: 0 },
      },
    }, { 'if-match': '1' });
    ids.push(d.id);
  }
  return ids;
}

export async function aapDemoId(g: Guichet): Promise<string> {
  const aaps = (await (await fetch(`${g.url}/api/aaps?statut=publie`)).json()) as { items: Array<{ id: string; reference: string }> };
  const aap = aaps.items.find((a) => a.reference === 'AAP-DEMO-FSEPLUS');
  if (!aap) throw new Error('AAP de démonstration absent');
  return aap.id;
}

/**
 * POST /dossiers/{id}/depot through the local API vs the DynamoDB calls it makes (Get idempotency, Get dossier,
 * Get membership, Query AAP with fiches, Query pièces, TransactWrite of 3 items), on distinct fresh drafts; receipt
 * render time.
 */
export async function benchDepot(g: Guichet, api: ClientApi, n: number) {
  const aap = { id: await aapDemoId(g) };
  const echauffement = 10;
  const ids = await brouillons(api, aap.id, 2 * n + 2 * echauffement);
  const viaApi = ids.slice(0, n + echauffement);
  const pourBrut = ids.slice(n + echauffement);
  const viaLApi = await mesurer(n, (i) => api.appel(PORTEUR, 'POST', `/dossiers/${viaApi[i < 0 ? -1 - i : echauffement + i]}/depot`, undefined, { 'idempotency-key': `bench-${i}-${Date.now()}` }), echauffement);

  const t = g.tableName;
  const brut = await mesurer(n, async (i) => {
    const id = pourBrut[i < 0 ? -1 - i : echauffement + i]!;
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `IDEMP#brut-${id}`, sk: 'IDEMP' }, ConsistentRead: true }));
    const d = (await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `DOSSIER#${id}`, sk: 'META' }, ConsistentRead: true }))).Item!;
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `ORG#${d.organisationId}`, sk: `MEMBRE#${PORTEUR}` } }));
    await dynamo().send(new QueryCommand({ TableName: t, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':pk': `AAP#${d.aapId}`, ':a': 'FICHE#', ':b': 'META' } }));
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `ORG#${d.organisationId}`, sk: 'META' } }));
    await dynamo().send(new QueryCommand({ TableName: t, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DOSSIER#${id}`, ':p': 'PIECE#' }, ConsistentRead: true }));
    await dynamo().send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: t, Item: { ...d, statut: 'depose', version: d.version + 1 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': d.version } } },
        { Put: { TableName: t, Item: { pk: `DOSSIER#${id}`, sk: `EVT#brut`, type: 'depot' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: t, Item: { pk: `IDEMP#brut-${id}`, sk: 'IDEMP', resultat: d }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
  }, echauffement);

  const ctx = contexteDossier({ maintenant: new Date(), nouvelId: () => 'x' });
  const donnees = await accuse(ctx, { userId: 'demo-porteur', email: PORTEUR, roles: ['porteur'], oi: null, prenom: null, nom: null }, viaApi[0]!);
  const rendu = stats(await mesurer(50, () => renderAccuseDepot(donnees), 5));
  return { depot: { iterations: n, ...comparaison(stats(viaLApi), stats(brut)) }, accuseDepot: rendu };
}
