import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import { journaliser } from '#shared/domain/dossier/journal';
import type { Dossier } from '#shared/schemas/dossier';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { dossierDepose, dossierInstruit, GESTIONNAIRE, OI, P1 } from './comite-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let fsePlus: { id: string };
let pon: { id: string; organisationId: string };

const ENTETE_2018 = 'nom;prenom;date_naissance;sexe;commune_naissance;code_postal_naissance;adresse;code_postal;commune;telephone_mobile;telephone_domicile;courriel;date_entree;notice_remise_le;notice_mode;prescripteur;Q1a;Q1b;Q1c;Q1d;Q1e;Q1f;Q1g;Q2;Q3;Q4;Q5;Q6;Q7a;Q7b;Q7c';
const ligne2018 = (nom: string, o: Partial<Record<'Q3' | 'Q5', string>> = {}) =>
  `${nom};Marie;12/03/1985;F;Nontron;24300;3 rue des Tanneries;24300;Nontron;06 12 34 56 78;;;02/03/2021;02/03/2021;papier;Pôle emploi;non;non;non;non;non;oui;14;2c;${o.Q3 ?? 'non'};oui;${o.Q5 ?? 'non'};nsp;;;`;
const base64 = (texte: string, encodage: 'utf8' | 'latin1' = 'utf8') => Buffer.from(texte, encodage).toString('base64');
const importer = (id: string, csv: string, as = P1, encodage: 'utf8' | 'latin1' = 'utf8') =>
  api.post(`/dossiers/${id}/participants/imports`, { as, body: { nomFichier: 'participants.csv', contenuBase64: base64(csv, encodage) } });

/** A participant of the FSE+ demo AAP (the FSE+ common indicators). */
const participantFsePlus = (nom = 'Durand', dateEntree = '2026-11-02') => ({
  identite: {
    nom, prenom: 'Paul', dateNaissance: '1999-05-20', sexe: 'homme', naissance: { commune: 'Agen', codePostal: '47000' },
    adresse: { ligne: '1 place Jasmin', codePostal: '47000', commune: 'Agen' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
  },
  dateEntree,
  questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 8, Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'nsp', Q6: 'non', Q7: 'non' } },
  plie: { prescripteur: 'Mission locale', decisionCommission: null, contratEngagementSigneLe: null },
  notice: { remiseLe: dateEntree, mode: 'papier' },
});

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  fsePlus = await aapOuvert(api);
  // A recevable dossier of the AGAPE 2021 AAP (PON 2014-2020, the questionnaire of 26/11/2018), written as the archive
  // it belongs to: its dépôt closed in 2021, so it cannot go through the API's dépôt today.
  const agape = ((await api.get('/aaps?limit=100')).body.items as Array<{ id: string; reference: string }>).find((a) => a.reference === 'AAP-AGAPE-2021')!;
  const org = (await api.get('/organisations', { as: P1 })).body.items[0] as { id: string; raisonSociale: string; siret: string };
  const d: Dossier = {
    id: 'PARTICIPANTS-PON-1', reference: `AAP-AGAPE-2021-HP1-${org.siret.slice(0, 9)}`, aapId: agape.id, aapReference: agape.reference, oi: 'AGAPE', ficheCode: 'HP1',
    ficheTitre: 'Animation et coordination du PLIE', plie: 'PLIE du Haut Périgord', plieId: 'haut-perigord', organisationId: org.id, organisationNom: org.raisonSociale, siret: org.siret,
    statut: 'recevable', version: 3, creeLe: '2021-02-01T09:00:00.000Z', creePar: 'demo-porteur', modifieLe: '2021-03-01T09:00:00.000Z',
    contenu: {
      intitule: 'Accompagnement des participants du PLIE du Haut Périgord',
      description: { objectifs: 'Accompagner 40 participants.', publicVise: 'Demandeurs d’emploi.', modalites: 'Entretiens.', territoire: 'Haut Périgord' },
      calendrier: { debut: '2021-01-01', fin: '2021-12-31' },
      indicateurs: [{ libelle: 'Participants accompagnés', unite: 'personnes', cibleFiche: 40, valeurPrevue: 40 }],
      planFinancement: { depenses: { personnel: [], fonctionnement: [], prestations: [], participants: [] }, indirects: { mode: 'aucun' }, ressources: { fseCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 } },
    },
    depot: { deposeLe: '2021-02-15T09:00:00.000Z', deposePar: 'Porteur', fuseau: 'Europe/Paris', empreinte: 'x' },
    complements: null, complementsRecus: [], suivi: {}, empreinteJournal: null, evenementsJournal: 0,
  };
  const { dossier, evenement } = journaliser(d, { id: 'EVT-PON-1', type: 'creation', auteur: { userId: 'demo-porteur', email: P1, roles: ['porteur'], oi: null, prenom: null, nom: null }, de: null, maintenant: new Date('2021-02-01T09:00:00Z') });
  await dossierRepository.creer(dossier, evenement);
  pon = { id: d.id, organisationId: org.id };
}, 120_000);
afterAll(async () => g?.stop());

