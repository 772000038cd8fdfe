import * as z from 'zod';
import { DateIso, Pourcentage, TexteCourt } from './common';
import { CoordonneesBancaires } from './piece';
import { Taux, TotauxPlan, Violation } from './plan-financement';

/**
 * Bilans d'exécution, contrôle de service fait (CSF) and payments (issue 15; notes « apres-selection » 5.4, B1–B9).
 * Requests only: the CSF's answer and the ledger are computed by shared/domain/bilan. Money in integer cents.
 */

/** 1 000 000 000,00 € (issue 15: « amounts … over 1 billion € » are refused). */
export const MONTANT_MAX_BILAN_CENTIMES = 100_000_000_000;
export const LIGNES_MAX_BILAN = 2_000;

export const MontantBilan = z
  .number({ message: 'Montant attendu en centimes entiers.' })
  .int('Montant attendu en centimes entiers.')
  .min(0, 'Un montant ne peut pas être négatif.')
  .max(MONTANT_MAX_BILAN_CENTIMES, 'Un montant ne peut pas dépasser 1 000 000 000,00 €.');

/**
 * The plan's categories of direct costs (plan-financement.ts `DepensesDirectes`), plus `indirects` for indirect costs
 * declared at real cost (only when the annexe has no flat rate: with one, they are covered by it, seed 002 l.7876–7878).
 */
export const CATEGORIES_BILAN = ['personnel', 'fonctionnement', 'prestations', 'participants', 'remunerationsParticipants', 'indirects'] as const;
export const CategorieBilan = z.enum(CATEGORIES_BILAN, { message: `Catégorie attendue : ${CATEGORIES_BILAN.join(', ')}.` });
export type CategorieBilan = z.infer<typeof CategorieBilan>;

/**
 * How the time of a staff member on the operation is evidenced (seed 002 l.7854–7872): full time, the contract or
 * lettre de mission; part time, a time-tracking software extract, attendance sheets, or a signed recapitulative
 * statement; a fixed monthly share, the fiche de poste / lettre de mission / contract (if the gestionnaire agreed).
 */
export const JUSTIFICATIFS_TEMPS = {
  contrat_temps_plein: 'Contrat de travail ou lettre de mission (affectation à temps plein)',
  logiciel_suivi_temps: 'Extraits d’un logiciel de suivi du temps, détaillés par jour',
  feuilles_emargement: 'Feuilles d’émargement',
  etat_recapitulatif_signe: 'État récapitulatif détaillé par jour, daté et signé par la personne et son supérieur',
  fiche_poste_pourcentage_fixe: 'Fiche de poste, lettre de mission ou contrat (pourcentage mensuel fixe, accepté par le gestionnaire)',
} as const;
export const JustificatifTemps = z.enum(Object.keys(JUSTIFICATIFS_TEMPS) as [keyof typeof JUSTIFICATIFS_TEMPS, ...Array<keyof typeof JUSTIFICATIFS_TEMPS>], {
  message: `Justificatif du temps attendu : ${Object.keys(JUSTIFICATIFS_TEMPS).join(', ')}.`,
});
export type JustificatifTemps = z.infer<typeof JustificatifTemps>;

const Periode = z
  .strictObject({ debut: DateIso, fin: DateIso })
  .refine((p) => p.fin >= p.debut, { message: 'La fin de la période précède son début.', path: ['fin'] });

const Personnel = z.strictObject({
  personne: TexteCourt,
  periode: Periode,
  /** Share of the person's working time on the operation. */
  quotitePct: Pourcentage.refine((p) => p > 0, 'La quotité de temps affecté à l’opération doit être positive.'),
  justificatifTemps: JustificatifTemps,
});

const Id = z.string().trim().min(1, 'Identifiant obligatoire.').max(64, 'Identifiant : 64 caractères au plus.');
const Pieces = z.array(Id).max(50, '50 pièces au plus par ligne.').default([]);

