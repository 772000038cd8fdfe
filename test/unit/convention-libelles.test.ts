import { describe, expect, it } from 'vitest';
import { accorde, leNom, libelleChemin, nomVersion, valeurChemin } from '../../web/src/convention/libelles';

describe('the convention screens’ words', () => {
  it('names the versions as the documents do, with agreeing participles', () => {
    const initiale = { nature: 'initiale' as const, numero: 1 };
    const avenant = { nature: 'avenant' as const, numero: 3 };
    expect([nomVersion(initiale), nomVersion(avenant)]).toEqual(['Convention initiale', 'Avenant n° 2']);
    expect([leNom(initiale), leNom(avenant)]).toEqual(['la convention initiale', 'l’avenant n° 2']);
    expect([accorde(initiale, 'signé'), accorde(avenant, 'signé')]).toEqual(['signée', 'signé']);
  });

  it('labels the avenant’s diff paths in French, a plan detail after its section', () => {
    expect(libelleChemin('periode.fin')).toBe('Fin de l’opération');
    expect(libelleChemin('objet.territoire')).toBe('Territoire');
    expect(libelleChemin('plan.depenses.personnel[0].montantCentimes')).toBe('Plan — dépenses (personnel[0].montantCentimes)');
    expect(libelleChemin('inconnu.chemin')).toBe('inconnu.chemin');
  });

  it('writes dates, amounts, the régime and the avance as people read them', () => {
    expect(valeurChemin('periode.fin', '2028-06-30')).toBe('30/06/2028');
    expect(valeurChemin('fseConventionneCentimes', 856_000).replace(/[\u00a0\u202f]/g, ' ')).toBe('8 560,00 €');
    expect(valeurChemin('regimeAide', 'de_minimis')).toBe('Aide de minimis — règlement (UE) n° 1407/2013');
    expect(valeurChemin('avancePct', 30).replace(/[\u00a0\u202f]/g, ' ')).toBe('30 %');
    expect(valeurChemin('representant', { nom: 'Marie Lacombe', qualite: 'Présidente' })).toBe('Marie Lacombe, Présidente');
    expect(valeurChemin('objet.intitule', null)).toBe('(vide)');
  });
});
