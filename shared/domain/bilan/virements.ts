/**
 * The OI's transfers: every payment `valide` of its programmed dossiers, paid to the account the dossier's RIB declares,
 * as a SEPA credit transfer file (pain.001.001.03, the version French banks take for SEPA transfers) or a CSV for the
 * accountant. Pure: the use case reads the payments and the RIB. Amounts stay integer cents until the file prints them.
 */
import type { CoordonneesBancaires } from '../../schemas/piece';
import type { NaturePaiement } from '../../schemas/bilan';
import { formatMontant } from '../../format';
import { RegleMetier } from '../errors';
import { exact, versNombre } from '../financement/montants';

export interface LigneVirement {
  dossierId: string;
  reference: string;
  organisationNom: string;
  siret: string;
  paiementId: string;
  nature: NaturePaiement;
  montantCentimes: number;
  /** The current valid RIB's declared account; null when the dossier has none. */
  compte: CoordonneesBancaires | null;
}

const NATURES: Record<NaturePaiement, string> = { avance: 'Avance', acompte: 'Acompte', solde: 'Solde' };

/**
 * The text a SEPA field may carry: the EPC's basic Latin set (letters, digits, / - ? : ( ) . , ' + and space), accents
 * dropped, anything else a space; cut to `max`.
 */
export function texteSepa(s: string, max: number): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘]/g, "'").replace(/[–—]/g, '-').replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

const euros = (centimes: number | bigint) => {
  const c = exact(Number(centimes));
  return `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
};

/** The lines that can be paid, or 422 `COORDONNEES_BANCAIRES_MANQUANTES` naming every dossier whose RIB declares no account. */
export function exigerComptes(lignes: readonly LigneVirement[]): (LigneVirement & { compte: CoordonneesBancaires })[] {
  if (lignes.length === 0) throw new RegleMetier('AUCUN_PAIEMENT_A_VIRER', 'Aucun paiement validé n’attend d’être mis en paiement.');
  const sans = [...new Set(lignes.filter((l) => !l.compte).map((l) => `${l.reference} (${l.organisationNom})`))];
  if (sans.length) {
    throw new RegleMetier('COORDONNEES_BANCAIRES_MANQUANTES', `Le RIB de ${sans.length === 1 ? 'ce dossier' : 'ces dossiers'} ne déclare pas de titulaire, d’IBAN et de BIC : ${sans.join(', ')}. Demandez au porteur un RIB avec ses coordonnées en complément, ou exportez en CSV.`);
  }
  return lignes as (LigneVirement & { compte: CoordonneesBancaires })[];
}

/** The pain.001.001.03 document: one payment information block (the OI's account, the execution date), one transfer per payment. */
export async function painVirements(
  lignes: readonly LigneVirement[],
  p: { messageId: string; creeLe: Date; dateExecution: string; initiateur: string; debiteur: CoordonneesBancaires },
): Promise<{ xml: string; nombre: number; totalCentimes: number }> {
  const aPayer = exigerComptes(lignes);
  const { default: SEPA } = await import('sepa'); // only the export route loads it, on its first file
  const doc = new SEPA.Document('pain.001.001.03');
  doc.grpHdr.id = p.messageId;
  doc.grpHdr.created = p.creeLe;
  doc.grpHdr.initiatorName = texteSepa(p.initiateur, 70);
  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = new Date(`${p.dateExecution}T12:00:00Z`);
  info.debtorIBAN = p.debiteur.iban;
  info.debtorBIC = p.debiteur.bic;
  info.debtorName = texteSepa(p.debiteur.titulaire, 70);
  doc.addPaymentInfo(info);
  for (const l of aPayer) {
    const tx = info.createTransaction();
    tx.creditorName = texteSepa(l.compte.titulaire, 70);
    tx.creditorIBAN = l.compte.iban;
    tx.creditorBIC = l.compte.bic;
    // The library takes euros as a number: exact for integer cents below 2^53 / 100; the printed sums are checked below.
    tx.amount = l.montantCentimes / 100;
    tx.remittanceInfo = texteSepa(`FSE ${NATURES[l.nature]} ${l.reference}`, 140);
    tx.end2endId = texteSepa(l.paiementId, 35);
    info.addTransaction(tx);
  }
  const total = aPayer.reduce((s, l) => s + exact(l.montantCentimes), 0n);
  const xml = doc.toString();
  const sommes = [...xml.matchAll(/<CtrlSum>([0-9.]+)<\/CtrlSum>/g)].map((m) => m[1]);
  if (sommes.some((s) => s !== euros(total))) throw new Error(`Somme de contrôle ${sommes.join(', ')} ≠ ${euros(total)}`);
  return { xml, nombre: aPayer.length, totalCentimes: versNombre(total) };
}

const cellule = (v: string) => (/[;"\n\r]/.test(v) || /^[=+\-@\t\r]/.test(v) ? `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** The same payments as a CSV (`;`, UTF-8 with BOM, amounts in euros with a comma), including those without an account. */
export function csvVirements(lignes: readonly LigneVirement[]): string {
  const entete = ['Dossier', 'Bénéficiaire', 'SIRET', 'Paiement', 'Montant (€)', 'Titulaire du compte', 'IBAN', 'BIC', 'Identifiant du paiement', 'Anomalie'];
  const corps = lignes.map((l) => [
    l.reference, l.organisationNom, l.siret, NATURES[l.nature], euros(l.montantCentimes).replace('.', ','),
    l.compte?.titulaire ?? '', l.compte?.iban ?? '', l.compte?.bic ?? '', l.paiementId,
    l.compte ? '' : 'RIB sans coordonnées bancaires déclarées',
  ]);
  const total = lignes.reduce((s, l) => s + exact(l.montantCentimes), 0n);
  const pied = ['Total', '', '', `${lignes.length} paiement(s)`, euros(total).replace('.', ','), '', '', '', '', ''];
  return `\uFEFF${[entete, ...corps, pied].map((r) => r.map(cellule).join(';')).join('\r\n')}\r\n`;
}

export const resumeVirements = (nombre: number, totalCentimes: number) => `${nombre} virement${nombre > 1 ? 's' : ''} pour ${formatMontant(totalCentimes)}`;