/** A realised expense: dated by its day (`date`) or by the period it covers (`periode`), one of the two. */
export const LigneDepenseRealisee = z
  .strictObject({
    id: Id,
    categorie: CategorieBilan,
    libelle: z.string().trim().min(1, 'Indiquez le libellé de la dépense.').max(300, 'Libellé : 300 caractères au plus.'),
    montantCentimes: MontantBilan,
    date: DateIso.optional(),
    periode: Periode.optional(),
    /** Paid (acquittée): only expenses actually paid are eligible (seed 002 l.7884–7889). */
    acquittee: z.boolean({ message: 'Indiquez si la dépense est acquittée.' }),
    /** Staff lines: who, over which period, at which share of their time, evidenced how (seed 002 l.7854–7872). */
    personnel: Personnel.optional(),
    pieceIds: Pieces,
  })
  .superRefine((l, ctx) => {
    if ((l.date === undefined) === (l.periode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'Datez la dépense : sa date, ou la période qu’elle couvre (l’une des deux).' });
    }
    if (l.categorie === 'personnel' && !l.personnel) {
      ctx.addIssue({ code: 'custom', path: ['personnel'], message: 'Une dépense de personnel indique la personne, la période, la quotité de temps et son justificatif.' });
    }
    if (l.categorie !== 'personnel' && l.personnel) {
      ctx.addIssue({ code: 'custom', path: ['personnel'], message: 'Seule une dépense de personnel décrit une personne et son temps.' });
    }
  });
export type LigneDepenseRealisee = z.infer<typeof LigneDepenseRealisee>;

/** What was actually received; each cofinancer is named as in the annexe's plan (checked by the CSF). */
export const RessourcesPercues = z.strictObject({
  /** FSE already paid (avance, acomptes): informative, the ledger holds the payments. */
  fsePercuCentimes: MontantBilan,
  cofinancements: z
    .array(z.strictObject({ financeur: TexteCourt, montantCentimes: MontantBilan }))
    .max(100, '100 cofinancements au plus.'),
  autofinancementCentimes: MontantBilan,
  recettesCentimes: MontantBilan,
});
export type RessourcesPercues = z.infer<typeof RessourcesPercues>;

export const IndicateurRealise = z.strictObject({
  libelle: TexteCourt,
  valeurRealisee: z.number().min(0, 'Une valeur réalisée ne peut pas être négative.').max(1e9),
});

/** The publicity obligations (seed 002 l.7698–7775): each item checked, with the pièce that shows it. */
export const POINTS_PUBLICITE = {
  embleme_ue: 'Emblème de l’Union européenne et mention du FSE sur les supports',
  affiche_a3: 'Affiche A3 (au minimum) dans un lieu visible du public',
  site_internet: 'Description de l’opération et du soutien de l’Union sur le site internet',
  information_participants: 'Information des participants du cofinancement par le FSE',
} as const;
export const PointPublicite = z.strictObject({
  point: z.enum(Object.keys(POINTS_PUBLICITE) as [keyof typeof POINTS_PUBLICITE, ...Array<keyof typeof POINTS_PUBLICITE>], { message: `Point de publicité attendu : ${Object.keys(POINTS_PUBLICITE).join(', ')}.` }),
  respecte: z.boolean(),
  pieceIds: Pieces,
});

export const NATURES_BILAN = ['intermediaire', 'final'] as const;

/** The body of a bilan (draft or deposited): the échéance of the convention's calendar it answers. */
export const DemandeBilan = z
  .strictObject({
    nature: z.enum(NATURES_BILAN, { message: 'Nature du bilan attendue : intermediaire ou final.' }),
    numero: z.number().int('Numéro d’échéance entier attendu.').min(1).max(20),
    depenses: z.array(LigneDepenseRealisee).max(LIGNES_MAX_BILAN, `${LIGNES_MAX_BILAN} lignes de dépenses au plus.`),
    ressources: RessourcesPercues,
    indicateurs: z.array(IndicateurRealise).max(100).default([]),
    publicite: z.array(PointPublicite).max(20).default([]),
    /** Ids of the « pièces de réalisation » of the fiche (seed 002, D15). */
    piecesRealisation: z.array(Id).max(500).default([]),
    /** Parcours stages the operation mobilised (a fiche with a table of stages, GP1): codes `ETAPE_<classe>_<étape>`. */
    etapesMobilisees: z.array(z.string().regex(/^ETAPE_\d{1,2}_\d{1,3}$/, 'Code d’étape de parcours attendu (ETAPE_<classe>_<étape>).')).max(500).default([]),
  })
  .superRefine((b, ctx) => {
    const vus = new Set<string>();
    b.depenses.forEach((l, i) => {
      if (vus.has(l.id)) ctx.addIssue({ code: 'custom', path: ['depenses', i, 'id'], message: `Identifiant de ligne en double : « ${l.id} ».` });
      vus.add(l.id);
    });
  });
