import { describe, expect, it } from 'vitest';
import { verifierContenu } from '#shared/domain/piece/contenu';
import { dispositionTelechargement, examinerNom, normaliserNom } from '#shared/domain/piece/nom-fichier';
import type { TypeContenu } from '#shared/schemas/piece';
import {
  concat, docxReel, HTML, jpegReel, pdfLaunch, pdfOpenActionJs, pdfPieceIncorporee, pdfReel, pngReel, SIGNATURE_JPEG, SIGNATURE_PNG, xlsxReel, zip,
} from '../../fixtures/fichiers';

const PDF: TypeContenu = 'application/pdf';
const DOCX: TypeContenu = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX: TypeContenu = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP = zip({ 'payload.html': HTML, 'run.js': 'WScript.Shell' });

describe('verifierContenu', () => {
  it.each([
    ['a real PDF (pdf-lib)', () => pdfReel(), 'releve.pdf', PDF],
    ['a real PDF ending with an end-of-line', async () => concat(await pdfReel(), '\r\n'), 'releve.pdf', PDF],
    ['a real PNG (pngjs)', async () => pngReel(), 'photo.png', 'image/png'],
    ['a real JPEG (jpeg-js)', async () => jpegReel(), 'photo.JPG', 'image/jpeg'],
    ['a real JPEG padded with a few NUL bytes after EOI', async () => concat(jpegReel(), new Uint8Array(16)), 'scan.jpeg', 'image/jpeg'],
    ['a real minimal DOCX', async () => docxReel(), 'mandat.docx', DOCX],
    ['a real minimal XLSX', async () => xlsxReel(), 'budget.xlsx', XLSX],
  ] as const)('accepts %s', async (_cas, octets, nom, type) => {
    expect(await verifierContenu(await octets(), nom, type)).toEqual({ nomFichier: nom });
  });

  it.each([
    ['a PDF with a ZIP appended', async () => concat(await pdfReel(), ZIP), PDF, 'DONNEES_APRES_FIN', /après sa fin \(%%EOF\)/],
    ['a PDF with HTML appended', async () => concat(await pdfReel(), HTML), PDF, 'DONNEES_APRES_FIN', /après sa fin/],
    ['a PDF with 2 KiB of blank padding', async () => concat(await pdfReel(), ' '.repeat(2048)), PDF, 'DONNEES_APRES_FIN', /2048 octets/],
    ['a PDF with a ZIP appended and a new %%EOF after it', async () => concat(await pdfReel(), ZIP, '\n%%EOF\n'), PDF, 'PDF_CONTENU_ETRANGER', /ZIP ou page HTML/],
    ['a PDF with HTML appended and a new %%EOF after it', async () => concat(await pdfReel(), HTML, '\n%%EOF'), PDF, 'PDF_CONTENU_ETRANGER', /dissimulé/],
    ['a PDF whose /OpenAction runs JavaScript', () => pdfOpenActionJs(), PDF, 'PDF_JAVASCRIPT', /JavaScript/],
    ['a PDF with a /Launch action', () => pdfLaunch(), PDF, 'PDF_ACTION_LANCEMENT', /lance un programme/],
    ['a PDF with an embedded file', () => pdfPieceIncorporee(), PDF, 'PDF_FICHIER_INCORPORE', /fichiers incorporés/],
    ['a PDF without %%EOF', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), PDF, 'PDF_ILLISIBLE', /tronqué/],
    ['a corrupt PDF', async () => Buffer.from('%PDF-1.7\ngarbage without objects\n%%EOF\n'), PDF, 'PDF_ILLISIBLE', /corrompu/],
    ['a PNG signature followed by HTML', async () => concat(SIGNATURE_PNG, HTML), 'image/png', 'IMAGE_ILLISIBLE', /PNG est corrompue/],
    ['a real PNG with a payload after IEND', async () => concat(pngReel(), HTML), 'image/png', 'DONNEES_APRES_FIN', /\(IEND\)/],
    ['a PNG whose pixels do not decode', async () => { const p = pngReel(); p[p.length - 20] = p.at(-20)! ^ 0xff; return p; }, 'image/png', 'IMAGE_ILLISIBLE', /PNG/],
    ['a JPEG signature followed by JavaScript', async () => concat(SIGNATURE_JPEG, 'JFIF\0<script>alert(1)</script>'), 'image/jpeg', 'IMAGE_ILLISIBLE', /JPEG/],
    ['a real JPEG with a payload after EOI', async () => concat(jpegReel(), HTML), 'image/jpeg', 'DONNEES_APRES_FIN', /\(EOI\)/],
    ['a « DOCX » that is not a ZIP', async () => Buffer.from('PK\x03\x04[Content_Types].xml word/document.xml contenu', 'latin1'), DOCX, 'ZIP_ILLISIBLE', /archive valide/],
    ['a DOCX that is a PDF', () => pdfReel(), DOCX, 'TYPE_INCOHERENT', /un fichier PDF.*DOCX/],
    ['a ZIP without [Content_Types].xml', async () => zip({ 'word/document.xml': '<w:document/>' }), DOCX, 'OFFICE_INCOMPLET', /Content_Types/],
    ['an XLSX declared as a DOCX', async () => xlsxReel(), DOCX, 'OFFICE_INCOMPLET', /word\/document\.xml/],
    ['a DOCX with macros', async () => docxReel({ 'word/vbaProject.bin': 'Attribute VB_Name' }), DOCX, 'OFFICE_MACROS', /macros/],
    ['a DOCX with a payload after the archive', async () => concat(docxReel(), HTML), DOCX, 'DONNEES_APRES_FIN', /fin de l’archive/],
    ['a DOCX escaping its package', async () => docxReel({ '../../evil.sh': 'rm -rf /' }), DOCX, 'ZIP_CHEMIN_INVALIDE', /hors de son dossier/],
  ] as const)('rejects %s with its code and a French reason', async (_cas, octets, type, code, motif) => {
    const nom = type === PDF ? 'piece.pdf' : type === DOCX ? 'piece.docx' : type === 'image/png' ? 'piece.png' : 'piece.jpg';
    const v = await verifierContenu(new Uint8Array(await octets()), nom, type);
    expect(v).toMatchObject({ code });
    expect('motif' in v && v.motif).toMatch(motif);
  });

  it.each([
    ['a right-to-left override hiding .exe', 'rib\u202Efdp.exe', 'EXTENSION_INCOHERENTE', /« \.exe »/],
    ['a double extension', 'releve.pdf.exe', 'DOUBLE_EXTENSION', /double extension \(\.pdf, \.exe\)/],
    ['a double extension ending with the right one', 'facture.exe.pdf', 'DOUBLE_EXTENSION', /seule extension \.pdf/],
    ['another type’s extension', 'releve.docx', 'EXTENSION_INCOHERENTE', /fichier PDF/],
    ['a name with nothing printable', '\u202E\u200F\u0007 ', 'NOM_FICHIER_VIDE', /aucun caractère lisible/],
  ] as const)('rejects a real PDF named with %s', async (_cas, nom, code, motif) => {
    const v = await verifierContenu(await pdfReel(), nom, PDF);
    expect(v).toMatchObject({ code });
    expect('motif' in v && v.motif).toMatch(motif);
  });

  it('keeps a real PDF under its normalised name', async () => {
    expect(await verifierContenu(await pdfReel(), '../../etc/passwd.pdf', PDF)).toEqual({ nomFichier: 'passwd.pdf' });
    expect(await verifierContenu(await pdfReel(), 'Relevé\u0007 \u2066bancaire\u2069\t\u00a0 2024', PDF)).toEqual({ nomFichier: 'Relevé bancaire 2024.pdf' });
  });
});

