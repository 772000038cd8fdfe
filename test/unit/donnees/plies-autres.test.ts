/**
 * The PLIE of the other OIs (`data/plies-autres.json`) against their sources kept in `data/sources/`: seed 003 (AAP of
 * the PLIE du bassin dijonnais, 2018) and seed 004 (cadrage of the PLIE du pays de la région mulhousienne, 2022). Every
 * paragraph and list item stands word for word in the lines `lignesSource` cites, and each objective's target is
 * written on them: nothing is invented.
 */
import { describe, expect, it } from 'vitest';
import { fragments } from '#shared/domain/texte/texte-riche';
import { lirePliesAutres } from '#local/seed';
import { REGLES_PLIE } from '#shared/domain/sortie/regles-plie';
import { DEMO_USERS } from '#local/demo-users';
import { autreSource, dansPlage, normaliser } from './seed';

/** Each seed as kept in data/sources/, with the typos our text fixes and the footnote that cuts a sentence of 003. */
const SOURCES: Record<string, string[]> = {
  '003_ef772cc90606f5d8.txt': autreSource('aap-plie-dijon-2018.txt', { corrections: { 48: ["I'Insertion", "l'Insertion"] }, horsTexte: [52, 53, 54] }),
  '004_3e6d8d10b1180e6c.txt': autreSource('cadrage-plie-mulhouse-2022.txt', {
    corrections: { 57: ['Service Publi de', 'Service Public de'], 61: ['avec le la collectivité', 'avec la collectivité'] },
  }),
};
const CHAMPS = { presentation: 'presentation', publicCible: 'publicCible', conditionsEntree: 'conditionsEntree', objectifsTexte: 'objectifs', criteresSortie: 'criteresSortie', gouvernance: 'gouvernance' } as const;

const fichiers = lirePliesAutres();
const plies = fichiers.flatMap((f) => f.plies.map((p) => ({ ...p, oi: f.oi })));

describe('data/plies-autres.json', () => {
  it('holds Mulhouse and Dijon, one OI each, both with seeded exit rules and an OI admin who signs in', () => {
    expect(fichiers.map((f) => [f.oi, f.plies.map((p) => p.id)])).toEqual([['MEF-MULHOUSE', ['mulhouse']], ['CREATIV', ['dijon']]]);
    for (const p of plies) {
      expect(Object.hasOwn(REGLES_PLIE, p.id), p.id).toBe(true);
      expect(DEMO_USERS.filter((u) => u.oi === p.oi && u.roles.includes('oi-admin')), p.oi).toHaveLength(1);
    }
  });

  describe.each(plies.map((p) => [p.id, p] as const))('PLIE %s', (_id, p) => {
    const lignes = SOURCES[p.source ?? '']!;

    it('names its source, and its name stands in it', () => {
      expect(lignes, String(p.source)).toBeDefined();
      expect(normaliser(lignes.join(' '))).toContain(normaliser(p.nom));
    });

    it.each(Object.entries(CHAMPS))('quotes its %s word for word from the cited lines', (champ, cle) => {
      const texte = p[champ as keyof typeof CHAMPS];
      const l = p.lignesSource[cle];
      if (texte === null) return;
      expect(l, `lignesSource.${cle}`).toBeDefined();
      expect(fragments(texte).filter((f) => !dansPlage(f, l![0], l![1], lignes))).toEqual([]);
    });

    it('quotes its territory word for word', () => {
      const l = p.lignesSource.territoire!;
      expect(fragments(p.territoire.texte).filter((f) => !dansPlage(f, l[0], l[1], lignes))).toEqual([]);
      for (const c of p.territoire.communes) expect(dansPlage(c, l[0], l[1], lignes), c).toBe(true);
    });

    it('takes each objective from the cited lines, with its target written there', () => {
      const [debut, fin] = p.lignesSource.objectifsQuantitatifs!;
      for (const o of p.objectifsQuantitatifs) {
        expect(dansPlage(o.libelle.replace(/^C/, 'c'), debut, fin, lignes) || dansPlage(o.libelle, debut, fin, lignes), o.libelle).toBe(true);
        expect(o.libelle).toMatch(new RegExp(`(^|\\D)${o.cible}(\\D|$)`));
      }
    });

    it('carries no editorial marker', () => {
      const { lignesSource: _l, ...publie } = p;
      expect(JSON.stringify(publie)).not.toMatch(/probablement|non confirm|\(l\.\s?\d/i);
    });
  });
});