describe('participants: CSV import (questionnaire of 26/11/2018)', () => {
  it('imports the complete row, reports « ligne 3 : Q5 — réponse obligatoire » and the refused « ne souhaite pas répondre » at Q3; a re-import creates nothing', async () => {
    const csv = [ENTETE_2018, ligne2018('Lacombe'), ligne2018('Faure', { Q5: '' }), ligne2018('Roux', { Q3: 'ne souhaite pas répondre' })].join('\n');
    const r = await importer(pon.id, csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ encodage: 'UTF-8', separateur: ';', lignes: 3, crees: 1, modifies: 0, inchanges: 0 });
    expect(r.body.erreurs).toEqual([
      { ligne: 3, message: 'Q5 — réponse obligatoire' },
      { ligne: 4, message: 'Q3 — « ne souhaite pas répondre » n’est pas permis' },
    ]);
    expect(r.body.rapportCsv).toContain('ligne 3 : Q5 — réponse obligatoire');
    const encore = await importer(pon.id, csv);
    expect(encore.body).toMatchObject({ crees: 0, modifies: 0, inchanges: 1 });
    // A changed row is updated, never duplicated; Windows-1252 and `,` are read too.
    const modifie = [ENTETE_2018.replace(/;/g, ','), ligne2018('Lacombe').replace(';3 rue des Tanneries;', ';5 rue des Tanneries;').replace(/;/g, ',')].join('\r\n');
    const r3 = await importer(pon.id, modifie, P1, 'latin1');
    expect(r3.body).toMatchObject({ encodage: 'Windows-1252', separateur: ',', crees: 0, modifies: 1, inchanges: 0, erreurs: [] });
    const liste = await api.get(`/dossiers/${pon.id}/participants`, { as: P1 });
    expect(liste.body.items).toHaveLength(1);
    expect(liste.body.items[0]).toMatchObject({ identite: { nom: 'Lacombe', adresse: { ligne: '5 rue des Tanneries' } }, age: 35, conserverJusquAu: '2033-12-31', version: 2 });
  }, 60_000);

  it('refuses a file without the questionnaire’s columns (400, nothing imported), and escapes formulas on export', async () => {
    const sans = await importer(pon.id, 'nom;prenom\nA;B');
    expect(sans.status).toBe(400);
    expect(sans.body.code).toBe('COLONNES_MANQUANTES');
    const formule = [ENTETE_2018, ligne2018('=cmd|\' /C calc\'!A0')].join('\n');
    expect((await importer(pon.id, formule)).body.crees).toBe(1);
    const e = await api.get(`/dossiers/${pon.id}/participants/export.csv`, { as: GESTIONNAIRE });
    expect(e.status).toBe(200);
    expect(e.headers.get('content-type')).toMatch(/text\/csv/);
    const texte = new TextDecoder().decode(e.body);
    expect(texte).toContain(`'=cmd|' /C calc'!A0`);
    expect(texte).not.toMatch(/(^|;)=cmd/m);
  }, 60_000);
});