describe('normaliserNom', () => {
  it('composes to NFC, keeps the last path segment, drops control and bidi characters and collapses whitespace', () => {
    expect(normaliserNom('rib\u202Efdp.exe')).toBe('ribfdp.exe');
    expect(normaliserNom('..\\..\\Windows\\statuts.pdf')).toBe('statuts.pdf');
    expect(normaliserNom('  statuts\u0000\u001f\u007f\u0085\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u2067\u2068 signés .pdf')).toBe('statuts signés .pdf');
    expect(normaliserNom('e\u0301te\u0301.pdf')).toBe('été.pdf');
    expect(normaliserNom('...cache.pdf...')).toBe('cache.pdf');
  });

  it('limits the length to 150 characters, keeping the extension', () => {
    const n = normaliserNom(`${'é'.repeat(400)}.pdf`);
    expect([...n]).toHaveLength(150);
    expect(n.endsWith('é.pdf')).toBe(true);
  });
});

describe('examinerNom', () => {
  it('appends the type’s extension to a name without one, and accepts dotted words that are no file type', () => {
    expect(examinerNom('statuts', PDF)).toEqual({ nom: 'statuts.pdf' });
    expect(examinerNom('rapport v1.2', PDF)).toEqual({ nom: 'rapport v1.2.pdf' });
    expect(examinerNom('bilan.2024.v2.PDF', PDF)).toEqual({ nom: 'bilan.2024.v2.PDF' });
  });
});

describe('dispositionTelechargement', () => {
  it('is always an attachment, with an ASCII fallback and the normalised name in UTF-8', () => {
    expect(dispositionTelechargement('Statuts "2024" été.pdf')).toBe(
      `attachment; filename="Statuts _2024_ ete.pdf"; filename*=UTF-8''Statuts%20%222024%22%20%C3%A9t%C3%A9.pdf`,
    );
    expect(dispositionTelechargement('rib\u202Efdp (1)*.pdf')).toBe(`attachment; filename="ribfdp (1)*.pdf"; filename*=UTF-8''ribfdp%20%281%29%2A.pdf`);
    expect(dispositionTelechargement('\u202E')).toBe(`attachment; filename="fichier"; filename*=UTF-8''fichier`);
  });
});
