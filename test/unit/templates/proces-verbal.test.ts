import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMontant } from '#shared/format';
import type { Comite, DecisionComite, DeclarationConflit } from '#shared/schemas/comite';
import { renderProcesVerbal, type DossierProcesVerbal, type ProcesVerbalInput } from '#templates/proces-verbal';
import { aapAgape } from './aap-agape';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const aap = aapAgape({ enveloppeFseCentimes: 50_000_000 });
const PLIE = 'PLIE du Haut Périgord';

// Members are user ids; the seats name them (name and quality), never by e-mail.
const PRESIDENTE = 'u-marchand';
const CONFLIT = 'u-bernard';
const ROUX = 'u-roux';
const sieges = [
  { id: PRESIDENTE, email: 'helene.marchand@agape-fse.fr', nom: 'Hélène Marchand', qualite: 'Présidente du PLIE' },
  { id: ROUX, email: 'jean.roux@dreets.gouv.fr', nom: 'Jean Roux', qualite: 'représentant de la DREETS' },
  { id: CONFLIT, email: 'paul.bernard@cd24.fr', nom: 'Paul Bernard', qualite: 'Conseil départemental' },
  { id: 'u-leroy', email: 'sophie.leroy@pole-emploi.fr', nom: 'Sophie Leroy', qualite: '' },
  { id: 'u-haddad', email: 'karim.haddad@agglo-perigord.fr', nom: 'Karim Haddad', qualite: '' },
];
const membres = sieges.map((s) => s.id);

const dossiers: DossierProcesVerbal[] = [
  { id: 'D1', reference: 'AAP-AGAPE-2021-HP1-732829320', organisationNom: 'Maison de l’Emploi et de la Formation du Haut Périgord', ficheCode: 'HP1', intitule: 'Animation et coordination du PLIE du Haut Périgord' },
  { id: 'D2', reference: 'AAP-AGAPE-2021-HP2-418503117', organisationNom: 'Association « Chantiers du Nontronnais »', ficheCode: 'HP2', intitule: 'Chantier d’insertion patrimoine bâti 2027' },
  { id: 'D3', reference: 'AAP-AGAPE-2021-HP2-552001894', organisationNom: 'Régie de quartier Périgord Vert', ficheCode: 'HP2', intitule: 'Accompagnement vers l’emploi durable des jeunes' },
];

const decisions: DecisionComite[] = [
  { dossierId: 'D1', decision: 'selectionne', motif: 'Opération structurante, cohérente avec la fiche HP1.', pour: 4, contre: 0, abstention: 0, exclus: [CONFLIT], montantFseCentimes: 2_500_000 },
  { dossierId: 'D2', decision: 'rejete', motif: 'Plan de financement non soutenable : contreparties non attestées.', pour: 1, contre: 3, abstention: 1, exclus: [], montantFseCentimes: 0 },
  { dossierId: 'D3', decision: 'ajourne', motif: 'Le comité demande des précisions sur le public visé.', pour: 2, contre: 2, abstention: 1, exclus: [], montantFseCentimes: 0 },
];

const conflits: DeclarationConflit[] = [
  { dossierId: 'D1', membre: CONFLIT, conflit: true, commentaire: 'Le conseil départemental cofinance l’opération.', declareLe: '2027-06-15T12:01:00.000Z' },
  { dossierId: 'D2', membre: CONFLIT, conflit: false, commentaire: '', declareLe: '2027-06-15T12:02:00.000Z' },
  { dossierId: 'D1', membre: ROUX, conflit: false, commentaire: '', declareLe: '2027-06-15T12:03:00.000Z' },
];

