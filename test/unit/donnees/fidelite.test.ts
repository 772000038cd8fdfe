/**
 * AAP-AGAPE-2021 against its source (seed 002, `data/sources/aap-agape-2021.txt`): a table citing the seed's lines for
 * every fiche (code and title, OS, indicator targets, financing rule, pièces by stage, the four texts) and for the
 * AAP's sections and PLIE, asserted against `data/`. Word for word means: every paragraph and list item of our texts
 * stands in the cited lines, whitespace and line-end hyphenation aside.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fragments } from '#shared/domain/texte/texte-riche';
import { versionPublique } from '#shared/domain/aap/aap';
import { lireAgape, lirePliesAgape } from '#local/seed';
import { dansPlage, ligne, normaliser } from './seed';
import { aapPublie } from '../domain/support';

interface LignesFiche {
  titre: number;
  objectifsSpecifiques: number[];
  indicateurs: Array<[string, number | null, number]>;
  regleFinancement: number | null;
  pieces: [number, number];
  contexte: [number, number] | null;
  objectifs: [number, number] | null;
  modalitesMiseEnOeuvre: [number, number] | null;
  resultatsAttendus: [number, number] | null;
}
const TABLE = JSON.parse(
  readFileSync(join(resolve(import.meta.dirname, '..', '..'), 'fixtures', 'fidelite-agape-2021.json'), 'utf8'),
) as { fiches: Record<string, LignesFiche>; sections: Record<string, [number, number]> };

const aap = lireAgape();
const plies = lirePliesAgape().plies;
const CHAMPS = ['contexte', 'objectifs', 'modalitesMiseEnOeuvre', 'resultatsAttendus'] as const;
const sansEspace = (s: string) => s.replace(/\s+/g, '');
const EN_LETTRES = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
/** Whether a line writes the number n: « 40 000 », « 20.000 », « 1,5 », or « trois ». */
const ecrit = (texte: string, n: number): boolean => {
  const chiffres = texte.replace(/(\d)[\s.\u00a0\u202f](?=\d{3}\b)/g, '$1');
  return [String(n), String(n).replace('.', ',')].some((x) => new RegExp(`(^|\\D)${x.replace('.', '\\.')}(\\D|$)`).test(chiffres))
    || new RegExp(`\\b${EN_LETTRES[n] ?? '#'}\\b`, 'i').test(texte);
};

/** The fragments of a text that are not found word for word in the lines cited. */
const absents = (texte: string | null, p: [number, number] | null) =>
  p ? fragments(texte).filter((f) => !dansPlage(f, p[0], p[1])) : fragments(texte);

