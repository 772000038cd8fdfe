import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { extractPages, normalize } from '../unit/templates/pdf-text';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { aujourdhui, dossierDepose, dossierProgramme as programmer, GESTIONNAIRE, OI, P1 } from './comite-helpers';
import { attendreCourriel } from './boite-mail-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };
const HP = 'PLIE du Haut Périgord';
const echapperRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const texte = async (octets: Uint8Array) => normalize((await extractPages(octets)).map((p) => p.text).join(' '));

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
}, 120_000);
afterAll(async () => g?.stop());

const dossierProgramme = (selectionne: number, programme: number) => programmer(api, aap.id, selectionne, programme, 'HP1', HP);

const programmeSurAap = async () => (await api.get(`/aaps/${aap.id}/enveloppe`, { as: OI })).body.programmeCentimes as number;
const corriger = (id: string, version: number | null, body: Record<string, unknown>, as = OI) =>
  api.put(`/dossiers/${id}/programmation`, { as, ...(version === null ? {} : { headers: { 'if-match': String(version) } }), body });

/** What a refused correction must leave as it was: the dossier, its journal, its e-mails and the AAP's counter. */
async function etat(id: string) {
  const [dossier, evenements, notifications, programme] = await Promise.all([
    api.get(`/dossiers/${id}`, { as: OI }), api.get(`/dossiers/${id}/evenements`, { as: OI }), api.get(`/gestion/dossiers/${id}/notifications`, { as: OI }), programmeSurAap(),
  ]);
  return { dossier: dossier.body, evenements: evenements.body.items.length, notifications: notifications.body.items.length, programme };
}

