import { describe, expect, it } from 'vitest';
import { piecesAttendues } from '#shared/domain/piece/piece';
import { aapPublie } from './support';

describe('piecesAttendues', () => {
  const aap = aapPublie();
  const codes = (fiche: (typeof aap.fiches)[number]) => piecesAttendues(aap, fiche, { statutJuridique: 'association' }).map((p) => p.code);

  it('asks at the dépôt none of the evidence of realisation the fiche lists (it belongs to the bilan)', () => {
    const gp2 = aap.fiches.find((f) => f.code === 'GP2')!;
    expect(gp2.piecesJustificatives.length).toBeGreaterThan(0);
    expect(codes(gp2).filter((c) => c.startsWith('FICHE_'))).toEqual([]);
  });

  it('asks a fiche’s dépôt pièce, a group shown with its alternatives', () => {
    const fiche = {
      ...aap.fiches[0]!,
      piecesJustificatives: [
        { libelle: 'Bilan annuel du PLIE', etape: 'realisation' as const },
        { libelle: 'Une des pièces suivantes', etape: 'depot' as const, alternatives: ['Lettre d’intention du PLIE', 'Compte rendu du COPIL'] },
      ],
    };
    const ligne = piecesAttendues(aap, fiche, { statutJuridique: 'association' }).find((p) => p.code === 'FICHE_2')!;
    expect(ligne.libelle).toBe('Une des pièces suivantes : Lettre d’intention du PLIE ; ou Compte rendu du COPIL');
    expect(ligne.obligatoire).toBe(false);
    expect(codes(fiche)).not.toContain('FICHE_1');
  });
});