export type DemandeBilan = z.infer<typeof DemandeBilan>;

export const STATUTS_BILAN = ['brouillon', 'depose', 'en_csf', 'csf_contradictoire', 'csf_definitif'] as const;
export const StatutBilan = z.enum(STATUTS_BILAN);
export type StatutBilan = z.infer<typeof StatutBilan>;

/** Why a line is discarded (seed 002 l.7562–7569, 7854–7872, 7884–7889). */
export const MOTIFS_ECART = {
  hors_periode: 'Dépense hors de la période de réalisation',
  non_acquitte: 'Dépense non acquittée',
  non_justifie: 'Dépense non justifiée par des pièces probantes',
  temps_non_justifie: 'Temps d’activité non justifié',
  sans_lien: 'Dépense sans lien avec l’opération',
  autre: 'Autre motif',
} as const;
export type MotifEcart = keyof typeof MOTIFS_ECART;
export const MotifEcart = z.enum(Object.keys(MOTIFS_ECART) as [MotifEcart, ...MotifEcart[]], {
  message: `Motif attendu : ${Object.keys(MOTIFS_ECART).join(', ')}.`,
});

/**
 * The gestionnaire's decision on one line: the amount retained (0 … declared; the upper bound and the motif required
 * below it are checked by `controleServiceFait`, which knows the declared amount), the motif and its text.
 */
export const DecisionLigne = z
  .strictObject({
    ligneId: Id,
    retenuCentimes: MontantBilan,
    motif: MotifEcart.nullable().default(null),
    texte: z.string().trim().max(2_000, 'Texte du motif : 2 000 caractères au plus.').nullable().default(null),
  })
  .refine((d) => d.motif !== 'autre' || (d.texte !== null && d.texte.length > 0), { message: 'Le motif « autre » doit être précisé par un texte.', path: ['texte'] });
export type DecisionLigne = z.infer<typeof DecisionLigne>;

export const DemandeCsf = z
  .strictObject({ decisions: z.array(DecisionLigne).max(LIGNES_MAX_BILAN) })
  .superRefine((d, ctx) => {
    const vus = new Set<string>();
    d.decisions.forEach((x, i) => {
      if (vus.has(x.ligneId)) ctx.addIssue({ code: 'custom', path: ['decisions', i, 'ligneId'], message: `Deux décisions pour la ligne « ${x.ligneId} ».` });
      vus.add(x.ligneId);
    });
  });
export type DemandeCsf = z.infer<typeof DemandeCsf>;

export const NATURES_PAIEMENT = ['avance', 'acompte', 'solde'] as const;
export type NaturePaiement = (typeof NATURES_PAIEMENT)[number];
export const DemandePaiement = z.strictObject({
  nature: z.enum(NATURES_PAIEMENT, { message: 'Nature du paiement attendue : avance, acompte ou solde.' }),
  montantCentimes: MontantBilan,
});
export type DemandePaiement = z.infer<typeof DemandePaiement>;

/**
 * An ordre de reversement: what was paid above the FSE dû of the last definitive CSF, claimed back from the porteur
 * (seed 002 l.7850–7852), with the date it must be repaid by and why.
 */
export const DemandeReversement = z.strictObject({
  montantCentimes: MontantBilan,
  echeance: DateIso.describe('Date limite de reversement (AAAA-MM-JJ).'),
  motif: z.string().trim().min(10, 'Motivez l’ordre de reversement (10 caractères au moins).').max(2000, 'Motif : 2 000 caractères au plus.'),
});
export type DemandeReversement = z.infer<typeof DemandeReversement>;

/** A sum the porteur repaid against an ordre de reversement, as the accountant saw it arrive. */
export const DemandeRecouvrement = z.strictObject({
  montantCentimes: MontantBilan,
  recuLe: DateIso.describe('Date de réception des fonds (AAAA-MM-JJ).'),
  reference: z.string().trim().min(1, 'Indiquez la référence du virement ou du titre de recette.').max(140, 'Référence : 140 caractères au plus.'),
});
export type DemandeRecouvrement = z.infer<typeof DemandeRecouvrement>;

