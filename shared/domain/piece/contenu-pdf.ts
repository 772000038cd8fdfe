import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import { donneesApresFin, latin1, type Refus } from './contenu-commun';

const ACTIF = {
  javascript: {
    code: 'PDF_JAVASCRIPT',
    motif: 'Le PDF contient du JavaScript (éventuellement exécuté à son ouverture) : il n’est pas accepté. Imprimez-le en PDF ou exportez-le sans scripts, puis déposez-le.',
  },
  lancement: {
    code: 'PDF_ACTION_LANCEMENT',
    motif: 'Le PDF contient une action qui lance un programme ou importe des données (/Launch) : il n’est pas accepté. Imprimez-le en PDF, puis déposez-le.',
  },
  fichierIncorpore: {
    code: 'PDF_FICHIER_INCORPORE',
    motif: 'Le PDF contient des fichiers incorporés (pièces jointes au PDF) : déposez chaque document séparément, sous forme de PDF simple.',
  },
} as const;

/** Names that carry active content or attachments wherever they appear (key or value), after `#xx` decoding. */
const NOMS: Record<string, keyof typeof ACTIF> = {
  '/JS': 'javascript',
  '/JavaScript': 'javascript',
  '/Launch': 'lancement',
  '/ImportData': 'lancement',
  '/RichMediaExecute': 'lancement',
  '/EmbeddedFile': 'fichierIncorpore',
  '/EmbeddedFiles': 'fichierIncorpore',
  '/FileAttachment': 'fichierIncorpore',
  '/RichMedia': 'fichierIncorpore',
};

/** First active name found in a parsed value, walking direct dictionaries and arrays (indirect ones are enumerated). */
function nomActif(o: PDFObject, profondeur = 0): keyof typeof ACTIF | null {
  if (profondeur > 64) return null;
  if (o instanceof PDFName) return NOMS[o.asString()] ?? null;
  if (o instanceof PDFStream) return nomActif(o.dict, profondeur + 1);
  if (o instanceof PDFArray) {
    for (const e of o.asArray()) {
      const t = nomActif(e, profondeur + 1);
      if (t) return t;
    }
  }
  if (o instanceof PDFDict) {
    for (const [k, v] of o.entries()) {
      const t = NOMS[k.asString()] ?? nomActif(v, profondeur + 1);
      if (t) return t;
    }
  }
  return null;
}

/** The file with every stream's payload blanked: what is left is the PDF's object syntax (and anything appended). */
function horsFlux(texte: string): string {
  return texte.replace(/stream\r?\n[\s\S]*?endstream/g, (m) => `stream\n${' '.repeat(Math.max(0, m.length - 16))}endstream`);
}

/**
 * Signatures of other formats that have no business in a PDF's object syntax: ZIP records (a ZIP appended, with a
 * new `%%EOF` after it to pass the trailing check) and HTML (read by a browser that sniffs).
 */
const ETRANGERS = /PK\x03\x04|PK\x01\x02|PK\x05\x06|<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s>/]/i;

/** The same names found lexically outside streams: what pdf-lib's tolerant parser may have skipped as invalid. */
function nomActifLexical(texte: string): keyof typeof ACTIF | null {
  for (const m of texte.matchAll(/\/[^\s/[\]<>(){}%]+/g)) {
    const nom = m[0].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const t = NOMS[nom];
    if (t) return t;
  }
  return null;
}

/**
 * A PDF is accepted when pdf-lib parses it into at least one page, nothing but padding follows its last `%%EOF`,
 * its object syntax holds no other format, and no object (compressed object streams included) names JavaScript,
 * a launch action or an attached file. Encrypted PDFs are refused: their strings and streams cannot be inspected,
 * and the OI could not open a password-protected one anyway.
 */
export async function verifierPdf(octets: Uint8Array): Promise<Refus | null> {
  const texte = latin1(octets);
  const eof = texte.lastIndexOf('%%EOF');
  if (eof < 0) return { code: 'PDF_ILLISIBLE', motif: 'Le PDF est tronqué (marque de fin %%EOF absente) : déposez le fichier complet.' };
  const apres = donneesApresFin(octets, eof + 5, 'PDF', '%%EOF');
  if (apres) return apres;
  const syntaxe = horsFlux(texte);
  if (ETRANGERS.test(syntaxe)) {
    return {
      code: 'PDF_CONTENU_ETRANGER',
      motif: 'Le PDF contient des données d’un autre format (archive ZIP ou page HTML) : un autre contenu y est dissimulé. Enregistrez le document à nouveau depuis son application d’origine, puis déposez-le.',
    };
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(octets, { updateMetadata: false });
  } catch (e) {
    // pdf-lib's ESM and CJS builds each have their own error classes: the message says it whichever was loaded.
    if (e instanceof EncryptedPDFError || (e instanceof Error && /encrypt/i.test(e.message))) {
      return { code: 'PDF_CHIFFRE', motif: 'Le PDF est chiffré ou protégé par mot de passe : déposez une version non protégée.' };
    }
    return { code: 'PDF_ILLISIBLE', motif: 'Le PDF est corrompu ou illisible.' };
  }
  let actif: keyof typeof ACTIF | null = null;
  for (const [, objet] of doc.context.enumerateIndirectObjects()) {
    actif = nomActif(objet);
    if (actif) break;
  }
  actif ??= nomActifLexical(syntaxe);
  if (actif) return ACTIF[actif];
  try {
    if (doc.getPageCount() === 0) return { code: 'PDF_SANS_PAGE', motif: 'Le PDF ne contient aucune page.' };
  } catch {
    return { code: 'PDF_ILLISIBLE', motif: 'Le PDF est corrompu ou illisible.' };
  }
  return null;
}