function comite(overrides: Partial<Comite> = {}): Comite {
  return {
    id: '01J0COMITEHP0000000000000A',
    aapId: aap.id,
    aapReference: aap.reference,
    oi: aap.organismeIntermediaire.sigle,
    plie: PLIE,
    date: '2027-06-15',
    heure: '14:00',
    lieu: 'Salle du conseil, 8 rue Louis-Mie, Périgueux',
    fuseau: 'Europe/Paris',
    membres,
    president: PRESIDENTE,
    sieges,
    regles: { quorum: { type: 'moitie_plus_un' }, majorite: 'simple' },
    statut: 'clos',
    ordreDuJour: ['D1', 'D2', 'D3'],
    version: 6,
    creeLe: '2027-05-20T08:00:00.000Z',
    creePar: 'gestion@agape-fse.fr',
    ouvertLe: '2027-06-10T08:00:00.000Z',
    closLe: '2027-06-15T15:42:00.000Z',
    decisions,
    // After the session: 12 000 € programmed earlier, 8 000 € selected earlier + 25 000 € today.
    enveloppe: { enveloppeCentimes: 50_000_000, programmeCentimes: 1_200_000, selectionneCentimes: 3_300_000 },
    ...overrides,
  };
}

const entree = (p: Partial<ProcesVerbalInput> = {}): ProcesVerbalInput => ({
  comite: comite(),
  aap,
  dossiers,
  conflits,
  presents: [PRESIDENTE, ROUX, CONFLIT, 'u-leroy'],
  ...p,
});

const texteDe = async (bytes: Uint8Array) => normalize((await extractPages(bytes)).map((p) => p.text).join(' '));

