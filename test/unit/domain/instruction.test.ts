import { describe, expect, it } from 'vitest';
import { nouveauDossier } from '#shared/domain/dossier/dossier';
import { corrigerProgrammation, deciderRecevabilite, grille, instruire, moyenne, programmer } from '#shared/domain/instruction/instruction';
import type { Dossier } from '#shared/schemas/dossier';
import type { LigneChecklist } from '#shared/schemas/piece';
import { aapPublie, codeDe, OI, ORG, PORTEUR, T0 } from './support';

const aap = aapPublie();
const fiche = aap.fiches.find((f) => f.code === 'HP1')!;

function dossier(statut: Dossier['statut'], fseCentimes = 856_000): Dossier {
  const d = nouveauDossier({ aap, fiche, organisation: ORG, actor: PORTEUR, id: 'D1', maintenant: T0 });
  const plan = d.contenu.planFinancement;
  return { ...d, statut, contenu: { ...d.contenu, planFinancement: { ...plan, ressources: { ...plan.ressources, fseCentimes } } } };
}

const ligne = (code: string, etat: LigneChecklist['etat'], obligatoire = true): LigneChecklist => ({
  code, libelle: code, typesAcceptes: ['application/pdf'], tailleMaxOctets: 1_000_000, obligatoire, etat, origine: 'administrative', piece: null, demandeEnComplement: false,
});

describe('grille', () => {
  it('lists the fiche’s criteria, then the AAP’s common ones, with stable ids', () => {
    const g = grille(aap, fiche);
    expect(g).toHaveLength(fiche.criteresSelection.length + aap.selection.criteresCommuns.length);
    expect(g[0]).toEqual({ id: 'FICHE_1', libelle: fiche.criteresSelection[0], origine: 'fiche' });
    expect(g.at(-1)).toMatchObject({ id: `COMMUN_${aap.selection.criteresCommuns.length}`, origine: 'commun' });
  });
});

describe('moyenne', () => {
  it.each([
    [[4, 5], '4,50'],
    [[1, 2, 2], '1,67'], // 1,666… rounded half-up, not truncated
    [[1, 2, 2, 2, 2, 2, 2, 2], '1,88'], // 1,875 → half-up
    [[1, 1, 2], '1,33'],
    [[5, 5, 5], '5,00'],
    [[], '—'],
  ])('of %j is %s', (notes, attendu) => {
    expect(moyenne(notes.map((note) => ({ note })))).toBe(attendu);
  });
});

describe('deciderRecevabilite', () => {
  it('makes a deposited dossier recevable only when every required pièce is valid', () => {
    const p = { versionLue: 1, maintenant: T0, fiche: { conditionsRecevabilite: [] } };
    expect(codeDe(() => deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [] }, { ...p, pieces: [ligne('RIB', 'rejetee')] }))).toBe('PIECES_NON_VALIDES');
    expect(deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [] }, { ...p, pieces: [ligne('RIB', 'valide'), ligne('FICHE_1', 'attendue', false)] }).statut).toBe('recevable');
    const irr = deciderRecevabilite(dossier('depose'), { decision: 'irrecevable', motif: 'Hors périmètre.' }, { ...p, pieces: [] });
    expect([irr.statut, irr.suivi.motifIrrecevabilite, irr.version]).toEqual(['irrecevable', 'Hors périmètre.', 2]);
    expect(codeDe(() => deciderRecevabilite(dossier('brouillon'), { decision: 'recevable', conditions: [] }, { ...p, pieces: [] }))).toBe('STATUT_INCOMPATIBLE');
    expect(codeDe(() => deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [] }, { ...p, versionLue: 7, pieces: [] }))).toBe('VERSION_PERIMEE');
  });

  it('needs every condition de recevabilité of the fiche answered « remplie »', () => {
    const condition = 'Le porteur de projet devra impérativement intervenir dans le champ de l’insertion professionnelle et de l’emploi.';
    const p = { versionLue: 1, maintenant: T0, fiche: { conditionsRecevabilite: [condition] }, pieces: [ligne('RIB', 'valide')] };
    expect(codeDe(() => deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [] }, p))).toBe('CONDITION_RECEVABILITE_NON_REMPLIE');
    expect(codeDe(() => deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [{ condition, remplie: false }] }, p))).toBe(
      'CONDITION_RECEVABILITE_NON_REMPLIE',
    );
    const ok = deciderRecevabilite(dossier('depose'), { decision: 'recevable', conditions: [{ condition, remplie: true }] }, p);
    expect([ok.statut, ok.suivi.conditionsRecevabilite]).toEqual(['recevable', [condition]]);
  });
});