describe('AAP-AGAPE-2021 against seed 002', () => {
  it('cites lines for all 27 fiches, and only for them', () => {
    expect(Object.keys(TABLE.fiches).sort()).toEqual(aap.fiches.map((f) => f.code).sort());
    expect(aap.fiches).toHaveLength(27);
  });

  describe.each(aap.fiches.map((f) => [f.code, f] as const))('fiche %s', (code, fiche) => {
    const l = TABLE.fiches[code]!;

    it('has its code and title on the cited line', () => {
      const entete = sansEspace(`${ligne(l.titre)} ${ligne(l.titre + 1)}`);
      expect(entete).toContain('FICHEOPERATION');
      expect(entete).toContain(code.replace(/\d+$/, ''));
      expect(entete).toContain(code.replace(/^\D+/, ''));
      const debutTitre = sansEspace(normaliser(fiche.titre)).slice(0, 12).toLowerCase();
      expect(sansEspace(normaliser(entete)).toLowerCase()).toContain(debutTitre);
    });

    it('takes each specific objective from the cited lines', () => {
      const cites = l.objectifsSpecifiques.map(ligne).join(' ');
      for (const os of fiche.objectifsSpecifiques) expect(cites).toMatch(new RegExp(`O\\.?\\s?S\\.?\\s*${os.replace(/\D/g, '')}`));
    });

    it('takes each indicator target from the cited line', () => {
      for (const i of fiche.indicateurs) {
        const cite = l.indicateurs.find(([libelle]) => libelle === i.libelle);
        expect(cite, `indicateur « ${i.libelle} »`).toBeDefined();
        expect(i.cible).toBe(cite![1]);
        if (i.cible !== null) expect(ecrit(ligne(cite![2]), i.cible), `${i.cible} à la ligne ${cite![2]}`).toBe(true);
      }
    });

    it('takes its financing rule from the cited line', () => {
      const r = fiche.regleFinancement;
      if (r.minContrepartiesPct === null && r.maxFsePct === null && !r.cofinancementRequis) return;
      expect(l.regleFinancement).not.toBeNull();
      const texte = [0, 1, 2, 3].map((k) => ligne(l.regleFinancement! + k)).join(' ');
      for (const pct of [r.minContrepartiesPct, r.maxFsePct]) if (pct !== null) expect(texte).toMatch(new RegExp(`${pct}\\s?%`));
      if (r.cofinancementRequis) expect(texte).toMatch(/financements|contre ?parties/);
    });

    it('quotes its pièces word for word, realisation evidence under its heading', () => {
      const [debut, fin] = l.pieces;
      for (const p of fiche.piecesJustificatives) {
        expect(p.etape).toBe('realisation');
        for (const t of [p.libelle, ...(p.alternatives ?? [])]) expect(dansPlage(t, debut, fin), t).toBe(true);
      }
      const entete = [1, 2, 3, 4].map((k) => ligne(debut - k)).join(' ') + ligne(debut);
      expect(entete).toMatch(/réalisation/);
    });

    it.each(CHAMPS)('quotes its %s word for word', (champ) => {
      expect(absents(fiche[champ], l[champ])).toEqual([]);
    });
  });

  it('quotes each section word for word', () => {
    expect(aap.sections.map((s) => s.id).sort()).toEqual(Object.keys(TABLE.sections).sort());
    for (const s of aap.sections) expect(absents(s.texte, TABLE.sections[s.id]!), s.id).toEqual([]);
  });

  it('quotes GP1’s table of parcours stages word for word', () => {
    const gp1 = aap.fiches.find((f) => f.code === 'GP1')!;
    const etapes = gp1.etapesParcours!.classes.flatMap((c) => c.etapes);
    expect(etapes.length).toBeGreaterThanOrEqual(45);
    for (const e of etapes) for (const t of [e.libelle, ...e.piecesAcceptees]) expect(dansPlage(t, 3920, 4190), t).toBe(true);
  });

  it.each(plies.map((p) => [p.id, p] as const))('quotes the PLIE %s word for word', (_id, p) => {
    const champs = ['presentation', 'publicCible', 'conditionsEntree', 'objectifsTexte', 'criteresSortie', 'gouvernance'] as const;
    for (const c of champs) expect(absents(p[c], p.lignesSource[c === 'objectifsTexte' ? 'objectifs' : c] ?? null), `${p.id}.${c}`).toEqual([]);
    expect(absents(p.territoire.texte, p.lignesSource.territoire ?? null), `${p.id}.territoire`).toEqual([]);
  });
});

describe('what porteurs read', () => {
  const MARQUES = [/probablement/i, /non confirm/i, /texte identique/i, /taux non précisé/i, /indicateur de suivi en demande/i, /\(l\.\s?\d/];

  it('carries none of our editorial markers, in the AAP as published or in the PLIE', () => {
    const publie = JSON.stringify({ ...versionPublique(aapPublie()), fiches: versionPublique(aapPublie()).fiches });
    const agape = JSON.stringify(versionPublique({ ...aapPublie(), ...aap, notesInternes: aap.notesInternes, fiches: aap.fiches } as never));
    const pliesPublics = JSON.stringify(plies.map(({ lignesSource: _l, ...p }) => p));
    for (const texte of [publie, agape, pliesPublics]) for (const m of MARQUES) expect(texte).not.toMatch(m);
  });

  it('keeps our remarks in notesInternes, which the public version empties', () => {
    expect(aap.notesInternes.length).toBeGreaterThan(0);
    expect(aap.fiches.find((f) => f.code === 'A5')!.notesInternes.join(' ')).toMatch(/probablement|non confirm/);
    const publique = versionPublique({ ...aapPublie(), notesInternes: ['x'], fiches: aap.fiches } as never);
    expect([publique.notesInternes, ...publique.fiches.map((f) => f.notesInternes)].flat()).toEqual([]);
  });
});
