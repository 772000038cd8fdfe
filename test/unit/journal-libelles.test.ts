import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBELLES_EVENEMENT, libelleEvenement } from '../../web/src/components/dossier-ui';

/** Every event type the domain journals, read from its source: `type: '…'` in journaliser calls and transition(…, '…'). */
function typesJournalises(): Set<string> {
  const types = new Set<string>();
  const parcourir = (dir: string) => {
    for (const nom of readdirSync(dir)) {
      const chemin = join(dir, nom);
      if (statSync(chemin).isDirectory()) parcourir(chemin);
      else if (nom.endsWith('.ts')) {
        const src = readFileSync(chemin, 'utf8');
        if (!src.includes('journaliser(')) continue;
        for (const m of src.matchAll(/type: (?:[a-z]+ \? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g)) {
          types.add(m[1]!);
          if (m[2]) types.add(m[2]);
        }
        for (const m of src.matchAll(/transition\(ctx, [^)]*?, actor, '([a-z_]+)'/g)) types.add(m[1]!);
      }
    }
  };
  parcourir('shared/domain');
  return types;
}

describe('the dossier journal', () => {
  it('labels every event type the domain writes in French, never with its raw code', () => {
    const types = typesJournalises();
    for (const t of ['creation', 'depot', 'complements_demandes', 'complements_recus', 'recevabilite', 'instruction', 'inscription_comite', 'decision_comite', 'programmation', 'programmation_corrigee']) {
      expect(types).toContain(t);
    }
    for (const t of types) {
      expect(LIBELLES_EVENEMENT[t], t).toBeTruthy();
      expect(libelleEvenement(t)).not.toMatch(/_/);
    }
    expect(libelleEvenement('decision_comite')).toBe('Décision du comité');
    expect(libelleEvenement('nouvel_evenement')).toBe('Nouvel evenement');
  });
});
