import { PDFDocument } from 'pdf-lib';
import type { Guichet } from '#local/server';
import { Aap } from '#shared/schemas/aap';
import { plieRepository } from '#shared/repositories/plie-repository';
import { renderAapDocument } from '#templates/aap-document';
import { mesurer, stats } from './stats';

/** The AGAPE document's render time (a first request; served again from the cache, see ./requetes.ts). */
export async function benchAap(g: Guichet) {
  const liste = (await (await fetch(`${g.url}/api/aaps?statut=clos`)).json()) as { items: Array<{ id: string; reference: string }> };
  const agape = liste.items.find((a) => a.reference === 'AAP-AGAPE-2021');
  if (!agape) throw new Error('AAP AGAPE absent des données de démonstration');
  const aap = Aap.parse(await (await fetch(`${g.url}/api/aaps/${agape.id}`)).json());
  const plies = (await plieRepository.listerPourOi(aap.organismeIntermediaire.sigle)).filter((p) => aap.plies.includes(p.id));
  const options = { genereLe: new Date(aap.modifieLe), plies };
  const rendu = stats(await mesurer(30, () => renderAapDocument(aap, options), 3));
  const octets = await renderAapDocument(aap, options);
  return {
    documentAgape: { ...rendu, pages: (await PDFDocument.load(octets)).getPageCount(), octets: octets.length },
  };
}