describe('renderProcesVerbal', () => {
  let bytes: Uint8Array;
  let pages: ExtractedPage[];
  let text: string;

  beforeAll(async () => {
    bytes = await renderProcesVerbal(entree());
    pages = await extractPages(bytes);
    text = normalize(pages.map((p) => p.text).join(' '));
    // For a visual check: PV_PDF=/tmp/pv.pdf npx vitest run test/unit/templates/proces-verbal.test.ts
    if (process.env.PV_PDF) writeFileSync(process.env.PV_PDF, bytes);
  });

  it('describes the session, its members and who attended when the comité is closed', () => {
    expect(pages[0]?.text).toContain('Procès-verbal du comité de pilotage');
    expect(text).toContain(`PLIE ${PLIE}`);
    expect(text).toContain('Date et heure 15/06/2027 à 14:00 (Europe/Paris)');
    expect(text).toContain('Lieu Salle du conseil, 8 rue Louis-Mie, Périgueux');
    expect(text).toContain('Président de séance Hélène Marchand, Présidente du PLIE');
    expect(text).toContain('Hélène Marchand, Présidente du PLIE Président présent');
    expect(text).toContain('Sophie Leroy Membre présent');
    expect(text).toContain('Jean Roux, représentant de la DREETS Membre présent');
    expect(text).not.toContain('@');
    expect(text).toContain('Karim Haddad Membre absent');
    expect(text).toContain('4 membres présents sur 5.');
  });

  it('states the quorum and majority rules in words when the rules are the defaults', () => {
    expect(text).toContain('Quorum plus de la moitié des membres sans conflit d’intérêts');
    expect(text).toContain('Majorité majorité simple des suffrages exprimés');
  });

  it('states a fixed quorum and the two-thirds majority when the comité uses them', async () => {
    const texte = await texteDe(await renderProcesVerbal(entree({ comite: comite({ regles: { quorum: { type: 'nombre', nombre: 3 }, majorite: 'deux_tiers' } }) })));
    expect(texte).toContain('Quorum 3 membres');
    expect(texte).toContain('Majorité deux tiers des suffrages exprimés');
  });

  it('registers each declared conflict of interest and excludes the member from the vote when a member declares one', () => {
    const registre = text.slice(text.indexOf('Registre des conflits d’intérêts'), text.indexOf('Examen des dossiers'));
    expect(registre).toContain(`Paul Bernard AAP-AGAPE-2021-HP1-732829320 Le conseil départemental cofinance l’opération.`);
    // Declarations without conflict are not in the register.
    expect(registre).not.toContain('AAP-AGAPE-2021-HP2-418503117');
    expect(registre).not.toContain('Jean Roux');
    expect(registre).toContain('n’ont pas eu accès aux notes de son instruction et n’ont pas pris part au vote');
    expect(text).toContain('Membres exclus du vote Paul Bernard (conflit d’intérêts)');
  });

  it('prints every reference whole on one line in the register and the summary, even the demo’s longer ones', async () => {
    const longue = 'AAP-DEMO-FSEPLUS-HP1-443061841';
    const avecLongue = dossiers.map((d) => (d.id === 'D1' ? { ...d, reference: longue } : d));
    const items = (await extractPages(await renderProcesVerbal(entree({ dossiers: avecLongue })))).flatMap((p) => p.items.map((i) => i.str));
    // Once in the register of conflicts, once in the summary table; the examination heading has its number.
    expect(items.filter((s) => s === longue)).toHaveLength(2);
    for (const d of dossiers.slice(1)) expect(items.filter((s) => s === d.reference)).toHaveLength(1);
  });

  it('records per dossier the votes, the decision in words, the motif and the FSE only when selected', () => {
    const examen = text.slice(text.indexOf('Examen des dossiers'), text.indexOf('Récapitulatif des décisions'));
    for (const d of dossiers) expect(examen).toContain(d.reference);
    expect(examen.indexOf(dossiers[0]!.reference)).toBeLessThan(examen.indexOf(dossiers[1]!.reference));
    expect(examen.indexOf(dossiers[1]!.reference)).toBeLessThan(examen.indexOf(dossiers[2]!.reference));
    expect(examen).toContain('Votes Pour : 4, Contre : 0, Abstention : 0');
    expect(examen).toContain('Votes Pour : 1, Contre : 3, Abstention : 1');
    expect(examen).toContain('Votes Pour : 2, Contre : 2, Abstention : 1');
    expect(examen).toContain('Décision Sélectionné');
    expect(examen).toContain('Décision Rejeté');
    expect(examen).toContain('Décision Ajourné');
    expect(examen).toContain('Motif Plan de financement non soutenable : contreparties non attestées.');
    expect(examen).toContain(`Montant FSE sélectionné ${normalize(formatMontant(2_500_000))}`);
    expect(examen.match(/Montant FSE sélectionné/g)).toHaveLength(1);
    expect(examen).toContain('Fiche opération HP2');
    expect(examen).toContain('Association « Chantiers du Nontronnais »');
  });

  it('shows the enveloppe consumed and remaining after the session when the AAP has an enveloppe', () => {
    expect(text).toContain(`Enveloppe FSE de l’appel à projets ${normalize(formatMontant(50_000_000))}`);
    expect(text).toContain(`dont sélectionné au cours de la présente séance ${normalize(formatMontant(2_500_000))}`);
    expect(text).toContain(`Enveloppe consommée (programmé + sélectionné) ${normalize(formatMontant(4_500_000))}`);
    expect(text).toContain(`Enveloppe restante ${normalize(formatMontant(45_500_000))}`);
  });

  it('says « Enveloppe non définie » and computes no remainder when the AAP has no enveloppe', async () => {
    const sansPlafond = comite({ enveloppe: { enveloppeCentimes: null, programmeCentimes: 1_200_000, selectionneCentimes: 3_300_000 } });
    const texte = await texteDe(await renderProcesVerbal(entree({ comite: sansPlafond })));
    expect(texte).toContain('Enveloppe non définie');
    expect(texte).toContain(`Enveloppe consommée (programmé + sélectionné) ${normalize(formatMontant(4_500_000))}`);
    expect(texte).not.toContain('Enveloppe restante');
  });

  it('closes with the closing instant in the comité’s zone and a signature block for the president', () => {
    expect(text).toContain('Séance close le 15/06/2027 à 17:42 (Europe/Paris).');
    expect(text).toContain('Le président du comité de pilotage Hélène Marchand');
    expect(text).toContain('Date et signature :');
  });

  it('flows a 40-dossier agenda across pages, in agenda order, with « Page n / N » on each', async () => {
    const quarante: DossierProcesVerbal[] = Array.from({ length: 40 }, (_, i) => ({
      id: `X${i}`,
      reference: `AAP-AGAPE-2021-HP${(i % 2) + 1}-${String(100_000_000 + i * 7919)}`,
      organisationNom: `Structure d’insertion n°${i + 1} du Haut Périgord`,
      ficheCode: `HP${(i % 2) + 1}`,
      intitule: `Parcours renforcé vers l’emploi, promotion ${i + 1}`,
    }));
    const choix = ['selectionne', 'rejete', 'ajourne'] as const;
    const toutes: DecisionComite[] = quarante.map((d, i) => ({
      dossierId: d.id,
      decision: choix[i % 3]!,
      motif: `Motif de la décision pour le dossier ${i + 1}.`,
      pour: (i % 4) + 1,
      contre: i % 3,
      abstention: i % 2,
      exclus: i % 7 === 0 ? [CONFLIT] : [],
      montantFseCentimes: i % 3 === 0 ? 100_000 * (i + 1) : 0,
    }));
    const ordre = [...quarante].reverse().map((d) => d.id);
    const seance = toutes.reduce((n, d) => n + d.montantFseCentimes, 0);
    const enveloppe = { enveloppeCentimes: 50_000_000, programmeCentimes: 1_200_000, selectionneCentimes: 800_000 + seance };
    const grand = comite({ ordreDuJour: ordre, decisions: toutes, enveloppe });
    const out = await renderProcesVerbal(entree({ comite: grand, dossiers: quarante, conflits: [] }));
    if (process.env.PV_LONG_PDF) writeFileSync(process.env.PV_LONG_PDF, out);
    const longues = await extractPages(out);
    expect(longues.length).toBeGreaterThan(5);
    longues.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} / ${longues.length}`));
    expectInsideMargins(longues);
    const texte = normalize(longues.map((p) => p.text).join(' '));
    const examen = texte.slice(texte.indexOf('Examen des dossiers'), texte.indexOf('Récapitulatif des décisions'));
    const positions = ordre.map((id) => examen.indexOf(quarante.find((d) => d.id === id)!.reference));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const d of toutes) expect(examen).toContain(`Pour : ${d.pour}, Contre : ${d.contre}, Abstention : ${d.abstention}`);
    expect(texte).toContain('Aucun membre n’a déclaré de conflit d’intérêts');
    expect(texte).toContain('Séance close le');
  });

  it('numbers every page with the reference and keeps text inside the margins when rendered', () => {
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(page.text).toContain(`Procès-verbal · ${aap.reference}`);
    });
    expectInsideMargins(pages);
  });

  it('produces byte-identical output dated at the closing when rendered twice from the same input', async () => {
    const again = await renderProcesVerbal(entree());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const relu = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2027-06-15T15:42:00.000Z');
    expect(relu.getModificationDate()?.toISOString()).toBe('2027-06-15T15:42:00.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
    expect(relu.getCreator()).toBe('Guichet');
  });

  it('is dated at the creation and says the session is not closed when closLe is null', async () => {
    const ouvert = comite({ statut: 'ouvert', closLe: null, decisions: [], enveloppe: null });
    const out = await renderProcesVerbal(entree({ comite: ouvert }));
    const relu = await PDFDocument.load(out, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2027-05-20T08:00:00.000Z');
    const texte = await texteDe(out);
    expect(texte).toContain('Séance non close');
    expect(texte).toContain('Décision Non délibéré');
    expect(texte).toContain(`Enveloppe FSE ${normalize(formatMontant(50_000_000))}`);
  });
});