describe('instruire', () => {
  const g = grille(aap, fiche);
  const notes = g.map((c) => ({ critere: c.id, note: 4, justification: 'Éléments probants.' }));
  const p = { actor: OI, grille: g, versionLue: 1, maintenant: T0, versionInstruction: 1 };
  const demande = { notes, avis: 'favorable' as const, montantFsePropose: 856_000, commentaire: '' };

  it('records the avis and the FSE proposed on the dossier, which becomes instruit', () => {
    const r = instruire(dossier('recevable'), demande, p);
    expect(r.dossier).toMatchObject({ statut: 'instruit', suivi: { avis: 'favorable', montantFsePropose: 856_000 } });
    expect(r.instruction).toMatchObject({ version: 1, moyenne: '4,00', instruitPar: OI.email });
  });

  it.each([
    ['a criterion missing', { notes: notes.slice(1) }, 'GRILLE_INCOMPLETE'],
    ['a criterion twice', { notes: [...notes, notes[0]!] }, 'GRILLE_INCOMPLETE'],
    ['an unknown criterion', { notes: [...notes, { ...notes[0]!, critere: 'X' }] }, 'GRILLE_INCOMPLETE'],
    ['more FSE than the porteur asked', { montantFsePropose: 856_001 }, 'MONTANT_SUPERIEUR_DEMANDE'],
  ])('refuses %s', (_, changement, code) => {
    expect(codeDe(() => instruire(dossier('recevable'), { ...demande, ...changement }, p))).toBe(code);
  });

  it('refuses a dossier not yet recevable or already on a comité agenda', () => {
    expect(codeDe(() => instruire(dossier('depose'), demande, p))).toBe('STATUT_INCOMPATIBLE');
    expect(codeDe(() => instruire(dossier('inscrit_comite'), demande, p))).toBe('STATUT_INCOMPATIBLE');
  });
});

describe('programmer', () => {
  const selectionne = (): Dossier => {
    const d = dossier('selectionne');
    return { ...d, suivi: { ...d.suivi, decision: { statut: 'selectionne', motif: 'Avis favorable du comité.', date: T0.toISOString(), montantFseCentimes: 800_000, plie: fiche.plie, dateComite: '2026-12-07' } } };
  };
  const demande = { dateDecision: '2026-10-30', referenceDeliberation: 'CA-2026-10' };
  const p = { versionLue: 1, maintenant: T0, fuseau: 'Europe/Paris' };

  it('grants at most what the comité selected, to the cent', () => {
    expect(programmer(selectionne(), { ...demande, montantFseCentimes: 800_000 }, p).statut).toBe('programme');
    expect(codeDe(() => programmer(selectionne(), { ...demande, montantFseCentimes: 800_001 }, p))).toBe('MONTANT_SUPERIEUR_SELECTION');
    expect(codeDe(() => programmer(dossier('instruit'), { ...demande, montantFseCentimes: 1 }, p))).toBe('STATUT_INCOMPATIBLE');
  });

  it('asks for a motif when the amount is below the selected FSE, and keeps it', () => {
    expect(codeDe(() => programmer(selectionne(), { ...demande, montantFseCentimes: 799_999 }, p))).toBe('MOTIF_REDUCTION_REQUIS');
    expect(codeDe(() => programmer(selectionne(), { ...demande, montantFseCentimes: 700_000, motif: '  ' }, p))).toBe('MOTIF_REDUCTION_REQUIS');
    const reduit = programmer(selectionne(), { ...demande, montantFseCentimes: 700_000, motif: 'Prestations non retenues.' }, p);
    expect(reduit.suivi.programmation).toMatchObject({ montantFseCentimes: 700_000, motif: 'Prestations non retenues.' });
    expect(programmer(selectionne(), { ...demande, montantFseCentimes: 800_000 }, p).suivi.programmation?.motif).toBeUndefined();
  });

  it('refuses a decision date after today in the AAP’s zone, and accepts today', () => {
    const tard = { ...p, maintenant: new Date('2026-11-01T23:30:00Z') }; // 00:30 on 2 November in Paris
    expect(codeDe(() => programmer(selectionne(), { ...demande, dateDecision: '2026-11-02', montantFseCentimes: 800_000 }, p))).toBe('DATE_DECISION_FUTURE');
    expect(codeDe(() => programmer(selectionne(), { ...demande, dateDecision: '2027-01-15', montantFseCentimes: 800_000 }, p))).toBe('DATE_DECISION_FUTURE');
    expect(programmer(selectionne(), { ...demande, dateDecision: '2026-11-01', montantFseCentimes: 800_000 }, p).statut).toBe('programme');
    expect(programmer(selectionne(), { ...demande, dateDecision: '2026-11-02', montantFseCentimes: 800_000 }, tard).statut).toBe('programme');
  });
});

