/**
 * The legal statuses an organisation declares: apart from ./organisation.ts so that the AAP's schema, which lists the
 * statuses exempt from the advance, does not build the organisations' schemas too.
 */
export const STATUTS_JURIDIQUES = [
  'association',
  'collectivite_territoriale',
  'etablissement_public',
  'entreprise',
  'structure_insertion',
  'groupement_interet_public',
  'autre',
] as const;
