/**
 * `data/consolidation-plie-2006.json` against its source, seed 000 (kept as data/sources/consolidation-plie-2006.txt):
 * every count, euro amount and printed rate stands on the line it cites, as the seed prints it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InstantanePlie } from '#shared/schemas/consolidation';
import type { TotalHF } from '#shared/schemas/consolidation-tableaux';

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

  it('takes every printed rate from the line it cites', () => {
    for (const t of donnees.tauxImprimes) expect(ligne(t.ligne!), t.code).toMatch(new RegExp(`${imprime(t.valeur).replace(/ /g, " ?")}\\s?(%|ú| actions)`));
  });

  it('takes Tableau 2’s stock and cumul (total, hommes, femmes) from the line each row cites, and its 96 PLIE from l.1336', () => {
    const t = donnees.parcours!;
    expect(lignes[1335]).toContain(`${t.plieRepondants} PLIE`);
    const six = (x: { stock: TotalHF; cumul: TotalHF }) => [x.stock.total, x.stock.hommes, x.stock.femmes, x.cumul.total, x.cumul.hommes, x.cumul.femmes].join(' ');
    expect(lignes[1220]).toContain(`TOTAL ${six(t.total)}`);
    for (const l of t.lignes) expect(ligne(l.ligne!), l.etape).toContain(six(l));
  });

  it('takes Tableau 2bis (count and mean months, total, hommes, femmes) from the line each row cites, and its 110 PLIE from l.1343', () => {
    expect(lignes[1342]).toContain(`${donnees.dureesParcours!.plieRepondants} PLIE`);
    for (const l of donnees.dureesParcours!.lignes) {
      expect(ligne(l.ligne!), `${l.sortie} ${l.public}`).toContain([l.nombre.total, l.nombre.hommes!, l.nombre.femmes!].map(imprime).concat([l.dureeMoyenne.total, l.dureeMoyenne.hommes!, l.dureeMoyenne.femmes!].map(String)).join(' '));
    }
  });

  it('takes both blocks of Tableau 2ter (structure, count, % of men, % of women) and their printed totals from the lines they cite', () => {
    const nom = { aci: 'ACI', ei: 'EI', etti: 'ETTI', ai: 'AI', rq: 'Régie de Quartier', geiq: 'GEIQ' } as const;
    for (const b of [donnees.beneficiairesSiae!.tous, donnees.beneficiairesSiae!.financesParLePlie!]) {
      const [de, a] = b.ligne!.slice(2).split('–').map(Number) as [number, number];
      const texte = lignes.slice(de - 1, a).join('\n');
      expect(texte).toContain(`Total ${imprime(b.totalImprime)} 100,00% 100,00%`);
      for (const l of b.lignes) expect(texte, l.structure).toContain(`${nom[l.structure]} ${imprime(l.total)} ${imprime(l.partHommes!)}% ${imprime(l.partFemmes!)}%`.replace(/(\d),(\d)%/g, (_, x, y) => `${x},${y}${y.length === 1 ? '0' : ''}%`));
    }
  });

  it('takes Tableau 3ter (shares of each function, €) from the line each row cites', () => {
    const t = donnees.financementsSiae!;
    for (const l of [...t.lignes, { ...t.totalImprime!, parts: t.totalImprime!.parts! }]) {
      expect(ligne(l.ligne!)).toContain(`${l.parts.demarrage}% ${l.parts.encadrement}% ${l.parts.accompagnement}% ${l.parts.formation}% ${imprime(l.montant)}`);
    }
  });

  it('takes every share of Tableau 4 from the lines its distribution cites, and its 95 PLIE from l.1892', () => {
    expect(lignes[1891]).toContain(`${donnees.sortiesEmploi!.plieRepondants} PLIE`);
    for (const d of ['secteur', 'employeur', 'taille', 'contrat', 'dispositif'] as const) {
      const x = donnees.sortiesEmploi![d]!;
      const [de, a] = x.ligne!.slice(2).split('–').map(Number) as [number, number];
      const texte = lignes.slice(de - 1, a).join('\n');
      for (const p of x.parts) expect(texte, `${d} ${p.poste}`).toContain(`${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2 }).format(p.part)}%`);
    }
  });

  it('takes Tableau 5’s counts and euros from the line each cites, and its 125 PLIE from l.1959', () => {
    const t = donnees.autresDonnees!;
    expect(lignes[1958]).toContain(`${t.plieRepondants} PLIE`);
    const o = t.operations!;
    for (const x of [o.total, ...o.parType, t.operateurs!.avecFinancement!]) expect(ligne(x.ligne!)).toContain(`${imprime(x.nombre)} ${imprime(x.montant!)}`);
    expect(ligne(t.entreprisesPartenaires!.ligne!)).toContain(imprime(t.entreprisesPartenaires!.nombre));
    const sag = lignes.slice(1900, 1920).join(' ').replace(/\s+/g, ' ');
    expect(sag).toContain(`${t.sag!.salaries} ${t.sag!.etp} Masse salariale ${imprime(t.sag!.masseSalariale!)}`);
    expect(sag).toContain(`fonctionnement) ${imprime(t.sag!.coutTotal!)} Nb d'heures : ${imprime(t.ingenierie!.heures)} Budget (en euros) ${imprime(t.ingenierie!.budget!)}`);
  });
});