describe('participants: access', () => {
  it('members of the organisation and the OI’s agents read; the OI does not write; comité members and other porteurs never see them; every access is journaled', async () => {
    const d = await dossierInstruit(api, fsePlus.id, 'HP1');
    const cree = await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: participantFsePlus() });
    expect(cree.status).toBe(201);
    expect(cree.body).toMatchObject({ conserverJusquAu: '2035-12-31', age: 27, sortie: null });
    expect((await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: participantFsePlus() })).body.code).toBe('PARTICIPANT_EXISTANT');
    expect((await api.get(`/dossiers/${d.id}/participants/${cree.body.id}`, { as: GESTIONNAIRE })).status).toBe(200);
    expect((await api.post(`/dossiers/${d.id}/participants`, { as: OI, body: participantFsePlus('Autre') })).status).toBe(403);
    expect((await api.get(`/dossiers/${d.id}/participants`, { as: 'comite1@guichet.test' })).status).toBe(403);
    expect((await api.get(`/dossiers/${d.id}/participants/${cree.body.id}`, { as: 'porteur2@guichet.test' })).status).toBe(404);
    const acces = (await api.get(`/dossiers/${d.id}/participants/acces`, { as: OI })).body.items as Array<{ action: string; utilisateurId: string }>;
    expect(acces.map((a) => `${a.action}:${a.utilisateurId}`)).toEqual(expect.arrayContaining(['creation:demo-porteur', 'lecture:demo-gestionnaire']));
    expect(acces.some((a) => a.utilisateurId === 'demo-comite1' || a.utilisateurId === 'demo-porteur2')).toBe(false);
  }, 120_000);

  it('refuses an entry dated after today, incoherent answers, and a dossier not yet recevable', async () => {
    const d = await dossierInstruit(api, fsePlus.id, 'HP1');
    const futur = await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: participantFsePlus('Futur', '2099-01-01') });
    expect(futur.status).toBe(422);
    expect(JSON.stringify(futur.body.details)).toMatch(/ne peut pas être postérieure à la date de saisie/);
    const incoherent = participantFsePlus('Incoherent');
    incoherent.questionnaire.reponses = { ...incoherent.questionnaire.reponses, Q1b: 'oui' };
    const r = await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: incoherent });
    expect(r.status).toBe(422);
    expect(r.body.details.map((x: { message: string }) => x.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Q1f — ne se renseigne que si 1a à 1d sont « non »/)]));
    expect((await api.get(`/dossiers/${d.id}/participants`, { as: P1 })).body.items).toHaveLength(0);
    const depose = await dossierDepose(api, fsePlus.id, 'HP1');
    const tot = await api.post(`/dossiers/${depose.id}/participants`, { as: P1, body: participantFsePlus('Tot') });
    expect(tot.status).toBe(409);
    expect(tot.body.code).toBe('PARTICIPANTS_NON_OUVERTS');
  }, 120_000);
});

describe('participants: sorties qualified by the PLIE’s rules', () => {
  it('an exit keyed late is kept but flagged « hors délai » and left out of the immediate results', async () => {
    const d = await dossierInstruit(api, fsePlus.id, 'HP1');
    const p = (await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: participantFsePlus('Sortant', '2026-01-05') })).body;
    const sortie = { date: '2026-06-30', situation: 'cdi', debut: '2026-07-01', tempsPlein: true, employeur: 'SARL Périgord Bois' };
    const r = await api.post(`/dossiers/${d.id}/participants/${p.id}/sortie`, { as: P1, headers: { 'if-match': String(p.version) }, body: sortie });
    expect(r.status).toBe(200);
    expect(r.body.sortie).toMatchObject({ situation: 'cdi', horsDelai: true });
    expect(r.body.qualification).not.toBeNull();
    const i = (await api.get(`/dossiers/${d.id}/participants/indicateurs`, { as: OI })).body;
    expect(i).toMatchObject({ participants: 1, sorties: 1, sortiesHorsDelai: 1, sortiesPositives: 0, parSexe: { homme: 1, femme: 0 } });
    // Computing the indicators reads every record: journaled as such, not as a consultation of the list.
    const acces = (await api.get(`/dossiers/${d.id}/participants/acces`, { as: OI })).body.items as Array<{ action: string; utilisateurId: string; nombre: number | null }>;
    expect(acces.filter((a) => a.action === 'indicateurs').map((a) => [a.utilisateurId, a.nombre])).toEqual([['demo-oi-admin', 1]]);
  }, 120_000);
});

describe('participants: retention', () => {
  it('the daily purge deletes the records past their retention date (31/12/2033 for 2014-2020), with their natural key, and only those', async () => {
    const { purge } = await import('#functions/participants/purger');
    const avant = (await api.get(`/dossiers/${pon.id}/participants`, { as: P1 })).body.items.length as number;
    expect(avant).toBeGreaterThan(0);
    expect(await purge(new Date('2033-12-31T12:00:00Z'))).toBe(0);
    expect(await purge(new Date('2034-01-01T12:00:00Z'))).toBeGreaterThanOrEqual(avant);
    expect((await api.get(`/dossiers/${pon.id}/participants`, { as: P1 })).body.items).toHaveLength(0);
    // The natural key went with the record: the same person can be entered again.
    const csv = [ENTETE_2018, ligne2018('Lacombe')].join('\n');
    expect((await importer(pon.id, csv)).body.crees).toBe(1);
  }, 60_000);
});
