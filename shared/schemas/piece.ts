import * as z from 'zod';
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';
import { DateIso } from './common';
import { TAILLE_MAX_ABSOLUE, TypeContenu, TypePiece } from './type-piece';

/**
 * The bank details a RIB declares (titulaire, IBAN, BIC), typed by whoever uploads it: what the OI's SEPA credit
 * transfer file pays to. IBAN checked by its ISO 13616 key and in a SEPA country; BIC by ISO 9362's format.
 */
export const CoordonneesBancaires = z.strictObject({
  titulaire: z.string().trim().min(1, 'Indiquez le titulaire du compte.').max(70, 'Titulaire : 70 caractères au plus (virement SEPA).'),
  iban: z
    .string()
    .max(50, 'IBAN trop long.')
    .transform((v) => electronicFormatIBAN(v) ?? '')
    .refine((v) => isValidIBAN(v), 'IBAN invalide : vérifiez sa clé et sa longueur (par exemple FR76 3000 6000 0112 3456 7890 189).')
    .refine((v) => isSEPACountry(v.slice(0, 2)), 'Cet IBAN n’appartient pas à la zone SEPA : un virement SEPA ne peut pas l’atteindre.'),
  bic: z
    .string()
    .max(20, 'BIC trop long.')
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .refine((v) => isValidBIC(v), 'BIC invalide : 8 ou 11 caractères (par exemple AGRIFRPP ou AGRIFRPP882).'),
});
export type CoordonneesBancaires = z.infer<typeof CoordonneesBancaires>;
/** The pièce type whose upload declares bank details. */
export const TYPE_PIECE_RIB = 'RIB';

export { TAILLE_MAX_ABSOLUE, TYPES_CONTENU, TypeContenu, TypePiece } from './type-piece';

const PDF_IMAGES: TypeContenu[] = ['application/pdf', 'image/jpeg', 'image/png'];
const MO = 1024 * 1024;

/** The administrative set asked by default of every dossier (an AAP may replace it). */
export const PIECES_ADMINISTRATIVES_DEFAUT: TypePiece[] = [
  { code: 'STATUTS', libelle: 'Statuts de la structure', typesAcceptes: PDF_IMAGES, tailleMaxOctets: 10 * MO, obligatoire: true },
  { code: 'KBIS_RNA', libelle: 'Extrait Kbis ou récépissé de déclaration au RNA', typesAcceptes: PDF_IMAGES, tailleMaxOctets: 10 * MO, obligatoire: true },
  { code: 'RIB', libelle: 'Relevé d’identité bancaire', typesAcceptes: PDF_IMAGES, tailleMaxOctets: 5 * MO, obligatoire: true },
  { code: 'ATTESTATION_REGULARITE', libelle: 'Attestation de régularité fiscale et sociale', typesAcceptes: PDF_IMAGES, tailleMaxOctets: 10 * MO, obligatoire: true },
  { code: 'MANDAT_SIGNATAIRE', libelle: 'Mandat ou délibération habilitant le signataire', typesAcceptes: [...PDF_IMAGES, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], tailleMaxOctets: 10 * MO, obligatoire: true },
  { code: 'CONTRAT_ENGAGEMENT_REPUBLICAIN', libelle: 'Contrat d’engagement républicain signé', typesAcceptes: PDF_IMAGES, tailleMaxOctets: 10 * MO, obligatoire: true, pourStatut: 'association' },
];

export const EtatPiece = z.enum(['en_verification', 'valide', 'rejetee']);
export type EtatPiece = z.infer<typeof EtatPiece>;

const NomFichier = z
  .string()
  .trim()
  .min(1, 'Nom de fichier manquant.')
  .max(200, 'Nom de fichier : 200 caractères au plus.')
  .refine((n) => !/[\\/\u0000-\u001f\u007f]/.test(n), 'Le nom de fichier ne doit contenir ni « / », ni « \\ », ni caractère de contrôle.')
  .refine((n) => n !== '.' && n !== '..', 'Nom de fichier invalide.');

/**
 * A bilan's evidence (« pièces de réalisation »): the bilan it belongs to and, on a line answered by « une des pièces
 * suivantes » (or a parcours stage), which of its accepted pièces the file is (index in the line's list).
 */
