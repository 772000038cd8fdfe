/**
 * Seals a PDF with the platform's certificate (« cachet » of Guichet): a PAdES-style signature dictionary
 * (Filter Adobe.PPKLite, SubFilter adbe.pkcs7.detached) whose /Contents is a detached CMS SignedData (SHA-256,
 * RSA PKCS#1 v1.5) over the two byte ranges around it, i.e. the whole file except the signature itself.
 *
 * The convention calls it once both parties have signed. Placeholder and byte ranges come from @signpdf
 * (placeholder-pdf-lib, signpdf); the CMS is built by node-forge like @signpdf/signer-p12 does, from the PEM
 * certificate and key (./certificat.ts) instead of a PKCS#12 file. All of them are imported inside `scellerPdf`:
 * handlers that never seal do not load them.
 *
 * The input must not carry a signature yet (refused): pdf-lib saves a new file rather than an incremental update.
 *
 * Deterministic: the same PDF, certificate, options and `date` give the same bytes (the date is both the /M of the
 * signature and the CMS signingTime; pdf-lib does not touch the document's own metadata; RSA PKCS#1 v1.5 is
 * deterministic). No timestamp token (no TSA): the signing time is the one the platform states.
 */
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

  // updateMetadata: false, or pdf-lib would stamp ModDate/Producer with the current time.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // pdf-lib rewrites the whole file (no incremental update): a signature already in it would be broken, so refuse.
  const dejaSignes = (doc.catalog.getAcroForm()?.getAllFields() ?? []).filter(([f]) => f instanceof PDFAcroSignature && f.dict.has(PDFName.of('V')));
  if (dejaSignes.length > 0) {
    throw new Error('Ce PDF porte déjà une signature électronique : le sceller le réécrirait et la rendrait invalide.');
  }
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
  const avecEmplacement = await doc.save({ useObjectStreams: false });
  const scelle = await new SignPdf().sign(Buffer.from(avecEmplacement), new SignataireCertificat(), options.date);
  return new Uint8Array(scelle.buffer, scelle.byteOffset, scelle.byteLength);
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