describe('corrigerProgrammation', () => {
  const programme = (): Dossier => {
    const d = dossier('selectionne');
    const s = { ...d, suivi: { ...d.suivi, decision: { statut: 'selectionne' as const, motif: 'Avis favorable du comité.', date: T0.toISOString(), montantFseCentimes: 800_000, plie: fiche.plie, dateComite: '2026-10-07' } } };
    return programmer(s, { montantFseCentimes: 700_000, dateDecision: '2026-10-30', referenceDeliberation: 'CA-2026-10', motif: 'Prestations non retenues.' }, { versionLue: 1, maintenant: T0, fuseau: 'Europe/Paris' });
  };
  const demande = { montantFseCentimes: 780_000, dateDecision: '2026-10-30', referenceDeliberation: 'CA-2026-10', motif: 'Une prestation non retenue.', motifCorrection: 'Erreur de saisie.' };
  const plus = (min: number) => new Date(T0.getTime() + min * 60_000);
  const p = { versionLue: 2, maintenant: plus(5), fuseau: 'Europe/Paris', actor: OI };

  it('replaces the programmation and keeps the one it replaces, with who, when and why', () => {
    const d = corrigerProgrammation(programme(), demande, p);
    expect(d).toMatchObject({ statut: 'programme', version: 3 });
    expect(d.suivi.programmation).toMatchObject({ montantFseCentimes: 780_000, motif: 'Une prestation non retenue.', enregistreLe: plus(5).toISOString() });
    expect(d.suivi.programmation?.corrections).toEqual([
      { montantFseCentimes: 700_000, dateDecision: '2026-10-30', referenceDeliberation: 'CA-2026-10', motif: 'Prestations non retenues.', enregistreLe: T0.toISOString(), corrigeeLe: plus(5).toISOString(), corrigeePar: 'oi@guichet.test', corrigeeParId: 'oi', motifCorrection: 'Erreur de saisie.' },
    ]);
    const encore = corrigerProgrammation(d, { ...demande, montantFseCentimes: 800_000, motifCorrection: 'Délibération modificative.' }, { ...p, versionLue: 3, maintenant: plus(9) });
    expect(encore.suivi.programmation?.corrections?.map((c) => c.montantFseCentimes)).toEqual([700_000, 780_000]);
    expect(encore.suivi.programmation?.motif).toBeUndefined();
  });

  it('applies the programmation’s rules, asks why, and refuses a correction that changes nothing', () => {
    expect(codeDe(() => corrigerProgrammation(programme(), { ...demande, motifCorrection: ' ' }, p))).toBe('MOTIF_CORRECTION_REQUIS');
    expect(codeDe(() => corrigerProgrammation(programme(), { ...demande, montantFseCentimes: 800_001 }, p))).toBe('MONTANT_SUPERIEUR_SELECTION');
    expect(codeDe(() => corrigerProgrammation(programme(), { ...demande, dateDecision: '2026-11-02' }, p))).toBe('DATE_DECISION_FUTURE');
    expect(codeDe(() => corrigerProgrammation(programme(), { ...demande, motif: '' }, p))).toBe('MOTIF_REDUCTION_REQUIS');
    expect(codeDe(() => corrigerProgrammation(programme(), { ...demande, montantFseCentimes: 700_000, motif: ' Prestations non retenues. ' }, p))).toBe('CORRECTION_SANS_EFFET');
    expect(codeDe(() => corrigerProgrammation(programme(), demande, { ...p, versionLue: 1 }))).toBe('VERSION_PERIMEE');
    expect(codeDe(() => corrigerProgrammation(dossier('selectionne'), demande, { ...p, versionLue: 1 }))).toBe('STATUT_INCOMPATIBLE');
  });
});
