import * as z from 'zod';
import { MontantCentimes } from './common';
import { RegleFinancement } from './fiche';
import { CODES_PROGRAMME } from '../domain/programmes';

/**
 * The plan de financement of a dossier (DESIGN.md §5): four categories of direct costs, indirect costs (none, a flat
 * rate allowed by the programme, or real costs with a clé de répartition) and the resources that balance them.
 *
 * Exactness: each amount is capped at 10^13 cents (100 milliards d’euros). 4 × 200 lines at that cap give 8 × 10^15
 * cents of direct costs, and the 20 % flat rate on 6 × 10^15 would bring the total to 9.2 × 10^15 > 2^53 ≈ 9.007 ×
 * 10^15: no longer an exact JS number. So the direct costs of a plan are also capped, at 10^15 cents; with any flat
 * rate ≤ 100 % the cost total stays ≤ 2 × 10^15 and the resources ≤ 103 × 10^13, all exact. The engine adds and
 * compares in BigInt anyway, because products such as `fse × 10 000` do exceed 2^53.
 */
export const MONTANT_MAX_PLAN_CENTIMES = 10 ** 13;
export const DEPENSES_DIRECTES_MAX_CENTIMES = 10 ** 15;
export const LIGNES_MAX_PAR_CATEGORIE = 200;
export const COFINANCEMENTS_MAX = 100;

export const MontantPlan = MontantCentimes.max(
  MONTANT_MAX_PLAN_CENTIMES,
  'Un montant du plan de financement ne peut pas dépasser 100 000 000 000,00 €.',
);

export const LigneDepense = z.strictObject({
  libelle: z.string().trim().min(1, 'Indiquez le libellé de la dépense.').max(300, 'Libellé : 300 caractères au plus.'),
  montantCentimes: MontantPlan,
});
export type LigneDepense = z.infer<typeof LigneDepense>;

const Lignes = z
  .array(LigneDepense)
  .max(LIGNES_MAX_PAR_CATEGORIE, `Une catégorie de dépenses compte ${LIGNES_MAX_PAR_CATEGORIE} lignes au plus.`);

export const DepensesDirectes = z.strictObject({
  personnel: Lignes,
  fonctionnement: Lignes,
  prestations: Lignes,
  /** Other costs of the participants (transport, hébergement, restauration…). */
  participants: Lignes,
  /** Wages and allowances paid to participants: eligible on top of a 40 % flat rate (art. 56(2) CPR 2021/1060). */
  remunerationsParticipants: Lignes.optional(),
});
export type DepensesDirectes = z.infer<typeof DepensesDirectes>;
export type CategorieDepense = keyof DepensesDirectes;

export const Indirects = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('aucun') }),
    z.strictObject({
      mode: z.literal('forfait'),
      /** Code of an `OptionForfait` of the AAP's programme; checked against the programme by the engine. */
      option: z.string().trim().min(1, 'Choisissez le taux forfaitaire.').max(100),
    }),
    z.strictObject({
      mode: z.literal('reel'),
      montantCentimes: MontantPlan,
      cleRepartition: z
        .string()
        .trim()
        .min(1, 'Décrivez la clé de répartition des dépenses indirectes.')
        .max(2000, 'Clé de répartition : 2 000 caractères au plus.'),
    }),
  ],
  { message: 'Mode de calcul des dépenses indirectes attendu : aucun, forfait ou réel.' },
);
export type Indirects = z.infer<typeof Indirects>;

export const Cofinancement = z.strictObject({
  financeur: z.string().trim().min(1, 'Indiquez le financeur.').max(300, 'Financeur : 300 caractères au plus.'),
  nature: z.enum(['public', 'prive'], { message: 'Nature du cofinancement attendue : public ou privé.' }),
  /** Whether this financing may be counted as a counterpart of the FSE (not every co-financer is « mobilisable »). */
  contrepartieFse: z.boolean(),
  attestation: z.enum(['prevue', 'obtenue'], { message: 'Attestation attendue : prévue ou obtenue.' }),
  montantCentimes: MontantPlan,
});
export type Cofinancement = z.infer<typeof Cofinancement>;

/**
 * Direct staff costs computed at a flat rate of the other direct costs (art. 55(1) CPR 2021/1060) instead of
 * declared lines; null: declared as real costs.
 */
