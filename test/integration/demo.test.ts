import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 120_000);
afterAll(async () => g?.stop());

type Resume = { id: string; ficheCode: string; statut: string };
const dossiersDe = async (email: string) => ((await api.get('/dossiers', { as: email })).body.items as Resume[]).map((d) => `${d.ficheCode}:${d.statut}`).sort();

describe('demo dossiers of npm start', () => {
  it('tells the whole story through the API: drafts, dépôts, compléments, instruction, comités open and closed, programmation', async () => {
    await seedDossiersDemo(`${g.url}/api`);

    expect(await dossiersDe('porteur@guichet.test')).toEqual(['A1:complement_demande', 'B1:programme', 'HP1:inscrit_comite', 'S1:brouillon']);
    expect(await dossiersDe('porteur2@guichet.test')).toEqual(['B2:programme', 'B3:programme', 'GP1:depose', 'HP2:inscrit_comite']);
    // Each role has something to do on its tableau de bord.
    const { compteurs } = (await api.get('/gestion/tableau-de-bord', { as: 'oi@guichet.test' })).body as { compteurs: Record<string, number> };
    expect(compteurs).toMatchObject({ a_examiner: 1, complements: 1, en_comite: 2, a_programmer: 0, programmes: 3 });
    // Conventions: B1's in force (sealed), B3's in force with an avenant awaiting the OI's countersignature.
    const convention = async (email: string, fiche: string) => {
      const d = ((await api.get('/dossiers', { as: email })).body.items as Resume[]).find((x) => x.ficheCode === fiche)!;
      return (await api.get(`/dossiers/${d.id}/convention`, { as: email })).body;
    };
    const b1 = await convention('porteur@guichet.test', 'B1');
    expect(b1.suivi).toMatchObject({ etat: 'en_vigueur', numeroEnVigueur: 1, numeroEnCours: null });
    expect(b1.versions[0].scelle).not.toBeNull();
    const b3 = await convention('porteur2@guichet.test', 'B3');
    expect(b3.suivi).toMatchObject({ etat: 'a_contresigner', numeroEnVigueur: 1, numeroEnCours: 2 });
    expect(b3.versions[1].avenant.modifications.map((m: { chemin: string }) => m.chemin)).toEqual(['periode.fin']);
    const b1Id = ((await api.get('/dossiers', { as: 'porteur@guichet.test' })).body.items as Resume[]).find((x) => x.ficheCode === 'B1')!.id;
    const participants = (await api.get(`/dossiers/${b1Id}/participants`, { as: 'porteur@guichet.test' })).body.items as Array<{ sortie: unknown; qualification: { categorie: string } | null }>;
    expect(participants).toHaveLength(4);
    expect(participants.filter((p) => p.sortie).map((p) => p.qualification!.categorie).sort()).toEqual(['autre', 'emploi_durable', 'negative', 'non_retenue']);
    // Bilans: B1's final bilan deposited and under CSF (part of a staff line discarded), avance paid; B3 paid in full.
    const bilansB1 = (await api.get(`/dossiers/${b1Id}/bilans`, { as: 'gestionnaire@guichet.test' })).body;
    const finalB1 = bilansB1.echeances.find((e: { nature: string }) => e.nature === 'final');
    expect(finalB1.bilan).toMatchObject({ statut: 'en_csf', csf: { resultat: { ecarteCentimes: 100_000 } } });
    // Its realised figures, computed from the four participant records at the dépôt (all exited, one positive exit).
    expect(finalB1.bilan.realisation).toMatchObject({ participants: 4, sorties: 4 });
    expect(bilansB1.paiements.map((p: { nature: string; statut: string }) => [p.nature, p.statut])).toEqual([['avance', 'paye']]);
    const b3Id = ((await api.get('/dossiers', { as: 'porteur2@guichet.test' })).body.items as Resume[]).find((x) => x.ficheCode === 'B3')!.id;
    const bilansB3 = (await api.get(`/dossiers/${b3Id}/bilans`, { as: 'porteur2@guichet.test' })).body;
    expect(bilansB3.echeances.find((e: { nature: string }) => e.nature === 'final').bilan.statut).toBe('csf_definitif');
    expect(bilansB3.paiements.map((p: { nature: string; statut: string }) => [p.nature, p.statut])).toEqual([['avance', 'paye'], ['solde', 'paye']]);
    expect(bilansB3.grandLivre).toMatchObject({ soldeCentimes: 0, reversementCentimes: 0 });
    expect(bilansB3.grandLivre.payesCentimes).toBe(bilansB3.grandLivre.fseDuCentimes);
    // B2's convention in force and nothing deposited: its final bilan is « à déposer » by the calendar's due date.
    const b2Id = ((await api.get('/dossiers', { as: 'porteur2@guichet.test' })).body.items as Resume[]).find((x) => x.ficheCode === 'B2')!.id;
    const finalB2 = ((await api.get(`/dossiers/${b2Id}/bilans`, { as: 'porteur2@guichet.test' })).body.echeances as Array<{ numero: number; nature: string; echeance: string; bilan: unknown }>)
      .find((e) => e.nature === 'final')!;
    expect(finalB2.bilan).toBeNull();
    const tdbBilans = (await api.get('/gestion/tableau-de-bord', { as: 'gestionnaire@guichet.test' })).body.bilans as Array<{ dossierId: string; etape: string; nature: string | null; numero: number | null; deposerAvant: string | null; enRetard: boolean }>;
    expect(tdbBilans.map((x) => [x.dossierId, x.etape, x.nature])).toEqual([[b1Id, 'en_csf', 'final'], [b2Id, 'a_deposer', 'final']]);
    expect(tdbBilans[1]).toMatchObject({ numero: finalB2.numero, deposerAvant: finalB2.echeance, enRetard: false });
    const tableau = (await api.get('/gestion/tableau-de-bord', { as: 'oi@guichet.test' })).body as { conventions: Array<{ etat: string; numero: number | null; reference: string }> };
    expect(tableau.conventions.map((c) => [c.reference.split('-').at(-2), c.etat, c.numero])).toEqual([['B3', 'a_contresigner', 2]]);
    const fils = async (email: string, fiche: string) => {
      const d = ((await api.get('/dossiers', { as: email })).body.items as Resume[]).find((x) => x.ficheCode === fiche)!;
      return (await api.get(`/dossiers/${d.id}/messagerie`, { as: email })).body.fils as Array<{ sujet: string; nonLus: number }>;
    };
    expect((await fils('porteur2@guichet.test', 'GP1')).map((f) => [f.sujet, f.nonLus])).toEqual([['Public visé', 1]]);
    expect((await fils('porteur@guichet.test', 'HP1')).map((f) => f.sujet)).toEqual(['Calendrier du comité']);

    const s1 = ((await api.get('/dossiers', { as: 'porteur@guichet.test' })).body.items as Resume[]).find((d) => d.ficheCode === 'S1')!;
    const controles = (await api.get(`/dossiers/${s1.id}/plan-financement/controles`, { as: 'porteur@guichet.test' })).body;
    expect(controles.violations.map((v: { code: string }) => v.code)).toEqual(['COFINANCEMENTS_INSUFFISANTS']);

    const tous = (await api.get('/comites', { as: 'comite2@guichet.test' })).body.items as Array<{ plie: string; statut: string; ordreDuJour: string[] }>;
    expect(tous.map((c) => c.statut).sort()).toEqual(['clos', 'ouvert']);
    const comites = tous.filter((c) => c.statut === 'ouvert') as [(typeof tous)[number]];
    expect(comites[0]).toMatchObject({ plie: 'PLIE du Haut Périgord', statut: 'ouvert', president: 'demo-comite1' });
    expect(comites[0].ordreDuJour).toHaveLength(2);
    // The members read the instructed dossiers of the agenda: rapport d'instruction included.
    const rapport = await api.get(`/dossiers/${comites[0].ordreDuJour[0]}/rapport-instruction.pdf`, { as: 'oi@guichet.test' });
    expect(rapport.status).toBe(200);

    // Reporting: the 2006 national consolidation of seed 000, shipped as a snapshot of AGAPE.
    const conso = (await api.get('/gestion/consolidation', { as: 'gestionnaire@guichet.test' })).body;
    const annee = new Date().getUTCFullYear();
    expect(conso).toMatchObject({ annee: 2006, annees: [annee, 2006], rapport: { flux: { tauxSortiesPositives: 41.95 } } });
    // Its Tableaux 2 to 5 with the seed's inconsistencies flagged (Tableau 2's cumul, 2ter's total, 5's « dont »).
    expect(conso.rapport).toMatchObject({ parcours: { plieRepondants: 96, etapesParBeneficiaire: 3 }, dureesParcours: { plieRepondants: 110 }, sortiesEmploi: { plieRepondants: 95 }, autresDonnees: { plieRepondants: 125 } });
    expect(conso.rapport.avertissements.map((a: { calcule: number; imprime: number }) => [a.calcule, a.imprime])).toEqual(expect.arrayContaining([[138_658, 141_703], [30_429, 29_315], [5_319, 5_446]]));
    // The current year from live data: B1's four participants of the PLIE de Bordeaux (all left: a CDI held six
    // months, an intérim not positive under Bordeaux's rules, a move, an abandon) and HP1's two, counted from the
    // stream; financing from the programmed operations' controlled bilans (B1 under CSF, B3's final).
    const direct = async () => (await api.get(`/gestion/consolidation?annee=${annee}`, { as: 'gestionnaire@guichet.test' })).body;
    await expect.poll(async () => (await direct()).rapport.flux?.enParcoursDurant, { timeout: 30_000, interval: 500 }).toBe(6);
    const live = await direct();
    expect(live.instantanes.map((i: { plie: string; direct: boolean }) => [i.plie, i.direct])).toEqual([['bordeaux', true], ['haut-perigord', true]]);
    expect(Date.parse(live.direct.calculeLe)).toBeGreaterThan(Date.now() - 60_000);
    if (new Date().getUTCMonth() > 0 || new Date().getUTCDate() > 10) {
      // Entries and exits dated from 2 to 120 days ago: all of this year but in the first days of January.
      expect(live.rapport.flux).toMatchObject({ plieRepondants: 2, sortiesPositives: 1, sansSuite: 3, dontAbandons: 1, dontDemenagements: 1, dontAutres: 1, enParcoursFin: 2, tauxSortiesPositives: 25 });
      // Tableau 2bis of the year: the four exits' durations from their entry and exit dates.
      expect(live.rapport.dureesParcours.lignes[0]).toMatchObject({ sortie: 'toutes', public: 'total', nombre: { total: 4 } });
    }
    expect(live.rapport.financements).toMatchObject({ plieRepondants: 1, plieSansDonnees: ['haut-perigord'] });
    const bordeaux = live.direct.plies.find((p: { plie: string }) => p.plie === 'bordeaux');
    expect(bordeaux.operations.map((o: { reference: string; compteeAuTableau3: boolean }) => o.compteeAuTableau3).filter(Boolean)).toHaveLength(2);
    // The participants behind each operation's figures: B1's four, none on B2 and B3; Tableau 3 rests on B1's and B3's.
    expect(bordeaux.operations.map((o: { participants: number }) => o.participants).sort()).toEqual([0, 0, 4]);
    expect(bordeaux.participantsTableau3).toBe(4);
  }, 120_000);

  it('adds nothing when it runs again, as on every restart', async () => {
    const avant = [await dossiersDe('porteur@guichet.test'), await dossiersDe('porteur2@guichet.test')];
    await seedDossiersDemo(`${g.url}/api`);
    expect([await dossiersDe('porteur@guichet.test'), await dossiersDe('porteur2@guichet.test')]).toEqual(avant);
    expect((await api.get('/comites', { as: 'comite1@guichet.test' })).body.items).toHaveLength(2);
  }, 120_000);
});

