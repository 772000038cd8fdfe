import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument } from 'pdf-lib';
import type { Guichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { Aap } from '#shared/schemas/aap';
import { plieRepository } from '#shared/repositories/plie-repository';
import { renderAapDocument } from '#templates/aap-document';
import { comparaison, mesurer, stats } from './stats';

/** GET /aaps/{id} through the local API vs the one Query it makes; the AGAPE document's render time. */
export async function benchAap(g: Guichet, n: number) {
  const liste = (await (await fetch(`${g.url}/api/aaps?statut=clos`)).json()) as { items: Array<{ id: string; reference: string }> };
  const agape = liste.items.find((a) => a.reference === 'AAP-AGAPE-2021');
  if (!agape) throw new Error('AAP AGAPE absent des données de démonstration');
  const api = await mesurer(n, async () => {
    const r = await fetch(`${g.url}/api/aaps/${agape.id}`);
    if (r.status !== 200) throw new Error(`GET /aaps/{id} → ${r.status}`);
    await r.arrayBuffer();
  });
  const brut = await mesurer(n, () =>
    dynamo().send(
      new QueryCommand({
        TableName: g.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': `AAP#${agape.id}`, ':a': 'FICHE#', ':b': 'META' },
      }),
    ),
  );
  const aap = Aap.parse(await (await fetch(`${g.url}/api/aaps/${agape.id}`)).json());
  const plies = (await plieRepository.listerPourOi(aap.organismeIntermediaire.sigle)).filter((p) => aap.plies.includes(p.id));
  const options = { genereLe: new Date(aap.modifieLe), plies };
  const rendu = stats(await mesurer(30, () => renderAapDocument(aap, options), 3));
  const octets = await renderAapDocument(aap, options);
  return {
    getAap: { iterations: n, ...comparaison(stats(api), stats(brut)) },
    documentAgape: { ...rendu, pages: (await PDFDocument.load(octets)).getPageCount(), octets: octets.length },
  };
}
