/**
 * Seals a PDF with the platform's certificate (« cachet » of Guichet): a PAdES-style signature dictionary
 * (Filter Adobe.PPKLite, SubFilter adbe.pkcs7.detached) whose /Contents is a detached CMS SignedData (SHA-256,
 * RSA PKCS#1 v1.5) over the two byte ranges around it, i.e. the whole file except the signature itself.
 *
 * The convention calls it once both parties have signed. The seal is an incremental update: the sealed file is the
 * input's bytes, unchanged, followed by the signature's objects (signature dictionary, widget, AcroForm, the first
 * page with its new /Annots) and a cross-reference section pointing back at the input's, so the sealed file's
 * prefix of the input's length still hashes to what the parties signed. pdf-lib parses the input and builds those
 * objects (@signpdf/placeholder-pdf-lib); only the objects it adds or changes are written, after the input. The
 * byte ranges come from @signpdf/signpdf; the CMS is built by node-forge like @signpdf/signer-p12 does, from the PEM
 * certificate and key (./certificat.ts) instead of a PKCS#12 file. All of them are imported inside `scellerPdf`:
 * handlers that never seal do not load them.
 *
 * The input must not carry a signature yet (refused): one seal per document. The input's cross-reference section
 * may be a table or a stream (pdf-lib's object streams); the update's is of the same kind.
 *
 * Deterministic: the same PDF, certificate, options and `date` give the same bytes (the date is both the /M of the
 * signature and the CMS signingTime; the input's own metadata is not touched; RSA PKCS#1 v1.5 is
 * deterministic). No timestamp token (no TSA): the signing time is the one the platform states.
 */
import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';
import type { CertificatPlateforme } from './certificat';

export type { CertificatPlateforme } from './certificat';

export interface OptionsScellement {
  /** Who seals, shown by readers as the signer's name (/Name). */
  nom: string;
  /** Why (/Reason), e.g. « Convention signée par les deux parties ». */
  motif: string;
  /** Where (/Location), e.g. « Périgueux ». */
  lieu: string;
  /** The signing time: /M of the signature and signingTime of the CMS. */
  date: Date;
  /** How to reach the signer (/ContactInfo). */
  contact?: string;
}

/** Room reserved for the CMS, in bytes (hex-encoded, so twice that in the file): a 2048/4096-bit certificate fits. */
const TAILLE_SIGNATURE = 8192;

