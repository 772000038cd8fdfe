import * as z from 'zod';
import { DateIso, Pourcentage, TexteCourt } from './common';
import { RegleFinancement } from './fiche';
import { PlanFinancement, Taux, TotauxPlan } from './plan-financement';
import { CODES_PROGRAMME } from '../domain/programmes';
import { EcheanceBilan, SuiviConvention } from './suivi-convention';

export { EcheanceBilan, SuiviConvention } from './suivi-convention';

/**
 * The convention between the OI and the porteur of a programmed dossier, and its avenants (DESIGN.md §5, notes
 * « apres-selection » 5.1). Each version is a whole document: the initial convention is version 1, each avenant the
 * next one; the version in force stays so until its successor is signed by both parties.
 */

/** The state-aid regimes an operation may fall under (chosen by the gestionnaire; seed 002 l.7585–7607). */
export const REGIMES_AIDE = {
  hors_aide_etat: 'Hors aide d’État (activité non économique ou sans avantage sélectif)',
  de_minimis: 'Aide de minimis — règlement (UE) n° 1407/2013',
  de_minimis_sieg: 'Aide de minimis SIEG — règlement (UE) n° 360/2012',
  sieg_decision_2012: 'Compensation de service d’intérêt économique général — décision 2012/21/UE',
  rgec_formation: 'Aide à la formation — règlement (UE) n° 651/2014 (RGEC), article 31',
  rgec_travailleurs_defavorises: 'Aide à l’emploi de travailleurs défavorisés ou handicapés — règlement (UE) n° 651/2014 (RGEC), articles 32 à 35',
} as const;
export const CodeRegimeAide = z.enum(Object.keys(REGIMES_AIDE) as [keyof typeof REGIMES_AIDE, ...Array<keyof typeof REGIMES_AIDE>], {
  message: `Régime d’aide attendu : ${Object.keys(REGIMES_AIDE).join(', ')}.`,
});
export type CodeRegimeAide = z.infer<typeof CodeRegimeAide>;

export const STATUTS_VERSION = ['en_preparation', 'a_signer_porteur', 'a_contresigner', 'en_vigueur', 'remplacee'] as const;
export const StatutVersion = z.enum(STATUTS_VERSION);
export type StatutVersion = z.infer<typeof StatutVersion>;

/** What an avenant may change (seed 002 l.7818–7822: objet, période, plan; l.3247–3249: territoire). */
export const OBJETS_AVENANT = ['periode', 'plan', 'objet', 'territoire'] as const;

const Representant = z.strictObject({
  nom: TexteCourt,
  qualite: TexteCourt,
});

export const Avance = z.object({
  pct: z.number(),
  montantCentimes: z.number().int(),
  /** Set when the organisation's statut exempts it (the OI's parameter); the amount is then 0. */
  exemption: z.string().nullable(),
});

/** The annexe financière: the plan as programmed, frozen, with what it was checked against. */
export const AnnexeFinanciere = z.object({
  plan: PlanFinancement,
  totaux: TotauxPlan,
  /** FSE conventionné / coût total. */
  tauxFse: Taux.nullable(),
  /** Contreparties / coût total. */
  tauxContreparties: Taux.nullable(),
  /** FSE sollicité in the plan, when the programmation reduced it. */
  fseSolliciteCentimes: z.number().int(),
  regle: RegleFinancement.nullable(),
  /** The flat rate applied to the indirect costs, as the AAP set it. */
  forfait: z.object({ code: z.string(), libelle: z.string(), tauxPct: z.number(), source: z.string() }).nullable(),
  indicateurs: z.array(z.object({ libelle: z.string(), unite: z.string().nullable(), valeurPrevue: z.number().nullable() })),
});
export type AnnexeFinanciere = z.infer<typeof AnnexeFinanciere>;

export const ContenuConvention = z.object({
  parties: z.object({
    oi: z.object({ sigle: z.string(), nom: z.string() }),
    organisation: z.object({ id: z.string(), nom: z.string(), siret: z.string(), statutJuridique: z.string(), adresse: z.string() }),
    /** Who represents the organisation (named by the gestionnaire; whoever signs is recorded with the signature). */
    representant: Representant,
  }),
  dossier: z.object({ id: z.string(), reference: z.string(), aapReference: z.string(), ficheCode: z.string(), ficheTitre: z.string(), plie: z.string() }),
  programme: z.object({ code: z.enum(CODES_PROGRAMME), libelle: z.string(), reglement: z.string(), finEligibilite: z.string() }),
  programmation: z.object({ dateDecision: z.string(), referenceDeliberation: z.string() }),
  objet: z.object({ intitule: z.string(), objectifs: z.string(), territoire: z.string() }),
  periode: z.object({ debut: z.string(), fin: z.string() }),
  fseConventionneCentimes: z.number().int(),
  regimeAide: CodeRegimeAide,
  avance: Avance,
  bilans: z.array(EcheanceBilan),
  /** Codes of the obligations printed (shared/domain/convention/obligations.ts). */
  obligations: z.array(z.string()),
  annexe: AnnexeFinanciere,
});
export type ContenuConvention = z.infer<typeof ContenuConvention>;

export const Modification = z.object({ chemin: z.string(), avant: z.unknown(), apres: z.unknown() });