describe('PUT /dossiers/{id}/programmation (correction)', () => {
  it('corrects the amount, moves the AAP’s programmed FSE by the difference, keeps the history, journals and e-mails it', async () => {
    const d = await dossierProgramme(800_000, 700_000);
    const avant = await programmeSurAap();
    const motifCorrection = 'Le conseil a voté 7 800 € : erreur de saisie du montant.';
    const r = await corriger(d.id, d.version, {
      montantFseCentimes: 780_000, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-03', motif: 'Une prestation reste non retenue.', motifCorrection,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe(`"${d.version + 1}"`);
    expect(r.body.statut).toBe('programme');
    const prog = r.body.suivi.programmation;
    expect(prog).toMatchObject({ montantFseCentimes: 780_000, motif: 'Une prestation reste non retenue.' });
    expect(prog.corrections).toHaveLength(1);
    expect(prog.corrections[0]).toMatchObject({
      montantFseCentimes: 700_000, motif: 'Dépenses de prestations non retenues.', referenceDeliberation: 'CA-2027-03', motifCorrection, corrigeeParId: 'demo-oi-admin',
    });
    expect(await programmeSurAap()).toBe(avant + 80_000);

    const journal = (await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body;
    expect(journal.integre).toBe(true);
    expect(journal.items.at(-1)).toMatchObject({
      type: 'programmation_corrigee', de: 'programme', vers: 'programme', auteur: 'demo-oi-admin',
      donnees: { ancienMontantFseCentimes: 700_000, montantFseCentimes: 780_000, motifCorrection },
    });

    const courriel = await attendreCourriel(g, P1, new RegExp(`Programmation du dossier ${echapperRe(d.reference)} corrigée`));
    expect(courriel.texte).toContain('7 800,00 €');
    expect(courriel.texte).toContain('au lieu de 7 000,00 €');
    expect(courriel.texte).toContain(`Motif de la correction : ${motifCorrection}`);
    expect(courriel.texte).toContain(`${g.url}/dossiers/${d.id}`);

    // The porteur's letter states the corrected amount and replaces the previous one.
    const lettre = await texte((await api.get(`/dossiers/${d.id}/lettre-decision.pdf`, { as: P1 })).body);
    expect(lettre).toMatch(/7\s800,00/);
    expect(lettre).not.toMatch(/7\s000,00/);
    expect(lettre).toContain('annule et remplace');

    // Up to the selected amount: no reduction motif kept; the history grows, the counter follows again.
    const r2 = await corriger(d.id, r.body.version, { montantFseCentimes: 800_000, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-04', motifCorrection: 'Nouvelle délibération.' });
    expect(r2.status).toBe(200);
    expect(r2.body.suivi.programmation.motif).toBeUndefined();
    expect(r2.body.suivi.programmation.corrections.map((c: { montantFseCentimes: number }) => c.montantFseCentimes)).toEqual([700_000, 780_000]);
    expect(await programmeSurAap()).toBe(avant + 100_000);
  });

  it('refuses the gestionnaire, a stale version, a future date, more than selected, no motif, no change — and changes nothing', async () => {
    const d = await dossierProgramme(800_000, 750_000);
    const initial = await etat(d.id);
    const valide = { montantFseCentimes: 760_000, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-03', motif: 'Prestations.', motifCorrection: 'Erreur de saisie.' };

    const gestionnaire = await corriger(d.id, d.version, valide, GESTIONNAIRE);
    expect([gestionnaire.status, gestionnaire.body.message]).toEqual([403, 'Seul un administrateur de l’OI corrige la décision de programmation.']);
    expect((await corriger(d.id, d.version, valide, P1)).status).toBe(403);
    const perimee = await corriger(d.id, d.version - 1, valide);
    expect([perimee.status, perimee.body.code]).toEqual([409, 'VERSION_PERIMEE']);
    expect((await corriger(d.id, null, valide)).status).toBe(428);
    const future = await corriger(d.id, d.version, { ...valide, dateDecision: '2099-03-01' });
    expect([future.status, future.body.code, future.body.details[0].chemin]).toEqual([422, 'DATE_DECISION_FUTURE', 'corps.dateDecision']);
    const trop = await corriger(d.id, d.version, { ...valide, montantFseCentimes: 800_001 });
    expect([trop.status, trop.body.code]).toEqual([422, 'MONTANT_SUPERIEUR_SELECTION']);
    const { motifCorrection: _m, ...sansMotif } = valide;
    const manquant = await corriger(d.id, d.version, sansMotif);
    expect([manquant.status, manquant.body.code, manquant.body.details[0].chemin]).toEqual([422, 'MOTIF_CORRECTION_REQUIS', 'corps.motifCorrection']);
    expect((await corriger(d.id, d.version, { ...valide, motifCorrection: '   ' })).body.code).toBe('MOTIF_CORRECTION_REQUIS');
    const { motif: _r, ...sansReduction } = valide;
    expect((await corriger(d.id, d.version, sansReduction)).body.code).toBe('MOTIF_REDUCTION_REQUIS');
    const inchangee = await corriger(d.id, d.version, { ...valide, montantFseCentimes: 750_000, motif: 'Dépenses de prestations non retenues.' });
    expect([inchangee.status, inchangee.body.code]).toEqual([422, 'CORRECTION_SANS_EFFET']);

    expect(await etat(d.id)).toEqual(initial);

    const depose = await dossierDepose(api, aap.id, 'HP2');
    const nonProgramme = await corriger(depose.id, depose.version, valide);
    expect([nonProgramme.status, nonProgramme.body.code]).toEqual([409, 'STATUT_INCOMPATIBLE']);
  });

  it('never loses an update of the AAP’s counter when corrections run at once', async () => {
    const [a, b] = [await dossierProgramme(800_000, 800_000), await dossierProgramme(800_000, 800_000)];
    const avant = await programmeSurAap();
    const corps = (montant: number) => ({ montantFseCentimes: montant, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-05', motif: 'Réduction.', motifCorrection: 'Délibération modificative.' });
    // Same dossier twice on the same version, and another dossier of the same AAP, all at once.
    const [a1, a2, b1] = await Promise.all([corriger(a.id, a.version, corps(700_000)), corriger(a.id, a.version, corps(600_000)), corriger(b.id, b.version, corps(500_000))]);
    // At most one of the two corrections of a wins; DynamoDB may also cancel both (a transaction conflict): a 409 each.
    expect([a1.status, a2.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    for (const s of [a1.status, a2.status, b1.status]) expect([200, 409]).toContain(s);
    const montantA = a1.status === 200 ? 700_000 : a2.status === 200 ? 600_000 : 800_000;
    const deltaB = b1.status === 200 ? -300_000 : 0;
    // The counter moved by exactly the corrections that succeeded.
    expect(await programmeSurAap()).toBe(avant + (montantA - 800_000) + deltaB);
    const lus = await Promise.all([a.id, b.id].map(async (id) => (await api.get(`/dossiers/${id}`, { as: OI })).body.suivi.programmation.montantFseCentimes));
    expect(lus).toEqual([montantA, b1.status === 200 ? 500_000 : 800_000]);
  });
});