export async function scellerPdf(pdf: Uint8Array, certificat: CertificatPlateforme, options: OptionsScellement): Promise<Uint8Array> {
  const [{ PDFAcroSignature, PDFDocument, PDFName }, { pdflibAddPlaceholder }, { SignPdf }, { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED }, { default: forge }] = await Promise.all([
    import('pdf-lib'),
    import('@signpdf/placeholder-pdf-lib'),
    import('@signpdf/signpdf'),
    import('@signpdf/utils'),
    import('node-forge'),
  ]);

  /** CMS SignedData, detached, one signer: the same attributes (and order) as @signpdf/signer-p12. */
  class SignataireCertificat extends Signer {
    override async sign(contenu: Buffer, signingTime?: Date): Promise<Buffer> {
      const cert = forge.pki.certificateFromPem(certificat.certificatPem);
      const cle = forge.pki.privateKeyFromPem(certificat.clePem);
      const p7 = forge.pkcs7.createSignedData();
      p7.content = forge.util.createBuffer(contenu.toString('binary'));
      p7.addCertificate(cert); // serialized from the parsed DER, as is
      // forge reads UTF8String names as raw UTF-8 but encodes them again when it writes the SignerInfo's
      // issuerAndSerialNumber: decode them first, or the issuer (« Guichet — … ») no longer matches the certificate's.
      const pourSignataire = forge.pki.certificateFromPem(certificat.certificatPem);
      for (const a of pourSignataire.issuer.attributes) {
        // valueTagClass is typed as a Class but holds the value's universal Type.
        if (Number(a.valueTagClass) === forge.asn1.Type.UTF8 && typeof a.value === 'string') a.value = forge.util.decodeUtf8(a.value);
      }
      p7.addSigner({
        key: cle,
        certificate: pourSignataire,
        digestAlgorithm: forge.pki.oids.sha256!,
        authenticatedAttributes: [
          { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
          // forge's typings say string; it encodes a Date as UTCTime/GeneralizedTime.
          { type: forge.pki.oids.signingTime!, value: (signingTime ?? options.date) as unknown as string },
          { type: forge.pki.oids.messageDigest! },
        ],
      });
      p7.sign({ detached: true });
      return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    }
  }

  // updateMetadata: false, or pdf-lib would stamp ModDate/Producer with the current time. pdf-lib only reads the
  // file here: the bytes written are the original's followed by the objects the placeholder adds or changes.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // One seal per document: a second one would be a retry's duplicate, not a new party.
  const dejaSignes = (doc.catalog.getAcroForm()?.getAllFields() ?? []).filter(([f]) => f instanceof PDFAcroSignature && f.dict.has(PDFName.of('V')));
  if (dejaSignes.length > 0) {
    throw new Error('Ce PDF porte déjà une signature électronique : il est déjà scellé.');
  }
  // New objects get numbers past every one the file uses, its cross-reference streams' included.
  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, derniereSection(original).taille - 1);
  const avant = new Map<string, Buffer>();
  for (const [ref, objet] of doc.context.enumerateIndirectObjects()) avant.set(ref.tag, octetsObjet(objet));
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: textePdf(options.motif),
    contactInfo: textePdf(options.contact ?? ''),
    name: textePdf(options.nom),
    location: textePdf(options.lieu),
    signingTime: options.date,
    signatureLength: TAILLE_SIGNATURE,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Guichet',
  });
  const modifies: [PDFRef, Buffer][] = [];
  for (const [ref, objet] of doc.context.enumerateIndirectObjects()) {
    const octets = octetsObjet(objet);
    const ancien = avant.get(ref.tag);
    if (ancien === undefined || !ancien.equals(octets)) modifies.push([ref, octets]);
  }
  const avecEmplacement = miseAJourIncrementale(original, doc, modifies);
  const scelle = await new SignPdf().sign(avecEmplacement, new SignataireCertificat(), options.date);
  // SignPdf only fills /ByteRange and /Contents, both in the appended section; checked anyway, it is the point.
  if (scelle.length <= original.length || !scelle.subarray(0, original.length).equals(original)) {
    throw new Error('Le PDF scellé ne commence pas par les octets du PDF d’origine.');
  }
  return new Uint8Array(scelle.buffer, scelle.byteOffset, scelle.byteLength);
}

/** An indirect object's body as pdf-lib writes it (a stream with its dictionary and data). */
function octetsObjet(objet: PDFObject): Buffer {
  const octets = Buffer.alloc(objet.sizeInBytes());
  objet.copyBytesInto(octets, 0);
  return octets;
}

/**
 * The original file, untouched, followed by an incremental update (ISO 32000-1 § 7.5.6): the given objects, then a
 * cross-reference section of the same kind as the file's last one (a table after a table, a stream after a stream,
 * which is what pdf-lib writes with object streams) whose /Prev is that last section, and a trailer carrying the
 * original's /Root, /Info and /ID. Ends with « %%EOF » and a line feed.
 */