/**
 * The oi-admin's export of the payments to make (every `valide` payment of the OI): a SEPA credit transfer file, from
 * the OI's account on the execution date, or a CSV for the accountant.
 */
export const DemandeVirements = z
  .strictObject({
    format: z.enum(['sepa', 'csv'], { message: 'Format attendu : sepa (fichier de virements pain.001) ou csv.' }),
    dateExecution: DateIso.optional(),
    debiteur: CoordonneesBancaires.optional().describe('Le compte de l’OI qui paie (SEPA).'),
  })
  .superRefine((d, ctx) => {
    if (d.format !== 'sepa') return;
    if (!d.dateExecution) ctx.addIssue({ code: 'custom', path: ['dateExecution'], message: 'Indiquez la date d’exécution des virements.' });
    if (!d.debiteur) ctx.addIssue({ code: 'custom', path: ['debiteur'], message: 'Indiquez le compte de l’OI qui paie : titulaire, IBAN et BIC.' });
  });
export type DemandeVirements = z.infer<typeof DemandeVirements>;

export const STATUTS_REVERSEMENT = ['emis', 'partiellement_recouvre', 'recouvre'] as const;
export type StatutReversement = (typeof STATUTS_REVERSEMENT)[number];

export const STATUTS_PAIEMENT = ['propose', 'valide', 'mis_en_paiement', 'paye'] as const;
export const StatutPaiement = z.enum(STATUTS_PAIEMENT);
export type StatutPaiement = z.infer<typeof StatutPaiement>;

// ---- What the CSF answers (output schemas: documented in OpenAPI, never used to parse user input). ----

const Centimes = z.number().int();

export const LigneCsf = z.object({
  ligneId: z.string(),
  categorie: CategorieBilan,
  libelle: z.string(),
  declareCentimes: Centimes,
  retenuCentimes: Centimes,
  ecarteCentimes: Centimes,
  motif: MotifEcart.nullable(),
  motifLibelle: z.string().nullable().describe('Libellé du motif : « Dépense hors de la période de réalisation ».'),
  texte: z.string().nullable(),
  automatique: z.boolean().describe('Écartée par les règles (hors période, non acquittée…), quelle que soit la décision du gestionnaire.'),
  alerte: z.string().nullable(),
});
export type LigneCsf = z.infer<typeof LigneCsf>;

export const TermeFseDu = z.object({
  code: z.enum(['fse_conventionne', 'taux_conventionne_cout_retenu', 'cout_retenu_moins_ressources']),
  libelle: z.string(),
  montantCentimes: Centimes,
});
export type TermeFseDu = z.infer<typeof TermeFseDu>;

export const ResultatCsf = z.object({
  lignes: z.array(LigneCsf),
  declareCentimes: Centimes,
  retenuDirectsCentimes: Centimes,
  ecarteCentimes: Centimes,
  totaux: TotauxPlan.describe('Montants réalisés retenus ; fse = FSE dû.'),
  indirects: z.object({ libelle: z.string(), montantCentimes: Centimes }),
  coutRetenuCentimes: Centimes,
  autresRessourcesPercuesCentimes: Centimes.describe('Cofinancements perçus et recettes.'),
  termes: z.array(TermeFseDu),
  fseDuCentimes: Centimes.describe('Le plus petit des trois termes, arrondi au centime inférieur.'),
  tauxFseDu: Taux.nullable(),
  tauxContreparties: Taux.nullable(),
  violations: z.array(Violation),
  conclusion: z.string(),
});
export type ResultatCsf = z.infer<typeof ResultatCsf>;

// ---- Stored items and HTTP parameters (shared/repositories/bilan-repository.ts, shared/http/contrats/bilans.ts). ----

const Instant = z.string();
const Trace = z.object({ le: Instant, par: z.string(), nom: z.string() });

/** The gestionnaire's CSF on a bilan: decisions as entered, the result computed from them, the contradictory round. */
export const CsfBilan = z.object({
  decisions: z.array(DecisionLigne),
  resultat: ResultatCsf,
  modifie: Trace,
  /** Sent to the porteur for its one contradictory round. */
  envoye: Trace.nullable().default(null),
  reponse: Trace.extend({ texte: z.string() }).nullable().default(null),
  definitif: Trace.nullable().default(null),
});
export type CsfBilan = z.infer<typeof CsfBilan>;

