/**
 * `data/consolidation-plie-2006.json` against its source, seed 000 (kept as data/sources/consolidation-plie-2006.txt):
 * every count, euro amount and printed rate stands on the line it cites, as the seed prints it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InstantanePlie } from '#shared/schemas/consolidation';

const lignes = readFileSync(new URL('../../../data/sources/consolidation-plie-2006.txt', import.meta.url), 'utf8').split('\n');
const ligne = (cite: string) => lignes[Number(/^l\.(\d+)/.exec(cite)![1]) - 1]!;
const donnees = InstantanePlie.parse(JSON.parse(readFileSync(new URL('../../../data/consolidation-plie-2006.json', import.meta.url), 'utf8')));
/** A figure as the seed prints it: thousands separated by a space, a decimal comma. */
const imprime = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n).replace(/[\u202f\u00a0]/g, ' ');

describe('data/consolidation-plie-2006.json', () => {
  it('takes Tableau 1’s ten columns from l.985, in order', () => {
    const f = donnees.flux!;
    expect(ligne(f.ligne!)).toContain([f.entrees, f.enParcoursDurant, f.enParcoursFin, f.sortiesPositives, f.dontEmploi, f.sansSuite, f.dontAbandons, f.dontDemenagements, f.dontAutres].join(' '));
  });

  it('takes each financing line of Tableau 3 (total, directs, indirects) from the line it cites', () => {
    for (const l of donnees.financements!.lignes) {
      const attendu = l.indirects ? `${imprime(l.total)} ${imprime(l.directs)} ${imprime(l.indirects)}` : `${imprime(l.total)} ${imprime(l.directs)}`;
      expect(ligne(l.ligne!), l.financeur).toContain(attendu);
    }
    const s = donnees.financements!.sousTotalImprime!;
    expect(ligne(s.ligne!)).toContain(`${imprime(s.total)} ${imprime(s.directs)} ${imprime(s.indirects)}`);
    expect(lignes.slice(1506, 1520).join(' ')).toContain(imprime(donnees.financements!.fseDemande));
  });

  it('takes every printed rate, and Tableau 2ter’s printed total, from the line it cites', () => {
    for (const t of donnees.tauxImprimes) expect(ligne(t.ligne!), t.code).toMatch(new RegExp(`${imprime(t.valeur).replace(/ /g, " ?")}\\s?(%|ú)`));
    const r = donnees.repartitions[0]!;
    expect(lignes[1418]).toContain(`Total ${imprime(r.totalImprime)}`);
    for (const l of r.lignes) expect(lignes.slice(1406, 1419).join('\n')).toContain(`${l.libelle} ${imprime(l.valeur)}`);
  });
});
