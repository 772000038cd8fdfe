import { describe, expect, it } from 'vitest';
import { csvVirements, exigerComptes, painVirements, texteSepa, type LigneVirement } from '#shared/domain/bilan/virements';
import { CoordonneesBancaires, DemandeUpload } from '#shared/schemas/piece';
import { DomainError } from '#shared/domain/errors';

const compte = { titulaire: 'Mission locale de Nontron', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
const ligne = (n: number, montantCentimes: number, avecCompte = true): LigneVirement => ({
  dossierId: `D${n}`, reference: `AAP-HP1-${n}`, organisationNom: `Structure ${n}`, siret: '80155117000013', paiementId: `01PAIEMENT${String(n).padStart(16, '0')}`,
  nature: 'acompte', montantCentimes, compte: avecCompte ? compte : null,
});
const debiteur = { titulaire: 'AGAPE', iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPLIL' };
const parametres = { messageId: 'GUICHET-AGAPE-1', creeLe: new Date('2026-12-03T08:00:00Z'), dateExecution: '2027-01-15', initiateur: 'AGAPE', debiteur };
const code = async (f: () => unknown) => {
  try {
    await f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('bank details declared with a RIB', () => {
  it('keeps the IBAN in electronic format and the BIC in upper case', () => {
    expect(CoordonneesBancaires.parse({ titulaire: ' Mission locale ', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri fr pp' }))
      .toEqual({ titulaire: 'Mission locale', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' });
  });

  it('refuses a wrong IBAN key, an IBAN outside SEPA and a malformed BIC, each with its French reason', () => {
    const messages = (v: unknown) => (CoordonneesBancaires.safeParse(v).error?.issues ?? []).map((i) => i.message).join(' | ');
    expect(messages({ ...compte, iban: 'FR7630006000011234567890188' })).toMatch(/IBAN invalide/);
    expect(messages({ ...compte, iban: 'BR1800360305000010009795493C1' })).toMatch(/zone SEPA/);
    expect(messages({ ...compte, bic: 'AGRI' })).toMatch(/BIC invalide/);
    expect(DemandeUpload.safeParse({ typePiece: 'RIB', nomFichier: 'rib.pdf', taille: 10, typeContenu: 'application/pdf', sha256: 'a'.repeat(64), coordonnees: { ...compte, iban: 'FR00' } }).success).toBe(false);
  });
});

describe('the SEPA credit transfer file', () => {
  it('prints every amount and the control sums exactly, from integer cents (no float drift over many transfers)', async () => {
    const lignes = Array.from({ length: 300 }, (_, i) => ligne(i + 1, [10, 20, 70, 1, 99_999_999_99][i % 5]!));
    const { xml, nombre, totalCentimes } = await painVirements(lignes, parametres);
    const attendu = lignes.reduce((s, l) => s + BigInt(l.montantCentimes), 0n);
    expect(nombre).toBe(300);
    expect(BigInt(totalCentimes)).toBe(attendu);
    const sommes = [...xml.matchAll(/<CtrlSum>([0-9.]+)<\/CtrlSum>/g)].map((m) => m[1]);
    expect(sommes).toEqual([`${attendu / 100n}.${String(attendu % 100n).padStart(2, '0')}`, `${attendu / 100n}.${String(attendu % 100n).padStart(2, '0')}`]);
    expect(xml).toContain('<NbOfTxs>300</NbOfTxs>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.10</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">99999999.99</InstdAmt>');
    expect(xml).toContain('<PmtMtd>TRF</PmtMtd>');
    expect(xml).toContain('<SvcLvl><Cd>SEPA</Cd></SvcLvl>');
  });

  it('refuses to leave anyone out: 422 naming each dossier whose RIB declares no account, and 422 when nothing is to pay', async () => {
    expect(await code(() => painVirements([ligne(1, 100), ligne(2, 100, false), ligne(3, 100, false)], parametres))).toBe('COORDONNEES_BANCAIRES_MANQUANTES');
    expect(() => exigerComptes([ligne(2, 100, false)])).toThrow(/AAP-HP1-2 \(Structure 2\)/);
    expect(await code(() => painVirements([], parametres))).toBe('AUCUN_PAIEMENT_A_VIRER');
  });

  it('writes names and references in the SEPA character set', () => {
    expect(texteSepa('Association « L’Étape » — Périgueux & Co', 70)).toBe("Association L'Etape - Perigueux Co");
    expect(texteSepa('x'.repeat(200), 140)).toHaveLength(140);
  });
});

describe('the CSV of payments to make', () => {
  it('lists every payment, marks those without an account, totals in euros and neutralises formulas', () => {
    const csv = csvVirements([ligne(1, 256_800), { ...ligne(2, 5), organisationNom: '=HYPERLINK("x")', compte: null }]);
    const lignes = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lignes[0]).toBe('Dossier;Bénéficiaire;SIRET;Paiement;Montant (€);Titulaire du compte;IBAN;BIC;Identifiant du paiement;Anomalie');
    expect(lignes[1]).toContain(';Acompte;2568,00;Mission locale de Nontron;FR7630006000011234567890189;AGRIFRPP;');
    expect(lignes[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lignes[2]).toMatch(/RIB sans coordonnées bancaires déclarées$/);
    expect(lignes[3]).toBe('Total;;;2 paiement(s);2568,05;;;;;');
  });
});
