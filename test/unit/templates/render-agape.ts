import { writeFileSync } from 'node:fs';
import { renderAapDocument } from '#templates/aap-document';
import { aapAgape, pliesAgape } from './aap-agape';

/** Renders the AGAPE 2021 AAP to a file for a visual check: `npx tsx test/unit/templates/render-agape.ts /tmp/aap.pdf`. */
const aap = aapAgape();
const options = { genereLe: new Date('2024-03-05T09:30:00Z'), plies: pliesAgape() };
const froid = performance.now();
await renderAapDocument(aap, options); // first run: JIT, font metrics
const debut = performance.now();
const bytes = await renderAapDocument(aap, options);
const duree = performance.now() - debut;
console.log(`premier rendu ${(debut - froid).toFixed(0)} ms`);
const chemin = process.argv[2] ?? '/tmp/aap.pdf';
writeFileSync(chemin, bytes);
console.log(`${chemin}: ${bytes.length} octets, rendu en ${duree.toFixed(0)} ms`);