/**
 * The realised figures a bilan keeps from its dépôt, computed from the participant records (not typed): participants,
 * by sex, exits and positive exits (within four weeks), and each planned indicator with its realised value when it
 * counts participants.
 */
export const RealisationBilan = z.object({
  calculeLe: z.string(),
  participants: z.number().int(),
  parSexe: z.object({ femme: z.number().int(), homme: z.number().int() }),
  sorties: z.number().int(),
  sortiesPositives: z.number().int(),
  prevus: z.array(z.object({ libelle: z.string(), unite: z.string().nullable().optional(), valeurPrevue: z.number().nullable().optional(), realise: z.number().nullable() })),
});
export type RealisationBilan = z.infer<typeof RealisationBilan>;

/** A bilan of the convention's calendar (one per échéance number), in the dossier's partition. */
export const Bilan = z.object({
  dossierId: z.string(),
  numero: z.number().int(),
  nature: z.enum(NATURES_BILAN),
  statut: StatutBilan,
  version: z.number().int(),
  contenu: DemandeBilan,
  cree: Trace,
  modifie: Trace,
  depot: Trace.nullable().default(null),
  /** Computed from the participant records at the dépôt (absent on bilans deposited before it was kept). */
  realisation: RealisationBilan.nullable().default(null),
  csf: CsfBilan.nullable().default(null),
});
export type Bilan = z.infer<typeof Bilan>;

/** A payment of the ledger: its nature and amount, status and the trace of each step. */
export const PaiementEnregistre = z.object({
  id: z.string(),
  dossierId: z.string(),
  nature: z.enum(NATURES_PAIEMENT),
  montantCentimes: z.number().int(),
  statut: StatutPaiement,
  bilanNumero: z.number().int().nullable(),
  propose: Trace,
  historique: z.array(Trace.extend({ statut: StatutPaiement })),
});
export type PaiementEnregistre = z.infer<typeof PaiementEnregistre>;

/** An ordre de reversement and the receivable it opens, followed until fully recovered. */
export const OrdreReversement = z.object({
  id: z.string(),
  dossierId: z.string(),
  /** `ORV-<dossier reference>-<n>`, as the letter prints it. */
  numero: z.string(),
  /** 1 per emission, 2 after a recovery (the condition of each write). */
  version: z.number().int(),
  montantCentimes: z.number().int(),
  /** The definitive CSF it follows: its bilan, its FSE dû and the payments made then. */
  bilanNumero: z.number().int(),
  fseDuCentimes: z.number().int(),
  payesCentimes: z.number().int(),
  echeance: z.string(),
  motif: z.string(),
  statut: z.enum(STATUTS_REVERSEMENT),
  emis: Trace,
  recouvrements: z.array(Trace.extend({ montantCentimes: z.number().int(), recuLe: z.string(), reference: z.string() })),
});
export type OrdreReversement = z.infer<typeof OrdreReversement>;

export const ParamsBilan = z.strictObject({
  id: z.string().min(1).max(64),
  numero: z.coerce.number({ message: 'Numéro de bilan attendu.' }).int('Numéro de bilan entier attendu.').min(1, 'Numéro de bilan attendu.').max(20, 'Numéro de bilan : 20 au plus.'),
});
export const ParamsPaiement = z.strictObject({ id: z.string().min(1).max(64), paiementId: z.string().min(1).max(64) });
export const ParamsReversement = z.strictObject({ id: z.string().min(1).max(64), reversementId: z.string().min(1).max(64) });

/** The porteur's one answer to the CSF (contradictory round). */
export const DemandeReponseCsf = z.strictObject({
  texte: z.string().trim().min(1, 'Votre réponse est vide.').max(10_000, 'Réponse : 10 000 caractères au plus.'),
});

export const ACTIONS_PAIEMENT = ['valider', 'mettre_en_paiement', 'constater_paiement'] as const;
export const DemandeTransitionPaiement = z.strictObject({
  action: z.enum(ACTIONS_PAIEMENT, { message: `Action attendue : ${ACTIONS_PAIEMENT.join(', ')}.` }),
});