export const SignatureConvention = z.object({
  partie: z.enum(['porteur', 'oi']),
  utilisateurId: z.string(),
  nom: z.string(),
  qualite: z.string(),
  /** Server clock, ISO instant, and the zone the document prints it in. */
  le: z.string(),
  fuseau: z.string(),
  /** SHA-256 (hex) of the exact PDF signed. */
  sha256: z.string(),
});
export type SignatureConvention = z.infer<typeof SignatureConvention>;

export const DocumentConvention = z.object({ sha256: z.string(), octets: z.number().int(), cle: z.string() });

export const VersionConvention = z.object({
  dossierId: z.string(),
  numero: z.number().int().min(1),
  nature: z.enum(['initiale', 'avenant']),
  statut: StatutVersion,
  contenu: ContenuConvention,
  avenant: z
    .object({
      motif: z.string(),
      objets: z.array(z.enum(OBJETS_AVENANT)),
      /** Field by field, against the version in force when the avenant was prepared. */
      modifications: z.array(Modification),
      renouvellement: z.boolean(),
      decision: z.object({ reference: z.string(), date: z.string() }).nullable(),
    })
    .nullable(),
  /** The gestionnaire's last request for this version, merged with the next change. */
  demande: z.record(z.string(), z.unknown()).optional(),
  prepareLe: z.string(),
  preparePar: z.string(),
  modifieLe: z.string(),
  /** The PDF frozen when sent for signature: what both parties sign (its hash). */
  document: DocumentConvention.nullable(),
  envoyeeLe: z.string().nullable(),
  /** The OI agent who sent it for signature: told when the porteur has signed. */
  envoyeePar: z.object({ id: z.string(), nom: z.string(), email: z.string() }).nullable(),
  signatures: z.array(SignatureConvention),
  /** The PDF sealed by the platform after the last signature (PAdES). */
  scelle: DocumentConvention.nullable(),
  enVigueurLe: z.string().nullable(),
  remplaceeLe: z.string().nullable(),
});
export type VersionConvention = z.infer<typeof VersionConvention>;

const ChoixConvention = {
  regimeAide: CodeRegimeAide,
  representant: Representant,
  /** The OI's advance, % of the FSE conventionné (default: the AAP's parameter, else 30 %). */
  avancePct: Pourcentage.optional(),
  /** Intermediate bilans, within what the duration allows (default: the minimum, one between 12 and 24 months). */
  bilansIntermediaires: z.number().int('Un nombre entier de bilans.').min(0).max(10).optional(),
};

export const DemandeConvention = z.strictObject(ChoixConvention);
export type DemandeConvention = z.infer<typeof DemandeConvention>;

export const ModificationsAvenant = z
  .strictObject({
    periode: z
      .strictObject({ debut: DateIso, fin: DateIso })
      .refine((p) => p.fin >= p.debut, { message: 'La fin de l’opération précède son début.', path: ['fin'] })
      .optional(),
    objet: z.strictObject({ intitule: TexteCourt, objectifs: z.string().trim().max(10_000) }).optional(),
    territoire: z.string().trim().min(1, 'Champ obligatoire.').max(2000).optional(),
    plan: PlanFinancement.optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: 'Un avenant modifie au moins la période, l’objet, le territoire ou le plan de financement.' });

export const DemandeAvenant = z.strictObject({
  motif: z.string().trim().min(1, 'Motivez l’avenant.').max(5000),
  modifications: ModificationsAvenant,
  renouvellement: z.boolean().default(false),
  decision: z.strictObject({ reference: TexteCourt, date: DateIso }).nullable().default(null),
  regimeAide: CodeRegimeAide.optional(),
  representant: Representant.optional(),
  avancePct: Pourcentage.optional(),
  bilansIntermediaires: ChoixConvention.bilansIntermediaires,
});
export type DemandeAvenant = z.infer<typeof DemandeAvenant>;

export const DemandeSignature = z.strictObject({
  numero: z.number().int().min(1).max(999),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Empreinte SHA-256 attendue (64 caractères hexadécimaux).'),
  qualite: TexteCourt,
});
export type DemandeSignature = z.infer<typeof DemandeSignature>;

export const ParamsVersionConvention = z.strictObject({
  id: z.string().min(1).max(64),
  numero: z.coerce.number().int().min(1).max(999),
});

export const ReponseConvention = z.object({
  dossierId: z.string(),
  /** The dossier's version: If-Match of the convention's writes (the dossier carries the convention's state). */
  version: z.number().int(),
  suivi: SuiviConvention.nullable(),
  versions: z.array(VersionConvention),
  renouvellementsMax: z.number().int().nullable(),
});
export type ReponseConvention = z.infer<typeof ReponseConvention>;

/** A change of the version in preparation: the fields given replace the last request's (convention or avenant). */
export const DemandeRevision = z.strictObject({
  regimeAide: CodeRegimeAide.optional(),
  representant: Representant.optional(),
  avancePct: Pourcentage.optional(),
  bilansIntermediaires: ChoixConvention.bilansIntermediaires,
  motif: z.string().trim().min(1, 'Motivez l’avenant.').max(5000).optional(),
  modifications: ModificationsAvenant.optional(),
  renouvellement: z.boolean().optional(),
  decision: z.strictObject({ reference: TexteCourt, date: DateIso }).nullable().optional(),
});
export type DemandeRevision = z.infer<typeof DemandeRevision>;