describe('PLIE of the other OIs (data/plies-autres.json)', () => {
  const MULHOUSE = 'oi-mulhouse@guichet.test';
  const DIJON = 'oi-dijon@guichet.test';

  it('are public, each under its own OI, with the seed they come from', async () => {
    const r = await api.get('/plies');
    expect(r.status).toBe(200);
    const items = r.body.items as Array<{ id: string; oi: string; nom: string }>;
    expect(items.filter((p) => p.oi !== 'AGAPE').map((p) => [p.id, p.oi, p.nom]).sort()).toEqual([
      ['dijon', 'CREATIV', 'PLIE du bassin dijonnais'],
      ['mulhouse', 'MEF-MULHOUSE', 'PLIE du pays de la région mulhousienne'],
    ]);
    expect(items.filter((p) => p.oi === 'AGAPE')).toHaveLength(7);
    const mulhouse = (await api.get('/plies/mulhouse')).body;
    expect(mulhouse).toMatchObject({ oi: 'MEF-MULHOUSE', version: 1, source: '004_3e6d8d10b1180e6c.txt', siteWeb: null, territoire: { communes: [] } });
    expect(mulhouse.territoire.texte).toContain('40 communes');
    const dijon = (await api.get('/plies/dijon')).body;
    expect(dijon).toMatchObject({ oi: 'CREATIV', source: '003_ef772cc90606f5d8.txt', territoire: { communes: ['Dijon Métropole'] } });
    expect(dijon.conditionsEntree).toContain('disposer d’une autorisation de travailler');
  });

  it('each OI’s admin reads its PLIE’s seeded exit rules; another OI’s agent is told the PLIE does not exist', async () => {
    const m = await api.get('/plies/mulhouse/regles-sorties', { as: MULHOUSE });
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ plie: { id: 'mulhouse', oi: 'MEF-MULHOUSE' }, enVigueur: 'mulhouse-2022' });
    expect(m.body.versions.map((v: { version: string; source: string }) => [v.version, v.source.slice(0, 8)])).toEqual([['mulhouse-2022', 'seed 004']]);
    const d = await api.get('/plies/dijon/regles-sorties', { as: DIJON });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ plie: { id: 'dijon', oi: 'CREATIV' }, enVigueur: 'dijon-2018' });

    expect((await api.get('/plies/mulhouse/regles-sorties', { as: 'oi@guichet.test' })).status).toBe(404);
    expect((await api.get('/plies/mulhouse/regles-sorties', { as: DIJON })).status).toBe(404);
    expect((await api.get('/plies/bordeaux/regles-sorties', { as: MULHOUSE })).status).toBe(404);
  });

  it('the Mulhouse admin enters a new version of its rules; nobody else can', async () => {
    const nouvelle = { valideDu: '2099-01-01', decisionCopil: 'COPIL de démonstration du 1er décembre 2098', seuils: [] };
    expect((await api.post('/plies/mulhouse/regles-sorties', { as: 'oi@guichet.test', body: nouvelle })).status).toBe(404);
    const r = await api.post('/plies/mulhouse/regles-sorties', { as: MULHOUSE, body: nouvelle });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ plie: 'mulhouse', base: 'mulhouse-2022', valideDu: '2099-01-01', saisie: { par: MULHOUSE } });
    const lu = (await api.get('/plies/mulhouse/regles-sorties', { as: MULHOUSE })).body.versions.map((v: { version: string }) => v.version);
    expect(lu).toEqual(['mulhouse-2022', r.body.version]);
  });
});
