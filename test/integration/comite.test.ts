import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { extractPages } from '../unit/templates/pdf-text';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { aujourdhui, comiteOuvert, declarer, dossierDepose, dossierInstruit, GESTIONNAIRE, MEMBRES, notes, OI, P1, PRESENTS, voter } from './comite-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };
const HP = 'PLIE du Haut Périgord';
const texte = async (octets: Uint8Array) => (await extractPages(octets)).map((p) => p.text).join(' ');

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

describe('recevabilité and instruction', () => {
  it('records irrecevable with its motif, and refuses scores outside 1–5 or without rationale', async () => {
    const d = await dossierDepose(api, aap.id, 'HP2');
    const sansMotif = await api.post(`/dossiers/${d.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { decision: 'irrecevable' } });
    expect(sansMotif.status).toBe(400);
    const irr = await api.post(`/dossiers/${d.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { decision: 'irrecevable', motif: 'Opération hors du périmètre de la fiche.' } });
    expect([irr.status, irr.body.statut, irr.body.suivi.motifIrrecevabilite]).toEqual([200, 'irrecevable', 'Opération hors du périmètre de la fiche.']);
    expect((await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body.items.at(-1).type).toBe('recevabilite');
    // Irrecevabilité produces a letter too, with its motif.
    const lettreIrr = await api.get(`/dossiers/${d.id}/lettre-decision.pdf`, { as: P1 });
    expect(lettreIrr.status).toBe(200);
    const texteIrr = await texte(lettreIrr.body);
    expect(texteIrr).toContain('Opération hors du périmètre de la fiche.');
    expect(texteIrr).toContain('Irrecevabilité de votre demande');
    const d2 = await dossierDepose(api, aap.id, 'HP1');
    // HP1 (seed 002 l.5585): the porteur must work in insertion and emploi « pour que sa proposition soit étudiée ».
    const [condition] = (await api.get(`/aaps/${aap.id}/fiches/HP1`)).body.conditionsRecevabilite;
    expect(condition).toMatch(/champ de l'insertion professionnelle et de l'emploi/);
    for (const body of [{ decision: 'recevable' }, { decision: 'recevable', conditions: [{ condition, remplie: false }] }]) {
      const refus = await api.post(`/dossiers/${d2.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(d2.version) }, body });
      expect([refus.status, refus.body.code, refus.body.details[0].chemin]).toEqual([422, 'CONDITION_RECEVABILITE_NON_REMPLIE', 'corps.conditions.0']);
    }
    expect((await api.get(`/dossiers/${d2.id}`, { as: OI })).body.statut).toBe('depose');
    const rec = await api.post(`/dossiers/${d2.id}/recevabilite`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(d2.version) }, body: { decision: 'recevable', conditions: [{ condition, remplie: true }] },
    });
    expect(rec.body.suivi.conditionsRecevabilite).toEqual([condition]);
    const grille = await notes(api, d2.id);
    const base = { avis: 'favorable', montantFsePropose: 800_000, commentaire: '' };
    for (const [note, justification] of [[6, 'Justification suffisante.'], [0, 'Justification suffisante.'], [3, '']] as const) {
      const r = await api.put(`/dossiers/${d2.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(rec.body.version) }, body: { ...base, notes: [{ ...grille[0], note, justification }, ...grille.slice(1)] } });
      expect(r.status).toBe(400);
    }
    const incomplete = await api.put(`/dossiers/${d2.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(rec.body.version) }, body: { ...base, notes: grille.slice(1) } });
    expect([incomplete.status, incomplete.body.code]).toEqual([422, 'GRILLE_INCOMPLETE']);
    // The porteur asked for 8 560,00 € of FSE: the instruction may propose less, never more.
    const plus = await api.put(`/dossiers/${d2.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(rec.body.version) }, body: { ...base, montantFsePropose: 856_001, notes: grille } });
    expect([plus.status, plus.body.code, plus.body.details[0].message]).toEqual([422, 'MONTANT_SUPERIEUR_DEMANDE', 'Au plus 8\u00a0560,00\u00a0€, le FSE sollicité.']);
    expect((await api.get(`/dossiers/${d2.id}`, { as: OI })).body).toMatchObject({ statut: 'recevable', version: rec.body.version });
    const ok = await api.put(`/dossiers/${d2.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(rec.body.version) }, body: { ...base, notes: grille } });
    expect(ok.status).toBe(200);
    const rescore = await api.put(`/dossiers/${d2.id}/instruction`, { as: GESTIONNAIRE, headers: { 'if-match': String(ok.body.dossier.version) }, body: { ...base, avis: 'reserve', notes: grille.map((n: object) => ({ ...n, note: 2 })) } });
    expect(rescore.body.instruction.version).toBe(2);
    const lu = (await api.get(`/dossiers/${d2.id}/instruction`, { as: OI })).body;
    expect(lu.historique.map((i: { avis: string }) => i.avis)).toEqual(['favorable', 'reserve']);
    expect((await api.get(`/dossiers/${d2.id}/instruction`, { as: P1 })).status).toBe(403);
    const rapport = await api.get(`/dossiers/${d2.id}/rapport-instruction.pdf`, { as: OI });
    expect(rapport.headers.get('content-type')).toBe('application/pdf');
    expect(await texte(rapport.body)).toContain('2/5');
  });
});

describe('a full comité session', () => {
  it('runs with 5 members, one in conflict on one dossier, and produces the PV, the letters and the programmation', async () => {
    const [a, b] = [await dossierInstruit(api, aap.id, 'HP1', 800_000), await dossierInstruit(api, aap.id, 'HP2', 500_000)];
    const c = await comiteOuvert(api, aap.id, HP, [a.id, b.id]);
    const [president, m2, m3, m4, m5] = MEMBRES as [string, string, string, string, string];
    // comite5 sits on the board of the structure behind dossier a.
    expect((await declarer(api, c.id, m5, a.id, true)).status).toBe(201);
    expect((await api.get(`/comites/${c.id}/dossiers/${a.id}`, { as: m5 })).status).toBe(403);
    expect((await api.get(`/dossiers/${a.id}/instruction`, { as: m5 })).body.code).toBe('CONFLIT_INTERETS');
    const refus = await voter(api, c.id, m5, a.id, 'pour');
    expect([refus.status, refus.body.code]).toEqual([403, 'CONFLIT_INTERETS']);
    expect((await declarer(api, c.id, m5, a.id, false)).body.code).toBe('DECLARATION_EXISTANTE');
    for (const m of MEMBRES) {
      for (const d of [a, b]) if (!(m === m5 && d === a)) expect((await declarer(api, c.id, m, d.id)).status).toBe(201);
    }
    expect((await api.get(`/comites/${c.id}/dossiers/${a.id}`, { as: m2 })).body.instruction.avis).toBe('favorable');
    for (const m of [president, m2, m3]) await voter(api, c.id, m, a.id, 'pour');
    await voter(api, c.id, m4, a.id, 'contre');
    await voter(api, c.id, m2, a.id, 'contre');
    await voter(api, c.id, m2, a.id, 'pour'); // changed until closing
    for (const m of [president, m2]) await voter(api, c.id, m, b.id, 'contre');
    for (const m of [m3, m4, m5]) await voter(api, c.id, m, b.id, 'abstention');

    const vueMembre = (await api.get(`/comites/${c.id}`, { as: m3 })).body;
    expect(vueMembre.decomptes).toBeUndefined();
    expect(vueMembre.mesVotes).toHaveLength(2);
    const vuePresident = (await api.get(`/comites/${c.id}`, { as: president })).body;
    expect(vuePresident.decomptes.find((x: { dossierId: string }) => x.dossierId === a.id)).toMatchObject({ pour: 3, contre: 1, abstention: 0, exclus: ['demo-comite5'] });
    // Seats name people by user id, with the name and quality documents print.
    expect(vuePresident.sieges.find((s: { id: string }) => s.id === 'demo-comite5')).toMatchObject({ email: m5, nom: 'Isabelle Petit', qualite: 'Représentante de la Région Nouvelle-Aquitaine' });
    expect((await api.get(`/comites/${c.id}`, { as: P1 })).status).toBe(403);

    // A rejection carries the president's motif: refused without it, nothing closed.
    const sansMotif = await api.post(`/comites/${c.id}/cloture`, { as: president, body: { presents: PRESENTS } });
    expect([sansMotif.status, sansMotif.body.code, sansMotif.body.details[0].chemin]).toEqual([422, 'MOTIF_REJET_REQUIS', `decisions.${b.id}.motif`]);
    const close = await api.post(`/comites/${c.id}/cloture`, { as: president, body: { presents: PRESENTS, decisions: [{ dossierId: b.id, ajourner: false, motif: 'Plan de financement insuffisamment cofinancé.' }] } });
    expect(close.status).toBe(200);
    expect((await api.get(`/dossiers/${b.id}`, { as: P1 })).body.suivi.decision.motif).toBe('Plan de financement insuffisamment cofinancé.');
    expect(close.body.decisions.map((x: { decision: string }) => x.decision)).toEqual(['selectionne', 'rejete']);
    expect((await voter(api, c.id, president, a.id, 'contre')).status).toBe(409);

    const pv = await texte((await api.get(`/comites/${c.id}/proces-verbal.pdf`, { as: OI })).body);
    for (const d of [a, b]) expect(pv).toContain(d.reference);
    expect(pv).toMatch(/Pour : 3.*Contre : 1.*Abstention : 0/s);
    expect(pv).toMatch(/Pour : 0.*Contre : 2.*Abstention : 3/s);
    // The PV names people (name, quality), never by e-mail address.
    expect(pv).toContain('Isabelle Petit');
    expect(pv).toContain('Hélène Garnier, Présidente du PLIE du Haut Périgord');
    expect(pv).not.toContain('@guichet.test');
    expect(pv).toMatch(/Sélectionné/);
    expect(pv).toMatch(/Rejeté/);

    const vuePorteur = (await api.get(`/dossiers/${a.id}`, { as: P1 })).body;
    expect(vuePorteur.statut).toBe('selectionne');
    expect(vuePorteur.suivi.decision.montantFseCentimes).toBe(800_000);
    expect(vuePorteur.suivi.avis).toBeUndefined();
    expect(vuePorteur.suivi.decision.motif).toBe('Avis favorable du comité.');
    expect(JSON.stringify(vuePorteur)).not.toMatch(/\d+ pour|\d+ contre|abstention/);
    const lettre = await texte((await api.get(`/dossiers/${b.id}/lettre-decision.pdf`, { as: P1 })).body);
    expect(lettre).toContain(b.reference);
    expect(lettre).not.toMatch(/Pour :|\/5/);

    const aLu = (await api.get(`/dossiers/${a.id}`, { as: OI })).body;
    const trop = await api.post(`/dossiers/${a.id}/programmation`, { as: OI, headers: { 'if-match': String(aLu.version) }, body: { montantFseCentimes: 800_001, dateDecision: aujourdhui() } });
    expect(trop.status).toBe(422);
    // A decision already taken: never dated after today (server clock, AAP zone).
    const future = await api.post(`/dossiers/${a.id}/programmation`, { as: OI, headers: { 'if-match': String(aLu.version) }, body: { montantFseCentimes: 750_000, dateDecision: '2099-03-01' } });
    expect([future.status, future.body.code, future.body.details[0].chemin]).toEqual([422, 'DATE_DECISION_FUTURE', 'corps.dateDecision']);
    // Below the selected amount, the admin writes why: the letter gives the porteur the reason.
    const sansMotifProg = await api.post(`/dossiers/${a.id}/programmation`, { as: OI, headers: { 'if-match': String(aLu.version) }, body: { montantFseCentimes: 750_000, dateDecision: aujourdhui() } });
    expect([sansMotifProg.status, sansMotifProg.body.code, sansMotifProg.body.details[0].chemin]).toEqual([422, 'MOTIF_REDUCTION_REQUIS', 'corps.motif']);
    const prog = await api.post(`/dossiers/${a.id}/programmation`, { as: OI, headers: { 'if-match': String(aLu.version) }, body: { montantFseCentimes: 750_000, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-03', motif: 'Dépenses de prestations non retenues.' } });
    expect(prog.body.suivi.programmation.motif).toBe('Dépenses de prestations non retenues.');
    expect(prog.body.statut).toBe('programme');
    const env = (await api.get(`/aaps/${aap.id}/enveloppe`, { as: OI })).body;
    expect([env.programmeCentimes, env.selectionneCentimes]).toEqual([750_000, 0]);
    expect(env.restantCentimes).toBe(2_450_000_00 - 750_000);
  });
});

describe('attendance at a session', () => {
  it('records who the president ticks present: the PV lists a member who attended without voting, and one not ticked as absent', async () => {
    const a = await dossierInstruit(api, aap.id, 'HP1', 100_000);
    const c = await comiteOuvert(api, aap.id, HP, [a.id]);
    const [president, m2, m3] = MEMBRES as [string, string, string];
    for (const m of [president, m2, m3]) await declarer(api, c.id, m, a.id), await voter(api, c.id, m, a.id, 'pour');
    // demo-comite4 (Julien Moreau) attends without declaring or voting; demo-comite5 (Isabelle Petit) is not there.
    const [p1, p2, p3, p4] = PRESENTS as [string, string, string, string];
    const cloture = (body: object) => api.post(`/comites/${c.id}/cloture`, { as: president, body });
    expect((await cloture({})).status).toBe(400);
    const inconnu = await cloture({ presents: [p1, p2, p3, 'demo-porteur'] });
    expect([inconnu.status, inconnu.body.code, inconnu.body.details]).toEqual([422, 'PRESENCE_INCONNUE', [{ chemin: 'corps.presents', message: '« demo-porteur » ne siège pas à ce comité.' }]]);
    const oubli = await cloture({ presents: [p1, p3, p4] });
    expect([oubli.status, oubli.body.code, oubli.body.details]).toEqual([
      422, 'PRESENCE_INCOHERENTE', [{ chemin: 'corps.presents', message: 'Marc Rousseau a pris part à la séance (vote ou déclaration d’intérêts) : cochez sa présence.' }],
    ]);
    expect((await api.get(`/comites/${c.id}`, { as: president })).body).toMatchObject({ statut: 'ouvert', participants: [p1, p2, p3] });

    const close = await cloture({ presents: [p4, p3, p2, p1] });
    expect([close.status, close.body.presents]).toEqual([200, [p1, p2, p3, p4]]);
    const pv = await texte((await api.get(`/comites/${c.id}/proces-verbal.pdf`, { as: OI })).body);
    expect(pv).toContain('Julien Moreau, Représentant de France Travail Membre présent');
    expect(pv).toContain('Isabelle Petit, Représentante de la Région Nouvelle-Aquitaine Membre absent');
    expect(pv).toContain('4 membres présents sur 5.');
  });
});

describe('bad input on comités', () => {
  it('refuses votes off the agenda or after closing (409), without quorum (422) and over the enveloppe (422)', async () => {
    const c0 = lireContenuPetiteEnveloppe();
    const imp = await api.post('/aaps/import', { as: OI, body: c0 });
    const pub = await api.post(`/aaps/${imp.body.id}/publication`, { as: OI, body: {} });
    expect(pub.status).toBe(200);
    const [a, b, hors] = [await dossierInstruit(api, imp.body.id, 'HP1', 600_000), await dossierInstruit(api, imp.body.id, 'HP2', 600_000), await dossierInstruit(api, imp.body.id, 'S1')];
    const c = await comiteOuvert(api, imp.body.id, HP, [a.id, b.id]);
    expect((await declarer(api, c.id, MEMBRES[0]!, hors.id)).status).toBe(409);
    expect((await voter(api, c.id, MEMBRES[0]!, hors.id, 'pour')).status).toBe(409);
    expect((await voter(api, c.id, MEMBRES[0]!, a.id, 'pour')).body.code).toBe('DECLARATION_REQUISE');
    for (const m of MEMBRES.slice(0, 2)) for (const d of [a, b]) await declarer(api, c.id, m, d.id), await voter(api, c.id, m, d.id, 'pour');
    const sansQuorum = await api.post(`/comites/${c.id}/cloture`, { as: OI, body: { presents: PRESENTS } });
    expect([sansQuorum.status, sansQuorum.body.code]).toEqual([422, 'QUORUM_NON_ATTEINT']);
    await declarer(api, c.id, MEMBRES[2]!, a.id), await voter(api, c.id, MEMBRES[2]!, a.id, 'pour');
    await declarer(api, c.id, MEMBRES[2]!, b.id), await voter(api, c.id, MEMBRES[2]!, b.id, 'pour');
    const depasse = await api.post(`/comites/${c.id}/cloture`, { as: OI, body: { presents: PRESENTS } });
    expect([depasse.status, depasse.body.code]).toEqual([422, 'ENVELOPPE_DEPASSEE']);
    expect(depasse.body.message).toMatch(/12\s000,00\s€.*10\s000,00\s€/);
    expect((await api.get(`/dossiers/${a.id}`, { as: OI })).body.statut).toBe('inscrit_comite');
    const ajourne = await api.post(`/comites/${c.id}/cloture`, { as: OI, body: { presents: PRESENTS, decisions: [{ dossierId: b.id, ajourner: true, motif: 'Plan de financement à consolider.' }] } });
    expect(ajourne.status).toBe(200);
    expect((await voter(api, c.id, MEMBRES[0]!, a.id, 'contre')).body.code).toBe('COMITE_CLOS');
    expect((await api.get(`/dossiers/${b.id}`, { as: P1 })).body.statut).toBe('ajourne');
  });

  it('tallies exactly when 5 members vote concurrently on 10 dossiers', async () => {
    const dossiers: Array<{ id: string }> = [];
    for (let i = 0; i < 10; i++) dossiers.push(await dossierInstruit(api, aap.id, i % 2 ? 'HP1' : 'HP2', 10_000));
    const c = await comiteOuvert(api, aap.id, HP, dossiers.map((d) => d.id));
    await Promise.all(MEMBRES.flatMap((m) => dossiers.map((d) => declarer(api, c.id, m, d.id))));
    const attendu = (i: number, j: number) => (['pour', 'contre', 'abstention'] as const)[(i + j) % 3]!;
    const r = await Promise.all(MEMBRES.flatMap((m, j) => dossiers.map((d, i) => voter(api, c.id, m, d.id, attendu(i, j)))));
    expect(r.every((x) => x.status === 200)).toBe(true);
    const vue = (await api.get(`/comites/${c.id}`, { as: OI })).body;
    dossiers.forEach((d, i) => {
      const compte = (v: string) => MEMBRES.filter((_, j) => attendu(i, j) === v).length;
      expect(vue.decomptes.find((x: { dossierId: string }) => x.dossierId === d.id)).toMatchObject({ pour: compte('pour'), contre: compte('contre'), abstention: compte('abstention'), votants: 5 });
    });
  });
});

/** The demo AAP under another référence with a 10 000 € enveloppe. */
function lireContenuPetiteEnveloppe() {
  return JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: 'AAP-PETITE-ENVELOPPE', enveloppeFseCentimes: 1_000_000 }));
}
