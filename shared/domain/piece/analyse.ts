/**
 * The malware verdict, apart from the content verification (verification.ts): a pièce is `valide` only when its bytes
 * passed the content checks AND the antivirus said clean. On AWS the antivirus is GuardDuty Malware Protection for
 * S3, which tags the object `GuardDutyMalwareScanStatus` and publishes « GuardDuty Malware Protection Object Scan
 * Result » on EventBridge; locally a signature check stands in for it (shared/storage/antivirus.ts).
 *
 * Decision on the statuses other than clean or infected — each rejects the pièce with its own French reason instead
 * of retrying: GuardDuty never rescans an object by itself, so « retry » would leave the pièce `en_verification`
 * forever and block the dépôt silently (the very gap of issue 12), whereas a new upload is a new object, hence a new
 * scan. Failing closed keeps an unscanned file out of the dossier; ACCESS_DENIED and FAILED are also counted as
 * operator faults (metric `AnalysesAntivirusEchouees`, alarmed). An absent or unknown status keeps the pièce waiting
 * (never valid); the sweep re-reads it and the stuck-verification alarm fires if it lasts.
 */
import * as z from 'zod';
import type { Piece } from '../../schemas/piece';

export const STATUTS_ANALYSE = ['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'] as const;
export type StatutAnalyse = (typeof STATUTS_ANALYSE)[number];

/** The French reason a pièce is refused for, per scan status (the porteur reads it on the checklist). */
export const MOTIFS_ANALYSE: Record<Exclude<StatutAnalyse, 'NO_THREATS_FOUND'>, { code: string; motif: string }> = {
  THREATS_FOUND: { code: 'FICHIER_INFECTE', motif: 'Fichier infecté (analyse antivirus)' },
  UNSUPPORTED: {
    code: 'ANALYSE_IMPOSSIBLE',
    motif: 'L’antivirus ne peut pas analyser ce fichier (format non pris en charge ou contenu protégé) : déposez-le dans un autre format, non protégé.',
  },
  ACCESS_DENIED: {
    code: 'ANALYSE_REFUSEE',
    motif: 'L’analyse antivirus n’a pas pu lire ce fichier : envoyez-le de nouveau dans quelques minutes. L’équipe technique a été alertée.',
  },
  FAILED: { code: 'ANALYSE_ECHOUEE', motif: 'L’analyse antivirus de ce fichier a échoué : envoyez-le de nouveau.' },
};

/** What the scan says about an object: clean, refused (with why), or not known yet. */
export type IssueAnalyse =
  | { issue: 'sain' }
  | { issue: 'rejet'; statut: Exclude<StatutAnalyse, 'NO_THREATS_FOUND'>; code: string; motif: string; panne: boolean }
  | { issue: 'en_attente' };

/**
 * The verdict reader: maps the `GuardDutyMalwareScanStatus` tag (or the event's `scanResultStatus`) to an outcome.
 * Absent, empty or unknown → `en_attente`: never valid without a clean scan.
 */
export function lireVerdict(statut: string | null | undefined): IssueAnalyse {
  if (statut === 'NO_THREATS_FOUND') return { issue: 'sain' };
  if (statut === 'THREATS_FOUND' || statut === 'UNSUPPORTED' || statut === 'ACCESS_DENIED' || statut === 'FAILED') {
    return { issue: 'rejet', statut, ...MOTIFS_ANALYSE[statut], panne: statut === 'ACCESS_DENIED' || statut === 'FAILED' };
  }
  return { issue: 'en_attente' };
}

/** The part of « GuardDuty Malware Protection Object Scan Result » (detail, schema 1.0) that the verdict needs. */
const EvenementAnalyse = z.object({
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  source: z.literal('aws.guardduty'),
  detail: z.object({
    scanStatus: z.string().optional(),
    resourceType: z.literal('S3_OBJECT'),
    s3ObjectDetails: z.object({ bucketName: z.string().min(1), objectKey: z.string().min(1), versionId: z.string().optional() }),
    scanResultDetails: z.object({ scanResultStatus: z.string() }),
  }),
});

/** The object and status an EventBridge scan-result event names, or null for any other event. */
export function lireEvenementAnalyse(event: unknown): { bucket: string; cle: string; versionId: string | null; statut: string } | null {
  const lu = EvenementAnalyse.safeParse(event);
  if (!lu.success) return null;
  const { s3ObjectDetails: o, scanResultDetails: r } = lu.data.detail;
  return { bucket: o.bucketName, cle: o.objectKey, versionId: o.versionId ?? null, statut: r.scanResultStatus };
}

/** The antivirus port (GuardDuty's tag on AWS, a signature check locally) and the object operations the verdict needs. */
export interface Antivirus {
  /** The scan status of an object, null while it is not scanned yet. */
  statut(bucket: string, cle: string): Promise<string | null>;
  /** Tags a refused object for the lifecycle rule that expires rejected pièces (keeping the scan's own tag). */
  marquerRejete(bucket: string, cle: string): Promise<void>;
  /** Whether an object was ever stored under the key (the sweep: was the upload sent at all?). */
  present(bucket: string, cle: string): Promise<boolean>;
}

/**
 * Applies the scan outcome to a pièce whose content passed (`valide`): null when the scan is not known yet (the pièce
 * stays `en_verification`), else the pièce valid or rejected with the scan's reason. A content rejection stands.
 */
export function appliquerAnalyse<P extends Piece>(examinee: P, issue: IssueAnalyse): P | null {
  if (examinee.etat !== 'valide') return examinee;
  if (issue.issue === 'en_attente') return null;
  if (issue.issue === 'sain') return examinee;
  return { ...examinee, etat: 'rejetee', motifRejet: issue.motif, codeRejet: issue.code };
}

/** The sweep: pièces `en_verification` longer than this are verified again; it runs every `frequenceMinutes`. */
export const BALAYAGE = { delaiMinutes: 30, frequenceMinutes: 15, lot: 100 } as const;

/** Reason given when the sweep finds no object behind a pièce: the presigned POST (15 min) expired unused. */
export const MOTIF_NON_RECU = { code: 'FICHIER_NON_RECU', motif: 'Le fichier n’a pas été reçu avant l’expiration du lien d’envoi : envoyez-le de nouveau.' };

/** Upper bound (exclusive) of the index's sort key `<creeLe>#…` for pièces older than `delaiMinutes`. */
export const seuilBalayage = (maintenant: Date, delaiMinutes: number = BALAYAGE.delaiMinutes): string =>
  new Date(maintenant.getTime() - delaiMinutes * 60_000).toISOString();

/**
 * Which of the pièces the index returned the sweep verifies again: still `en_verification` (the index may lag
 * behind a verdict) and created before the threshold, oldest first, at most `lot`.
 */
export function aReverifier(pieces: readonly Piece[], maintenant: Date, delaiMinutes: number = BALAYAGE.delaiMinutes, lot: number = BALAYAGE.lot): Piece[] {
  const seuil = seuilBalayage(maintenant, delaiMinutes);
  return pieces
    .filter((p) => p.etat === 'en_verification' && p.creeLe < seuil)
    .sort((a, b) => a.creeLe.localeCompare(b.creeLe))
    .slice(0, lot);
}

/** Minutes since the oldest of `pieces` was created (0 when none): the stuck-verification gauge. */
export const agePlusAncienMinutes = (pieces: readonly Piece[], maintenant: Date): number =>
  pieces.reduce((max, p) => Math.max(max, Math.floor((maintenant.getTime() - Date.parse(p.creeLe)) / 60_000)), 0);
