import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatLocal, empreinte, type CertificatPlateforme } from '#shared/signature/certificat';
import { scellerPdf, textePdf } from '#shared/signature/scellement';

// pdfsig and pdftotext come from poppler-utils (npm test installs it: local/dependances-systeme.sh poppler).
const DATE = new Date('2026-03-14T10:30:00Z');
const OPTIONS = {
  nom: 'Guichet — cachet de la plateforme',
  motif: 'Convention signée par les deux parties (porteur et organisme intermédiaire)',
  lieu: 'Périgueux',
  date: DATE,
  contact: 'ne-pas-repondre@guichet.example',
};

let racine: string;
let dossier: string;
let certificat: CertificatPlateforme;

async function pdfDeTest(options: { useObjectStreams?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // A fixed creation date and no producer stamp: the same bytes on every run.
  doc.setCreationDate(DATE);
  doc.setModificationDate(DATE);
  const police = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Convention attributive de subvention FSE+', { x: 50, y: 780, size: 16, font: police });
  page.drawText('Opération : accompagnement renforcé vers l’emploi — PLIE du Haut Périgord', { x: 50, y: 750, size: 11, font: police });
  return doc.save(options);
}

function pdfsig(chemin: string): { code: number | null; sortie: string } {
  const r = spawnSync('pdfsig', [chemin], { encoding: 'utf8' });
  return { code: r.status, sortie: `${r.stdout}${r.stderr}` };
}

function ecrire(nom: string, octets: Uint8Array): string {
  const chemin = join(racine, nom);
  writeFileSync(chemin, octets);
  return chemin;
}

beforeAll(async () => {
  racine = mkdtempSync(join(tmpdir(), 'guichet-scellement-'));
  dossier = join(racine, 'certificat');
  certificat = await certificatLocal(dossier);
});
afterAll(() => rmSync(racine, { recursive: true, force: true }));

describe('certificatLocal', () => {
  it('makes a self-signed certificate once, kept 0600, and reuses it', async () => {
    for (const f of ['cachet.crt.pem', 'cachet.key.pem']) expect(statSync(join(dossier, f)).mode & 0o777).toBe(0o600);
    expect(statSync(dossier).mode & 0o777).toBe(0o700);
    expect(certificat.certificatPem).toContain('BEGIN CERTIFICATE');
    expect(certificat.clePem).toContain('BEGIN PRIVATE KEY');
    // Same process: the cached promise; another process: the files. Both give the same certificate.
    expect(empreinte((await certificatLocal(dossier)).certificatPem)).toBe(empreinte(certificat.certificatPem));
    const autreProcessus = execFileSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('#shared/signature/certificat').then(async (m) => console.log(m.empreinte((await m.certificatLocal(${JSON.stringify(dossier)})).certificatPem)))`],
      { encoding: 'utf8' },
    ).trim();
    expect(autreProcessus).toBe(empreinte(certificat.certificatPem));
  });

  it('names the platform, RSA 2048, valid ten years', async () => {
    const { X509Certificate } = await import('node:crypto');
    const x = new X509Certificate(certificat.certificatPem);
    expect(x.subject).toContain('CN=Guichet — cachet de la plateforme (local)');
    expect(x.subject).toContain('O=Guichet');
    expect(x.issuer).toBe(x.subject);
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const ans = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(Math.round(ans)).toBe(10);
    expect(x.checkPrivateKey((await import('node:crypto')).createPrivateKey(certificat.clePem))).toBe(true);
  });
});

describe('scellerPdf', () => {
  let original: Uint8Array;
  let scelle: Uint8Array;
  beforeAll(async () => {
    original = await pdfDeTest();
    scelle = await scellerPdf(original, certificat, OPTIONS);
  });

  it('is an incremental update: the sealed file starts with the original bytes, so with the signed hash', () => {
    expect(scelle.length).toBeGreaterThan(original.length);
    expect(Buffer.from(scelle.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const sha256 = (o: Uint8Array) => createHash('sha256').update(o).digest('hex');
    expect(sha256(scelle.subarray(0, original.length))).toBe(sha256(original));
    // The appended section points back at the original's last cross-reference section.
    const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(Buffer.from(original).toString('latin1'))![1];
    expect(Buffer.from(scelle.subarray(original.length)).toString('latin1')).toContain(`/Prev ${prev}`);
  });

  it('seals a file whose cross-reference section is a table (no object streams) the same way', async () => {
    const table = await pdfDeTest({ useObjectStreams: false });
    expect(Buffer.from(table).toString('latin1')).toMatch(/\nxref\n0 \d+\n/);
    const scelleTable = await scellerPdf(table, certificat, OPTIONS);
    expect(Buffer.from(scelleTable.subarray(0, table.length)).equals(Buffer.from(table))).toBe(true);
    // The update's section is a table too, after its trailer.
    expect(Buffer.from(scelleTable.subarray(table.length)).toString('latin1')).toMatch(/\nxref\n[\s\S]*\ntrailer\n<<[\s\S]*\/Prev \d+[\s\S]*%%EOF\n?$/);
    const { code, sortie } = pdfsig(ecrire('scelle-table.pdf', scelleTable));
    expect(code, sortie).toBe(0);
    expect(sortie).toContain('Signature Validation: Signature is Valid.');
    expect(sortie).toContain('Total document signed');
    expect(sortie).not.toContain('Signature #2:');
    const texte = execFileSync('pdftotext', ['-enc', 'UTF-8', ecrire('texte-table.pdf', scelleTable), '-'], { encoding: 'utf8' });
    expect(texte).toContain('Convention attributive de subvention FSE+');
  });

  it('leaves the original revision readable on its own (the prefix is the document before the seal)', async () => {
    const avant = await PDFDocument.load(scelle.subarray(0, original.length), { updateMetadata: false });
    expect(avant.getForm().getFields()).toHaveLength(0);
    const apres = await PDFDocument.load(scelle, { updateMetadata: false });
    expect(apres.getPageCount()).toBe(avant.getPageCount());
    expect(apres.getForm().getFields()).toHaveLength(1);
  });

  it('pdfsig finds one valid signature covering the whole document', () => {
    const { code, sortie } = pdfsig(ecrire('scelle.pdf', scelle));
    expect(code, sortie).toBe(0);
    expect(sortie).toContain('Signature #1:');
    expect(sortie).not.toContain('Signature #2:');
    expect(sortie).toContain('Signature Validation: Signature is Valid.');
    expect(sortie).toContain('Total document signed');
    expect(sortie).toMatch(/Signature Type: adbe\.pkcs7\.detached/);
    expect(sortie).toContain('Signer Certificate Common Name: Guichet — cachet de la plateforme (local)');
    expect(sortie).toContain('Signing Hash Algorithm: SHA-256');
    // Self-signed: poppler does not trust the issuer; the signature is what is asserted here, not the trust chain.
    expect(sortie).toMatch(/Certificate Validation: (Certificate issuer is unknown|Certificate issuer isn't Trusted)\./);
  });

  it('keeps the text readable (pdftotext)', () => {
    const texte = execFileSync('pdftotext', ['-enc', 'UTF-8', ecrire('texte.pdf', scelle), '-'], { encoding: 'utf8' });
    expect(texte).toContain('Convention attributive de subvention FSE+');
    expect(texte).toContain('accompagnement renforcé vers l’emploi — PLIE du Haut Périgord');
  });

  it('one changed byte inside the signed range makes the signature invalid', () => {
    const texte = Buffer.from(scelle).toString('latin1');
    const plage = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(texte);
    expect(plage).not.toBeNull();
    const [debut1, longueur1] = [Number(plage![1]), Number(plage![2])];
    expect(debut1).toBe(0);
    // A byte of the page's content, well inside the first range, turned into another printable character.
    const cible = texte.indexOf('/MediaBox');
    expect(cible).toBeGreaterThan(0);
    expect(cible).toBeLessThan(longueur1);
    const altere = Uint8Array.from(scelle);
    altere[cible + 1] = altere[cible + 1] === 0x4d ? 0x4e : 0x4d;
    const { sortie } = pdfsig(ecrire('altere.pdf', altere));
    expect(sortie).not.toContain('Signature Validation: Signature is Valid.');
    expect(sortie).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it('is deterministic for a fixed date and certificate', async () => {
    const encore = await scellerPdf(await pdfDeTest(), certificat, OPTIONS);
    expect(Buffer.from(encore).equals(Buffer.from(scelle))).toBe(true);
    const autreDate = await scellerPdf(await pdfDeTest(), certificat, { ...OPTIONS, date: new Date('2026-03-15T10:30:00Z') });
    expect(Buffer.from(autreDate).equals(Buffer.from(scelle))).toBe(false);
  });

  it('refuses a PDF that already carries a signature (one seal per document)', async () => {
    await expect(scellerPdf(scelle, certificat, OPTIONS)).rejects.toThrow('déjà une signature');
  });

  it('writes the signature dictionary in the PDF, French text as UTF-16 text strings', async () => {
    const { PDFDict, PDFName, PDFString, PDFHexString } = await import('pdf-lib');
    const doc = await PDFDocument.load(scelle);
    const champ = doc.getForm().getFields()[0];
    expect(champ).toBeDefined();
    const v = champ!.acroField.dict.lookup(PDFName.of('V'), PDFDict);
    const lire = (cle: string) => {
      const o = v.lookup(PDFName.of(cle));
      return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
    };
    expect(lire('Reason')).toBe(OPTIONS.motif);
    expect(lire('Location')).toBe(OPTIONS.lieu);
    expect(lire('Name')).toBe(OPTIONS.nom);
    expect(lire('ContactInfo')).toBe(OPTIONS.contact);
    expect(v.lookup(PDFName.of('SubFilter'))?.toString()).toBe('/adbe.pkcs7.detached');
  });
});

describe('textePdf', () => {
  it('escapes delimiters and encodes non-ASCII as UTF-16BE with a BOM', () => {
    expect(textePdf('a (b) \\ c')).toBe('a \\(b\\) \\\\ c');
    expect(textePdf('é')).toBe('\xfe\xff\x00\xe9');
    // U+010D: its low byte is a carriage return, which a reader would turn into a line feed unless escaped.
    expect(textePdf('č')).toBe('\xfe\xff\x01\\r');
    expect(textePdf('(é)')).toBe('\xfe\xff\x00\\(\x00\xe9\x00\\)');
  });
});