function miseAJourIncrementale(original: Buffer, doc: PDFDocument, objets: [PDFRef, Buffer][]): Buffer {
  const { prev, taille: tailleAvant } = derniereSection(original);
  const enTable = original.subarray(prev, prev + 4).toString('latin1') === 'xref';
  const { Root, Info, ID, Encrypt } = doc.context.trailerInfo;
  if (Encrypt) throw new Error('PDF chiffré : non scellable.');
  if (!Root) throw new Error('PDF sans catalogue (/Root).');

  const morceaux: Buffer[] = [original, Buffer.from(original[original.length - 1] === 0x0a ? '' : '\n', 'latin1')];
  let position = morceaux[0]!.length + morceaux[1]!.length;
  const ajouter = (b: Buffer) => {
    morceaux.push(b);
    position += b.length;
  };
  const entrees: { numero: number; generation: number; position: number }[] = [];
  for (const [ref, octets] of objets) {
    entrees.push({ numero: ref.objectNumber, generation: ref.generationNumber, position });
    ajouter(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'));
    ajouter(octets);
    ajouter(Buffer.from('\nendobj\n', 'latin1'));
  }
  let taille = Math.max(doc.context.largestObjectNumber + 1, tailleAvant);
  const sectionXref = position;
  const trailer = [`/Size ${taille}`, `/Root ${Root.toString()}`];
  if (Info) trailer.push(`/Info ${Info.toString()}`);
  if (ID) trailer.push(`/ID ${ID.toString()}`);

  if (enTable) {
    trailer.push(`/Prev ${prev}`);
    const lignes = sousSections(entrees).map(
      (groupe) => `${groupe[0]!.numero} ${groupe.length}\n${groupe.map((e) => `${String(e.position).padStart(10, '0')} ${String(e.generation).padStart(5, '0')} n\r\n`).join('')}`,
    );
    ajouter(Buffer.from(`xref\n${lignes.join('')}trailer\n<<\n${trailer.join('\n')}\n>>\nstartxref\n${sectionXref}\n%%EOF\n`, 'latin1'));
  } else {
    // The stream lists itself too: one more object number, uncompressed (W [1 4 2]) to stay byte-for-byte predictable.
    const numero = taille;
    taille += 1;
    trailer[0] = `/Size ${taille}`;
    entrees.push({ numero, generation: 0, position: sectionXref });
    const groupes = sousSections(entrees);
    const donnees = Buffer.alloc(entrees.length * 7);
    let i = 0;
    for (const e of groupes.flat()) {
      donnees.writeUInt8(1, i);
      donnees.writeUInt32BE(e.position, i + 1);
      donnees.writeUInt16BE(e.generation, i + 5);
      i += 7;
    }
    const index = groupes.map((g) => `${g[0]!.numero} ${g.length}`).join(' ');
    const dict = `<<\n/Type /XRef\n${trailer.join('\n')}\n/Prev ${prev}\n/W [ 1 4 2 ]\n/Index [ ${index} ]\n/Length ${donnees.length}\n>>`;
    ajouter(Buffer.from(`${numero} 0 obj\n${dict}\nstream\n`, 'latin1'));
    ajouter(donnees);
    ajouter(Buffer.from(`\nendstream\nendobj\nstartxref\n${sectionXref}\n%%EOF\n`, 'latin1'));
  }
  return Buffer.concat(morceaux);
}

/**
 * Where the file's last cross-reference section starts (its last « startxref ») and the /Size it declares there, which
 * pdf-lib does not keep: its largest object number leaves out the cross-reference streams it parsed.
 */
function derniereSection(original: Buffer): { prev: number; taille: number } {
  const fin = original.subarray(Math.max(0, original.length - 1024)).toString('latin1');
  const derniere = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(fin);
  if (!derniere) throw new Error('PDF sans « startxref » final : impossible d’y ajouter une mise à jour incrémentale.');
  const prev = Number(derniere[1]);
  // A table's trailer follows it; a stream's dictionary opens it: either way the first /Size from there.
  const taille = /\/Size\s+(\d+)/.exec(original.subarray(prev).toString('latin1'));
  if (!taille) throw new Error('PDF sans /Size dans sa dernière section de références croisées.');
  return { prev, taille: Number(taille[1]) };
}

/** Entries sorted by object number, grouped into runs of consecutive numbers (one cross-reference subsection each). */
function sousSections<T extends { numero: number }>(entrees: T[]): T[][] {
  const groupes: T[][] = [];
  for (const e of [...entrees].sort((a, b) => a.numero - b.numero)) {
    const dernier = groupes.at(-1);
    if (dernier && dernier.at(-1)!.numero + 1 === e.numero) dernier.push(e);
    else groupes.push([e]);
  }
  return groupes;
}

/**
 * The body of a PDF literal string for a text, as placeholder-pdf-lib's `PDFString.of` writes it verbatim (one byte
 * per char code): ASCII as is, anything else as UTF-16BE with a byte-order mark (PDF text string), with `\`, `(`,
 * `)` and line ends escaped in both cases.
 */
export function textePdf(texte: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(texte);
  const octets = ascii ? Buffer.from(texte, 'latin1') : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(texte, 'utf16le').swap16()]);
  let sortie = '';
  for (const o of octets) {
    if (o === 0x5c || o === 0x28 || o === 0x29) sortie += `\\${String.fromCharCode(o)}`;
    else if (o === 0x0d) sortie += '\\r';
    else if (o === 0x0a) sortie += '\\n';
    else sortie += String.fromCharCode(o);
  }
  return sortie;
}
