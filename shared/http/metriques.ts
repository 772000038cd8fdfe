/**
 * Names of Guichet's CloudWatch metrics (embedded metric format, written by Powertools Metrics), shared by the
 * handlers' wrapper and the CDK alarms and dashboard. No Powertools import here: infra/ reads it too.
 */
export const NAMESPACE = 'Guichet';
export const SERVICE = 'guichet';

export const METRIQUES = {
  /** A dépôt accepted (2xx on the dépôt route). */
  depots: 'Depots',
  /** Errors answered by the API, dimension `code` (ERREUR_INTERNE, SERVICE_INDISPONIBLE, DEPOT_HORS_DELAI…). */
  erreurs: 'Erreurs',
  /** Verification outcomes of pièces. */
  piecesValidees: 'PiecesValidees',
  piecesRejetees: 'PiecesRejetees',
  piecesInfectees: 'PiecesInfectees',
  /** A verification that waits for the malware scan (the scan-result event or the sweep completes it). */
  piecesEnAttenteAnalyse: 'PiecesEnAttenteAnalyse',
  /** ACCESS_DENIED or FAILED from GuardDuty: an operator fault (role, quota), alarmed. */
  analysesEchouees: 'AnalysesAntivirusEchouees',
  /** Pièces still `en_verification` after the sweep re-verified them (gauge, alarmed when > 0). */
  verificationsBloquees: 'VerificationsBloquees',
  ageVerificationPlusAncienne: 'AgeVerificationPlusAncienneMinutes',
} as const;
export type Metrique = (typeof METRIQUES)[keyof typeof METRIQUES];

/** Routes whose success is a business metric of its own (counted by the wrapper on a 2xx). */
export const METRIQUES_ROUTES: Readonly<Record<string, Metrique>> = {
  'POST /dossiers/{id}/depot': METRIQUES.depots,
};