export const PorteeBilan = z.strictObject({
  numero: z.number({ message: 'Numéro de bilan attendu.' }).int('Numéro de bilan entier attendu.').min(1).max(20),
  alternative: z.number({ message: 'Indiquez laquelle des pièces acceptées est jointe.' }).int().min(0).max(29).optional(),
});
export type PorteeBilan = z.infer<typeof PorteeBilan>;

export const DemandeUpload = z.strictObject({
  typePiece: z.string().regex(/^[A-Z0-9_]{2,40}$/, 'Type de pièce inconnu.'),
  nomFichier: NomFichier,
  taille: z.number().int().min(1, 'Un fichier vide ne peut pas être déposé.').max(TAILLE_MAX_ABSOLUE, 'Fichier trop volumineux (50 Mo au plus).'),
  typeContenu: TypeContenu,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Empreinte SHA-256 attendue en hexadécimal minuscule (64 caractères).'),
  /** RIB only: the bank details it shows, which the OI's transfers pay to. */
  coordonnees: CoordonneesBancaires.optional(),
  /** Evidence of a bilan (after the dépôt of the dossier, while that bilan is a draft): which bilan, which pièce. */
  bilan: PorteeBilan.optional(),
});
export type DemandeUpload = z.infer<typeof DemandeUpload>;

export const Piece = z.object({
  id: z.string(),
  dossierId: z.string(),
  typePiece: z.string(),
  nomFichier: z.string(),
  taille: z.number().int(),
  typeContenu: TypeContenu,
  sha256: z.string(),
  etat: EtatPiece,
  motifRejet: z.string().nullable(),
  /** The refusal's stable code (`PDF_JAVASCRIPT`, `DOUBLE_EXTENSION`…); absent on items verified before codes existed. */
  codeRejet: z.string().nullable().optional(),
  cle: z.string(),
  creeLe: z.string(),
  creePar: z.string(),
  verifieLe: z.string().nullable(),
  /** Set when a newer upload of the same type replaced it: kept, no longer counted. */
  remplaceeLe: z.string().nullable(),
  /** Where the verified bytes are kept (`verifie/<cle>`) and their version id on AWS: the only object ever served. */
  cleVerifiee: z.string().nullable().optional(),
  versionVerifiee: z.string().nullable().optional(),
  /** Writes to the upload key after it was verified valid: quarantined (never served), counted, the last one kept. */
  ecrituresRefusees: z.number().int().optional(),
  derniereEcritureRefusee: z.object({ le: z.string(), sha256: z.string().nullable(), taille: z.number().int().nullable() }).optional(),
  /** RIB only: the bank details declared with it (absent on RIB uploaded before they were asked). */
  coordonnees: z.object({ titulaire: z.string(), iban: z.string(), bic: z.string() }).optional(),
  /** A bilan's evidence: kept apart from the dossier's checklist, locked with that bilan's dépôt. */
  bilan: z.object({ numero: z.number().int(), alternative: z.number().int().nullable() }).optional(),
});
export type Piece = z.infer<typeof Piece>;

export const LigneChecklist = TypePiece.extend({
  etat: z.enum(['attendue', 'en_verification', 'valide', 'rejetee']),
  origine: z.enum(['administrative', 'fiche']),
  piece: Piece.nullable(),
  demandeEnComplement: z.boolean(),
});
export type LigneChecklist = z.infer<typeof LigneChecklist>;

export const ReponseUpload = z.object({
  pieceId: z.string(),
  piece: Piece,
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expireLe: z.string() }),
});

export const ParamsPiece = z.strictObject({ id: z.string().min(1).max(64), pieceId: z.string().min(1).max(64) });

export const DemandeComplements = z.strictObject({
  pieces: z.array(z.string().regex(/^[A-Z0-9_]{2,40}$/)).min(1, 'Indiquez au moins une pièce à compléter.').max(30),
  message: z.string().trim().min(3, 'Expliquez au porteur ce qui est attendu.').max(5000),
  dateLimite: DateIso,
});
export type DemandeComplements = z.infer<typeof DemandeComplements>;