export const PersonnelForfaitaire = z
  .strictObject({ option: z.string().trim().min(1, 'Choisissez le taux forfaitaire de personnel.').max(100) })
  .nullable()
  .optional();

export const Ressources = z.strictObject({
  fseCentimes: MontantPlan,
  cofinancements: z.array(Cofinancement).max(COFINANCEMENTS_MAX, `${COFINANCEMENTS_MAX} cofinancements au plus.`),
  autofinancementCentimes: MontantPlan,
  recettesCentimes: MontantPlan,
});
export type Ressources = z.infer<typeof Ressources>;

export const PlanFinancement = z
  .strictObject({
    depenses: DepensesDirectes,
    personnelForfaitaire: PersonnelForfaitaire,
    indirects: Indirects,
    ressources: Ressources,
  })
  .superRefine((plan, ctx) => {
    // May run with out-of-range amounts (zod reports those on their own paths): the float sum may then be inexact,
    // but it is only compared with a bound it already exceeds, so the verdict stays right.
    const directs = Object.values(plan.depenses)
      .flat()
      .reduce((s, l) => s + (Number.isFinite(l.montantCentimes) ? l.montantCentimes : 0), 0);
    if (directs > DEPENSES_DIRECTES_MAX_CENTIMES) {
      ctx.addIssue({
        code: 'custom',
        path: ['depenses'],
        message: 'Le total des dépenses directes ne peut pas dépasser 10 000 000 000 000,00 €.',
      });
    }
  });
export type PlanFinancement = z.infer<typeof PlanFinancement>;

/** Deep freeze: a shared constant mutated by one dossier would leak into every dossier created after it. */
function geler<T>(valeur: T): T {
  if (valeur && typeof valeur === 'object') {
    for (const v of Object.values(valeur)) geler(v);
    Object.freeze(valeur);
  }
  return valeur;
}

/** The plan of a new draft: no line, no indirect costs, no resource. */
export const PLAN_VIDE: PlanFinancement = geler({
  depenses: { personnel: [], fonctionnement: [], prestations: [], participants: [], remunerationsParticipants: [] },
  personnelForfaitaire: null,
  indirects: { mode: 'aucun' },
  ressources: { fseCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 },
});

// ---- What the engine answers (output schemas: documented in OpenAPI, never used to parse user input). ----

const Centimes = z.number().int();

export const Taux = z.object({
  numerateur: Centimes,
  denominateur: Centimes,
  pourcentage: z.string().describe('Pour affichage, tronqué au centième : « 80,00 % ».'),
});
export type Taux = z.infer<typeof Taux>;

export const Violation = z.object({
  code: z.string().describe('Code stable de la règle enfreinte, ex. TAUX_FSE_EXCESSIF.'),
  message: z.string(),
  source: z.string().describe('Origine de la règle : référence juridique ou fiche de l’appel à projets.'),
  details: z.record(z.string(), z.number()).optional(),
});
export type Violation = z.infer<typeof Violation>;

export const TotauxPlan = z.object({
  personnel: Centimes,
  fonctionnement: Centimes,
  prestations: Centimes,
  participants: Centimes,
  remunerationsParticipants: Centimes,
  directs: Centimes,
  indirects: Centimes,
  coutTotal: Centimes,
  fse: Centimes,
  cofinancements: Centimes,
  contreparties: Centimes,
  autofinancement: Centimes,
  recettes: Centimes,
  ressources: Centimes,
});
export type TotauxPlan = z.infer<typeof TotauxPlan>;

export const ControlePlan = z.object({
  totaux: TotauxPlan,
  tauxFse: Taux.nullable(),
  tauxContreparties: Taux.nullable(),
  violations: z.array(Violation),
  conforme: z.boolean(),
});
export type ControlePlan = z.infer<typeof ControlePlan>;

/** Body of `GET /dossiers/{id}/plan-financement/controles`. */
export const ControlePlanReponse = ControlePlan.extend({
  dossierId: z.string(),
  version: z.number().int(),
  regle: RegleFinancement,
  programme: z.enum(CODES_PROGRAMME),
});
export type ControlePlanReponse = z.infer<typeof ControlePlanReponse>;
