/**
 * The identity columns of the participant CSV, as shared/domain/participant/csv.ts reads them (that module parses with
 * csv-parse, which the browser bundle does not need); test/unit/participants-libelles.test.ts checks they agree.
 */
export const COLONNES_IDENTITE_CSV = [
  'nom', 'prenom', 'date_naissance', 'sexe', 'commune_naissance', 'code_postal_naissance', 'adresse', 'code_postal', 'commune',
  'telephone_mobile', 'telephone_domicile', 'courriel', 'date_entree', 'notice_remise_le', 'notice_mode', 'prescripteur',
] as const;
