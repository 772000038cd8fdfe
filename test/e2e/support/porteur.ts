import { createHash, randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { siretDepuis } from '#shared/domain/organisation/siret';
import { seConnecter } from './session';

/** A fresh address: the development identity provider makes any unknown address a porteur. */
export const emailNeuf = () => `nouveau-${randomBytes(5).toString('hex')}@exemple.fr`;

/** A Luhn-valid SIRET, random enough for one test run. */
export const siretAleatoire = (): string => siretDepuis(`${Date.now()}`.slice(-9) + String(Math.floor(Math.random() * 10_000)).padStart(4, '0'));

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A real PDF with `texte` on `pages` pages; fixed dates so the same input always gives the same bytes. */
export async function pdfValide(texte: string, pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const police = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 0; n < pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${texte} — page ${n + 1}`, { x: 50, y: 780, size: 14, font: police });
    // Filler lines make a multi-page file big enough for a visible upload progress.
    for (let l = 0; l < (pages > 1 ? 60 : 0); l++) page.drawText(`Ligne ${l} ${'x'.repeat(60)}`, { x: 50, y: 760 - l * 12, size: 8, font: police });
  }
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Signs in through the identity provider's page (« Autre adresse électronique » for a new address). */
export const seConnecterAvec = (page: Page, email: string): Promise<void> => seConnecter(page, email);

/** The id of the open demo AAP of the seed. */
export async function idAapDemo(page: Page): Promise<string> {
  const r = await page.request.get('/api/aaps?statut=publie&limit=100');
  const corps = (await r.json()) as { items: { id: string; reference: string }[] };
  const aap = corps.items.find((a) => a.reference === 'AAP-DEMO-FSEPLUS');
  if (!aap) throw new Error('AAP de démonstration absent');
  return aap.id;
}
