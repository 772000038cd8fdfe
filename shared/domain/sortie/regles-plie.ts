/**
 * The exit (« sortie ») rules of each PLIE, as versioned data (issue 14; notes « apres-selection » 5.3). A version holds
 * what one source states, with the date it applies from and the COPIL decision that set it when the source names one.
 * Seeded ONLY from the seeds: Agenais, Bordeaux, Grand Périgueux (seed 002, AAP AGAPE 2021), Mulhouse (seed 004),
 * Dijon (seed 003). The other AGAPE PLIE (technowest, haut-perigord, portes-du-sud, sources) state no exit rule: they
 * have no version, and their sorties are « à qualifier » until the OI enters one.
 *
 * Where a source leaves a threshold open (« > 6 mois » next to « 6 mois ou plus », « > 3 mois » next to « < 3 mois »,
 * « formations longues » undefined), the criterion sends the case to the commission with the reason; it never decides.
 */
import type { SituationSortie, StructureSiae } from '../../schemas/participant';

/** The categories, named after the seeds' headings; `groupe` keeps each seed's own heading. */
export const CATEGORIES_SORTIE = [
  'emploi_durable', 'emploi_dynamique', 'emploi', 'formation', 'creation',
  'autre', 'negative', 'suspension',
  'non_retenue', 'a_decider_commission', 'a_qualifier',
] as const;
export type CategorieSortie = (typeof CATEGORIES_SORTIE)[number];

export const LIBELLES_CATEGORIE: Record<CategorieSortie, string> = {
  emploi_durable: 'sortie positive — emploi durable',
  emploi_dynamique: 'sortie positive « dynamique »',
  emploi: 'sortie positive — emploi',
  formation: 'sortie positive — formation',
  creation: 'sortie positive — création d’entreprise',
  autre: 'sortie autre (administrative)',
  negative: 'sortie négative',
  suspension: 'suspension de parcours',
  non_retenue: 'ne remplit pas les critères de la règle',
  a_decider_commission: 'à décider par la commission',
  a_qualifier: 'à qualifier',
};

/** Categories that count as « sorties positives »; `autre`, `negative`, `suspension` and `non_retenue` do not. */
export const CATEGORIES_POSITIVES: readonly CategorieSortie[] = ['emploi_durable', 'emploi_dynamique', 'emploi', 'formation', 'creation'];

/** A cumulated-duration threshold: months or weeks or hours, the first reached suffices (« 39 semaines (ou 1 200 heures) »). */
export interface SeuilsCumul {
  mois?: number;
  semaines?: number;
  heures?: number;
  /** Exactly the threshold is left open by the source: the case goes to the commission with this reason. */
  egaliteAmbigue?: string;
}

export type Critere =
  /** The contract's own length (« CDD > à 6 mois »): `strict` for « > », else « ≥ ». */
  | { type: 'duree_contrat'; mois: number; strict: boolean }
  /** Time spent in the job on the exit date, from the contract's start (« 6 mois ou plus »). */
  | { type: 'anciennete'; mois: number; memeEmployeur: boolean }
  /** « Temps plein ou réduit si volontariat ». */
  | { type: 'temps_plein_ou_choisi' }
  /** Minimum weekly hours, unless the participant agreed (`saufAccord`); `zoneAmbigue`: up to which hours the source is unclear. */
  | { type: 'heures_hebdo'; min: number; saufAccord: boolean; zoneAmbigue?: { jusqua: number; motif: string } }
  /** Cumulated contracts within the last `fenetreMois` months before the exit (null: the source gives no window). */
  /** `meme`: the count is per agency (intérim) or per user company (ETTI), the best one deciding. */
  | { type: 'cumul'; fenetreMois: number | null; seuils: SeuilsCumul; meme: 'agence' | 'entreprise_utilisatrice' | null; sansInterruption: boolean }
  /** Months since registration, in one of the registers the source names (null: any). */
  | { type: 'creation'; mois: number; registres: string[] | null }
  /** Qualifying training: linked to the project; ended, or a « formation longue » after `apresMois` months. */
  | { type: 'formation'; enLienAvecLeProjet: boolean; finOuApresMois: number | null; niveau?: number; validee: boolean }
  /** Duration of the situation (incarceration): bounds with their inclusivity. */
  | { type: 'duree_situation'; min?: { mois: number; inclus: boolean }; max?: { mois: number; inclus: boolean } }
  | { type: 'sans_reprise' }
  | { type: 'age_min'; ans: number }
  /** Proof required; without one the source allows « un autre moyen non discutable » (004 l.149), judged by the commission. */
  | { type: 'justificatif' }
  /** The source requires a commission's validation: met criteria yield « à décider par la commission ». */
  | { type: 'commission'; motif: string }
  /** The source is ambiguous for this case: always « à décider par la commission ». */
  | { type: 'ambigu'; motif: string };

export interface RegleSortie {
  code: string;
  /** The line of the seed's table, as written. */
  libelle: string;
  /** The seed's heading the line stands under. */
  groupe: string;
  categorie: Exclude<CategorieSortie, 'non_retenue' | 'a_decider_commission' | 'a_qualifier'>;
  situations: SituationSortie[];
  /** For `emploi_siae`: the structures the line covers (absent: all). */
  structuresSiae?: StructureSiae[];
  criteres: Critere[];
  source: string;
  /** How Guichet reads the line where it leaves room. */
  lecture?: string;
}

export interface VersionRegles {
  plie: string;
  version: string;
  /** First day the version judges sorties (a sortie is judged by the version in force on its date). */
  valideDu: string;
  decisionCopil: { reference: string; date: string | null } | null;
  source: string;
  lecture?: string;
  regles: RegleSortie[];
  /** A version the OI entered: the version it copied, and who entered it when (shared/domain/sortie/versions.ts). */
  base?: string;
  saisie?: { le: string; par: string };
}

// ---------------------------------------------------------------- building blocks

const PLEIN_OU_CHOISI: Critere = { type: 'temps_plein_ou_choisi' };
const anciennete = (mois: number, memeEmployeur = false): Critere => ({ type: 'anciennete', mois, memeEmployeur });
const FORMATION_LONGUE: Critere = { type: 'formation', enLienAvecLeProjet: true, finOuApresMois: 6, validee: false };
const CREATION_RCS_6: Critere = { type: 'creation', mois: 6, registres: ['RCS'] };
const SEUIL_39_SEMAINES_1200_H: SeuilsCumul = { semaines: 39, heures: 1200 };
const cumul = (seuils: SeuilsCumul, fenetreMois: number | null, o: { meme?: 'agence' | 'entreprise_utilisatrice'; sansInterruption?: boolean } = {}): Critere =>
  ({ type: 'cumul', fenetreMois, seuils, meme: o.meme ?? null, sansInterruption: o.sansInterruption ?? false });

/** The « autres », « négatives » and « suspension » lines, the same in the three AGAPE tables but for incarceration. */
const administratives = (p: string, s: (l: string) => string, lignes: { demenagement: string; maternite: string; abandon: string; nonRespect: string; sante: string }, groupes: { autre: string; negative: string; suspension: string }): RegleSortie[] => [
  { code: `${p}-DEMENAGEMENT-DECES`, libelle: 'Déménagement / Décès', groupe: groupes.autre, categorie: 'autre', situations: ['demenagement', 'deces'], criteres: [], source: s(lignes.demenagement) },
  { code: `${p}-MATERNITE`, libelle: 'Maternité — si pas de volonté de reprendre le travail à l’issue du congé', groupe: groupes.autre, categorie: 'autre', situations: ['maternite'], criteres: [{ type: 'sans_reprise' }], source: s(lignes.maternite) },
  { code: `${p}-ABANDON`, libelle: 'Abandon de parcours par le participant (démission)', groupe: groupes.negative, categorie: 'negative', situations: ['abandon'], criteres: [], source: s(lignes.abandon) },
  { code: `${p}-NON-RESPECT`, libelle: 'Non-respect du contrat d’engagement', groupe: groupes.negative, categorie: 'negative', situations: ['non_respect_contrat_engagement'], criteres: [], source: s(lignes.nonRespect) },
  { code: `${p}-SANTE`, libelle: 'Santé / Problèmes familiaux — 3 mois renouvelable', groupe: groupes.suspension, categorie: 'suspension', situations: ['sante_problemes_familiaux'], criteres: [], source: s(lignes.sante) },
];

const s002 = (l: string) => `seed 002 (AAP AGAPE 2021) l.${l}`;
const s003 = (l: string) => `seed 003 (AAP PLIE du bassin dijonnais 2018) l.${l}`;
const s004 = (l: string) => `seed 004 (cadrage PLIE de la région mulhousienne 2022, fiche 1) l.${l}`;

const VALIDITE_AGAPE = 'La source ne date pas l’entrée en vigueur de ces critères : la version s’applique à compter du 01/01/2021, début de la programmation de l’AAP qui les publie ; une sortie antérieure reste « à qualifier ».';
const FORMATION_LONGUE_MOTIF = 'La source ne définit pas une « formation longue » : la qualification après 6 mois d’une formation non terminée revient à la commission.';

// ---------------------------------------------------------------- Agenais (seed 002 l.407–509)

const AGENAIS_POS = 'SORTIES POSITIVES';
const AGENAIS_GROUPES = { autre: 'SORTIES AUTRES', negative: 'SORTIES NEGATIVES', suspension: 'SUSPENSION DE PARCOURS' };

const AGENAIS: VersionRegles = {
  plie: 'agenais',
  version: 'agenais-2021',
  valideDu: '2021-01-01',
  decisionCopil: null,
  source: s002('407–509 (« Critères de sortie »)'),
  lecture: `${VALIDITE_AGAPE} Les intitulés de groupes (sorties positives, autres, négatives, suspension) sont détachés du tableau dans la source (l.503–509) : chaque ligne est rattachée au groupe que lui donnent les tableaux de Bordeaux et du Grand Périgueux. La source ne nomme pas de décision du comité de pilotage ; la commission d’intégration et de suivi valide les sorties (l.531–535).`,
  regles: [
    { code: 'AGENAIS-CDI', libelle: 'CDI — temps plein ou réduit — 6 mois ou plus', groupe: AGENAIS_POS, categorie: 'emploi', situations: ['cdi'], criteres: [anciennete(6)], source: s002('423') },
    {
      code: 'AGENAIS-CDD', libelle: 'CDD > à 6 mois (dont apprentissage et professionnalisation) — temps plein ou réduit si volontariat — 6 mois ou plus chez le même employeur',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['cdd', 'alternance'],
      criteres: [{ type: 'duree_contrat', mois: 6, strict: true }, PLEIN_OU_CHOISI, anciennete(6, true)], source: s002('424–431'),
    },
    {
      code: 'AGENAIS-INTERIM', libelle: 'CDD > à 6 mois en intérim — CTT > à 6 mois : soit 900 h dans la même agence d’intérim sur les 9 derniers mois',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['interim'],
      criteres: [PLEIN_OU_CHOISI, cumul({ heures: 900, egaliteAmbigue: '« > à 6 mois : soit 900 h » : la source ne dit pas si 900 h tout juste suffisent.' }, 9, { meme: 'agence' })],
      source: s002('433–437'),
    },
    {
      code: 'AGENAIS-CONTRAT-AIDE', libelle: 'Contrats aidés hors IAE — 20 heures — validation de 12 mois minimum, soumise à la commission d’intégration et de suivi',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['contrat_aide'],
      criteres: [
        { type: 'heures_hebdo', min: 20, saufAccord: false }, anciennete(12),
        { type: 'commission', motif: 'Contrat aidé : sortie positive seulement s’il correspond au projet professionnel, n’est pas systématique et après validation de la commission d’intégration et de suivi (l.442–448).' },
      ],
      source: s002('439–448'),
    },
    {
      code: 'AGENAIS-IAE', libelle: 'Contrats aidés IAE — validation de 12 mois minimum et validation impérative par la commission de sortie',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['emploi_siae'], structuresSiae: ['EI', 'ACI', 'AI'],
      criteres: [anciennete(12), { type: 'commission', motif: 'Contrat aidé IAE : validation impérative par la commission de sortie (l.450–451).' }],
      source: s002('450–451'),
      lecture: 'Les CDD en ETTI ont leur propre ligne (l.461–470) : cette ligne couvre les autres structures de l’IAE.',
    },
    {
      code: 'AGENAIS-SUCCESSIFS', libelle: 'Contrats successifs (CDD ou CDI) — temps plein ou réduit si volontariat — 6 mois sur les 9 derniers mois',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['contrats_successifs'],
      criteres: [PLEIN_OU_CHOISI, cumul({ mois: 6 }, 9)], source: s002('453–459'),
    },
    {
      code: 'AGENAIS-ETTI', libelle: 'CDD en ETTI — 6 mois sur les 12 derniers mois chez la même entreprise utilisatrice, soumis à la commission d’intégration et de suivi',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['emploi_siae'], structuresSiae: ['ETTI'],
      criteres: [
        PLEIN_OU_CHOISI, cumul({ mois: 6 }, 12, { meme: 'entreprise_utilisatrice' }),
        { type: 'commission', motif: 'CDD en ETTI : sortie positive seulement s’il correspond au projet professionnel, n’est pas systématique et après validation de la commission d’intégration et de suivi (l.464–470).' },
      ],
      source: s002('461–470'),
      lecture: '« Même entreprise utilisatrice » se lit sur les contrats cumulés, dont le champ « employeur » porte l’entreprise utilisatrice.',
    },
    { code: 'AGENAIS-CREATION', libelle: 'Création d’entreprises — 6 mois après inscription au RCS', groupe: AGENAIS_POS, categorie: 'creation', situations: ['creation_entreprise'], criteres: [CREATION_RCS_6], source: s002('472') },
    {
      code: 'AGENAIS-FORMATION', libelle: 'Formation qualifiante en lien avec le projet professionnel — fin de formation ou après 6 mois pour les formations longues',
      groupe: AGENAIS_POS, categorie: 'formation', situations: ['formation_qualifiante'], criteres: [FORMATION_LONGUE], source: s002('473–477'), lecture: FORMATION_LONGUE_MOTIF,
    },
    {
      code: 'AGENAIS-CAS-PARTICULIER', libelle: 'Cas particulier — sur la base du volontariat du participant, après analyse et validation par la commission de sortie',
      groupe: AGENAIS_POS, categorie: 'emploi', situations: ['cas_particulier'],
      criteres: [{ type: 'commission', motif: 'Cas particulier : analyse et validation par la commission de sortie (l.479–481), qui en fixe la catégorie.' }], source: s002('479–481'),
    },
    ...administratives('AGENAIS', s002, { demenagement: '483', maternite: '486–488', abandon: '490–493', nonRespect: '495–498', sante: '500' }, AGENAIS_GROUPES),
    { code: 'AGENAIS-INCARCERATION-LONGUE', libelle: 'Incarcération — durée supérieure à trois mois', groupe: AGENAIS_GROUPES.autre, categorie: 'autre', situations: ['incarceration'], criteres: [{ type: 'duree_situation', min: { mois: 3, inclus: false } }], source: s002('484') },
    { code: 'AGENAIS-INCARCERATION-COURTE', libelle: 'Incarcération — durée < 3 mois', groupe: AGENAIS_GROUPES.suspension, categorie: 'suspension', situations: ['incarceration'], criteres: [{ type: 'duree_situation', max: { mois: 3, inclus: false } }], source: s002('501') },
    {
      code: 'AGENAIS-INCARCERATION-3-MOIS', libelle: 'Incarcération de trois mois exactement', groupe: AGENAIS_GROUPES.autre, categorie: 'autre', situations: ['incarceration'],
      criteres: [{ type: 'duree_situation', min: { mois: 3, inclus: true }, max: { mois: 3, inclus: true } }, { type: 'ambigu', motif: 'La source prévoit « supérieure à trois mois » (sortie autre, l.484) et « < 3 mois » (suspension, l.501) : trois mois exactement n’est couvert par aucune des deux lignes.' }],
      source: s002('484, 501'),
    },
  ],
};

// ---------------------------------------------------------------- Bordeaux (seed 002 l.1556–1636)

const BDX_DURABLES = 'SORTIES POSITIVES : emplois durables';
const BDX_DYNAMIQUES = 'SORTIES POSITIVES – « dynamiques »';
const BDX_GROUPES = { autre: 'SORTIES AUTRES — Sorties administratives', negative: 'Sorties négatives', suspension: 'SUSPENSION DE PARCOURS' };

const BORDEAUX: VersionRegles = {
  plie: 'bordeaux',
  version: 'bordeaux-2021',
  valideDu: '2021-01-01',
  decisionCopil: null,
  source: s002('1556–1636 (« Critères de sortie »)'),
  lecture: `${VALIDITE_AGAPE} Le comité de pilotage peut faire évoluer ces critères (l.1558) ; la source ne cite pas la décision qui les a fixés. La ligne « Veille de parcours / Transfert référent d’étape » (l.1613–1614) n’a ni durée ni période de validation : elle n’est pas une règle ici.`,
  regles: [
    { code: 'BORDEAUX-CDI', libelle: 'CDI — temps plein ou réduit si volontariat — 6 mois ou plus', groupe: BDX_DURABLES, categorie: 'emploi_durable', situations: ['cdi'], criteres: [PLEIN_OU_CHOISI, anciennete(6)], source: s002('1565–1566') },
    {
      code: 'BORDEAUX-CDD', libelle: 'CDD > 6 mois (dont apprentissage et professionnalisation) — temps plein ou réduit si volontariat — 6 mois ou plus chez le même employeur',
      groupe: BDX_DURABLES, categorie: 'emploi_durable', situations: ['cdd', 'alternance'],
      criteres: [{ type: 'duree_contrat', mois: 6, strict: true }, PLEIN_OU_CHOISI, anciennete(6, true)], source: s002('1568–1572'),
    },
    {
      code: 'BORDEAUX-INTERIM', libelle: 'CDD > 6 mois en intérim — 6 mois ou plus dans la même agence, sans interruption entre contrats',
      groupe: BDX_DURABLES, categorie: 'emploi_durable', situations: ['interim'],
      criteres: [PLEIN_OU_CHOISI, cumul({ mois: 6, egaliteAmbigue: 'La ligne dit « CDD > 6 mois en intérim » et la période de validation « 6 mois ou plus » : six mois exactement n’est pas tranché.' }, null, { meme: 'agence', sansInterruption: true })],
      source: s002('1574–1578'),
    },
    {
      code: 'BORDEAUX-SUCCESSIFS', libelle: 'Contrats successifs (CDD ou CDI) — 39 semaines (ou 1 200 heures) sur période de 12 mois (y compris agences d’intérim, CESU…)',
      groupe: BDX_DURABLES, categorie: 'emploi_durable', situations: ['contrats_successifs'],
      criteres: [PLEIN_OU_CHOISI, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('1580–1585'),
      lecture: 'La période de 12 mois est celle qui s’achève à la date de sortie ; un contrat à cheval sur son début compte au prorata de ses jours ; une semaine compte dès qu’elle est couverte par des contrats (jours couverts ÷ 7).',
    },
    { code: 'BORDEAUX-EI', libelle: 'CDD en EI — temps plein ou réduit si volontariat — 12 mois', groupe: BDX_DYNAMIQUES, categorie: 'emploi_dynamique', situations: ['emploi_siae'], structuresSiae: ['EI'], criteres: [PLEIN_OU_CHOISI, anciennete(12)], source: s002('1589–1590') },
    { code: 'BORDEAUX-ETTI', libelle: 'CDD en ETTI — 39 semaines (ou 1 200 heures) sur période de 12 mois', groupe: BDX_DYNAMIQUES, categorie: 'emploi_dynamique', situations: ['emploi_siae'], structuresSiae: ['ETTI'], criteres: [PLEIN_OU_CHOISI, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('1592–1596') },
    {
      code: 'BORDEAUX-CONTRAT-AIDE', libelle: 'Contrats aidés hors SIAE — selon contrat — 1 200 heures sur 12 mois', groupe: BDX_DYNAMIQUES, categorie: 'emploi_dynamique', situations: ['contrat_aide'],
      criteres: [PLEIN_OU_CHOISI, cumul({ heures: 1200 }, 12)], source: s002('1598–1604'),
      lecture: '« Selon contrat » (l.1602) n’est pas défini : seul le cumul de 1 200 heures sur 12 mois est contrôlé.',
    },
    { code: 'BORDEAUX-CREATION', libelle: 'Création d’entreprises — 6 mois après inscription RCS', groupe: BDX_DYNAMIQUES, categorie: 'creation', situations: ['creation_entreprise'], criteres: [CREATION_RCS_6], source: s002('1606') },
    {
      code: 'BORDEAUX-FORMATION', libelle: 'Formation qualifiante en lien avec le projet professionnel — fin de formation ou après 6 mois pour les formations longues',
      groupe: BDX_DYNAMIQUES, categorie: 'formation', situations: ['formation_qualifiante'], criteres: [FORMATION_LONGUE], source: s002('1607–1610'), lecture: FORMATION_LONGUE_MOTIF,
    },
    ...administratives('BORDEAUX', s002, { demenagement: '1620', maternite: '1625–1626', abandon: '1628–1629', nonRespect: '1631', sante: '1635' }, BDX_GROUPES),
    { code: 'BORDEAUX-INCARCERATION-LONGUE', libelle: 'Incarcération — durée supérieure à trois mois', groupe: BDX_GROUPES.autre, categorie: 'autre', situations: ['incarceration'], criteres: [{ type: 'duree_situation', min: { mois: 3, inclus: false } }], source: s002('1622–1623') },
    { code: 'BORDEAUX-INCARCERATION-COURTE', libelle: 'Incarcération — durée < 3 mois', groupe: BDX_GROUPES.suspension, categorie: 'suspension', situations: ['incarceration'], criteres: [{ type: 'duree_situation', max: { mois: 3, inclus: false } }], source: s002('1636') },
    {
      code: 'BORDEAUX-INCARCERATION-3-MOIS', libelle: 'Incarcération de trois mois exactement', groupe: BDX_GROUPES.autre, categorie: 'autre', situations: ['incarceration'],
      criteres: [{ type: 'duree_situation', min: { mois: 3, inclus: true }, max: { mois: 3, inclus: true } }, { type: 'ambigu', motif: 'La source prévoit « supérieure à trois mois » (sortie autre, l.1622) et « < 3 mois » (suspension, l.1636) : trois mois exactement n’est couvert par aucune des deux lignes.' }],
      source: s002('1622, 1636'),
    },
  ],
};

// ---------------------------------------------------------------- Grand Périgueux (seed 002 l.3193–3230)

const GP_POS = 'SORTIES EMPLOI-FORMATION-CREATION';
const GP_GROUPES = { autre: 'SORTIES AUTRES — SORTIES ADMINISTRATIVES', negative: 'SORTIES NEGATIVES', suspension: 'SUSPENSION / VEILLE DE PARCOURS' };

const GRAND_PERIGUEUX: VersionRegles = {
  plie: 'grand-perigueux',
  version: 'grand-perigueux-2021',
  valideDu: '2021-01-01',
  decisionCopil: { reference: 'Protocole d’accord du PLIE 2015/2019 et son avenant 1 (seed 002 l.3178, 3193)', date: null },
  source: s002('3193–3230 (critères de sortie)'),
  lecture: `${VALIDITE_AGAPE} Les critères « sont précisés par le Protocole d’Accord du PLIE » (l.3193), que le comité de pilotage peut faire évoluer (l.3194).`,
  regles: [
    { code: 'GP-CDI', libelle: 'CDI — temps plein ou réduit si volontariat — 6 mois ou plus', groupe: GP_POS, categorie: 'emploi', situations: ['cdi'], criteres: [PLEIN_OU_CHOISI, anciennete(6)], source: s002('3201') },
    {
      code: 'GP-CDD', libelle: 'CDD ≥ 6 mois (dont alternance) — temps plein ou réduit si volontariat — 6 mois ou plus chez le même employeur',
      groupe: GP_POS, categorie: 'emploi', situations: ['cdd', 'alternance'], criteres: [{ type: 'duree_contrat', mois: 6, strict: false }, PLEIN_OU_CHOISI, anciennete(6, true)], source: s002('3202'),
    },
    { code: 'GP-INTERIM', libelle: 'CTT ≥ 6 mois en intérim — 6 mois dans la même agence sur les 12 derniers mois', groupe: GP_POS, categorie: 'emploi', situations: ['interim'], criteres: [PLEIN_OU_CHOISI, cumul({ mois: 6 }, 12, { meme: 'agence' })], source: s002('3204') },
    { code: 'GP-SUCCESSIFS', libelle: 'Contrats successifs (CDI, CDD, CTT) — 39 semaines ou 1 200 h sur 12 mois (dont intérim, CESU)', groupe: GP_POS, categorie: 'emploi', situations: ['contrats_successifs'], criteres: [PLEIN_OU_CHOISI, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('3205') },
    {
      code: 'GP-IAE', libelle: 'Contrats aidés / mesures aidées en IAE — 20 heures — 39 semaines ou 1 200 h sur période de 12 mois', groupe: GP_POS, categorie: 'emploi',
      situations: ['emploi_siae'], structuresSiae: ['EI', 'ACI', 'AI'], criteres: [{ type: 'heures_hebdo', min: 20, saufAccord: false }, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('3207'),
      lecture: 'Les contrats en ETTI ont leur propre ligne (l.3208) : cette ligne couvre les autres structures de l’IAE.',
    },
    { code: 'GP-ETTI', libelle: 'Contrats en ETTI — temps plein ou réduit si volontariat — 39 semaines ou 1 200 h sur période de 12 mois', groupe: GP_POS, categorie: 'emploi', situations: ['emploi_siae'], structuresSiae: ['ETTI'], criteres: [PLEIN_OU_CHOISI, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('3208') },
    { code: 'GP-CONTRAT-AIDE', libelle: 'Contrats aidés / mesures aidées hors IAE — temps plein ou réduit si volontariat — 39 semaines ou 1 200 h sur période de 12 mois', groupe: GP_POS, categorie: 'emploi', situations: ['contrat_aide'], criteres: [PLEIN_OU_CHOISI, cumul(SEUIL_39_SEMAINES_1200_H, 12)], source: s002('3210') },
    { code: 'GP-CREATION', libelle: 'Création d’entreprises — 6 mois d’inscription RCS', groupe: GP_POS, categorie: 'creation', situations: ['creation_entreprise'], criteres: [CREATION_RCS_6], source: s002('3211') },
    { code: 'GP-FORMATION', libelle: 'Formation qualifiante en lien avec le projet professionnel — fin ou après 6 mois pour les formations longues', groupe: GP_POS, categorie: 'formation', situations: ['formation_qualifiante'], criteres: [FORMATION_LONGUE], source: s002('3213'), lecture: FORMATION_LONGUE_MOTIF },
    ...administratives('GP', s002, { demenagement: '3218', maternite: '3221', abandon: '3224', nonRespect: '3225', sante: '3228' }, GP_GROUPES),
    // « ≥ 3 mois » (autre, l.3219) and « ≤ 3 mois » (suspension, l.3230) overlap at three months exactly: both lines
    // match, with two categories, and the qualification sends the case to the commission.
    { code: 'GP-INCARCERATION-LONGUE', libelle: 'Incarcération — durée ≥ 3 mois', groupe: GP_GROUPES.autre, categorie: 'autre', situations: ['incarceration'], criteres: [{ type: 'duree_situation', min: { mois: 3, inclus: true } }], source: s002('3219') },
    { code: 'GP-INCARCERATION-COURTE', libelle: 'Incarcération — durée ≤ 3 mois', groupe: GP_GROUPES.suspension, categorie: 'suspension', situations: ['incarceration'], criteres: [{ type: 'duree_situation', max: { mois: 3, inclus: true } }], source: s002('3230') },
  ],
};

// ---------------------------------------------------------------- Mulhouse (seed 004 l.91, 105, 145–149)

const MULHOUSE_POS = 'sorties « positives » (emploi durable, formation validée)';

const MULHOUSE: VersionRegles = {
  plie: 'mulhouse',
  version: 'mulhouse-2022',
  valideDu: '2022-01-01',
  decisionCopil: null,
  source: s004('91, 105, 145–149'),
  lecture: 'Cadrage de la programmation 2022, dont le comité de pilotage du 18/12/2021 a validé les orientations (l.18) sans que la source rattache ces critères à cette décision. La source ne donne ni période de validation ni durée hebdomadaire : seules les durées qu’elle énonce sont contrôlées. Le suivi de 6 mois après la prise de poste (l.105, 147) est une obligation du référent, non une condition de la sortie.',
  regles: [
    { code: 'MULHOUSE-CDI', libelle: 'CDI', groupe: MULHOUSE_POS, categorie: 'emploi', situations: ['cdi'], criteres: [{ type: 'justificatif' }], source: s004('91, 145, 147–149') },
    { code: 'MULHOUSE-CDD', libelle: 'CDD de plus de 6 mois', groupe: MULHOUSE_POS, categorie: 'emploi', situations: ['cdd', 'alternance'], criteres: [{ type: 'duree_contrat', mois: 6, strict: true }, { type: 'justificatif' }], source: s004('91, 145, 147–149') },
    {
      code: 'MULHOUSE-INTERIM', libelle: 'Période d’intérim de 6 mois et plus', groupe: MULHOUSE_POS, categorie: 'emploi', situations: ['interim'],
      criteres: [cumul({ mois: 6 }, null), { type: 'justificatif' }], source: s004('91, 147–149'),
      lecture: 'La source ne fixe pas de fenêtre : les missions déclarées sont cumulées.',
    },
    { code: 'MULHOUSE-CREATION', libelle: 'Création d’activité', groupe: MULHOUSE_POS, categorie: 'creation', situations: ['creation_entreprise'], criteres: [{ type: 'justificatif' }], source: s004('91, 145, 147–149') },
    {
      code: 'MULHOUSE-FORMATION', libelle: 'Formation qualifiante, diplômante ou certifiante équivalente au niveau 3 (BEP – CAP), validée', groupe: MULHOUSE_POS, categorie: 'formation', situations: ['formation_qualifiante'],
      criteres: [{ type: 'formation', enLienAvecLeProjet: false, finOuApresMois: null, niveau: 3, validee: true }, { type: 'justificatif' }], source: s004('91, 145, 147–149'),
      lecture: '« Équivalente à un niveau 03 » (l.145) : un niveau supérieur n’est pas mentionné et revient à la commission.',
    },
  ],
};

// ---------------------------------------------------------------- Dijon (seed 003 l.147–165)

const DIJON_POS = 'Les critères de sorties positives (1.3.2)';
const DIX_SEPT_H_CINQUANTE = 17 + 50 / 60;

const DIJON: VersionRegles = {
  plie: 'dijon',
  version: 'dijon-2018',
  valideDu: '2018-01-01',
  decisionCopil: null,
  source: s003('147–165'),
  lecture: 'Critères publiés dans l’AAP 2018, dont l’action commence le 01/01/2018 (l.321) ; la source ne nomme pas la décision qui les fixe. Elle ne liste que les sorties positives : les autres situations restent « à qualifier ».',
  regles: [
    {
      code: 'DIJON-CDI', libelle: 'Emploi en CDI mi-temps minimum (ou moins sur accord du participant) au terme de 6 mois de présence en entreprise',
      groupe: DIJON_POS, categorie: 'emploi', situations: ['cdi'], criteres: [{ type: 'heures_hebdo', min: 17.5, saufAccord: true }, anciennete(6)], source: s003('149–150'),
      lecture: 'Mi-temps : 17 h 30, la moitié de la durée légale de 35 heures.',
    },
    { code: 'DIJON-INTERIM', libelle: 'Intérim régulier cumulant au moins 6 mois dans les 12 mois', groupe: DIJON_POS, categorie: 'emploi', situations: ['interim'], criteres: [cumul({ mois: 6 }, 12)], source: s003('152'), lecture: '« Régulier » n’est pas défini : seul le cumul est contrôlé.' },
    {
      code: 'DIJON-CDD', libelle: 'CDD unique ou successifs au terme de 6 mois dans les 12 mois, à temps plein ou partiel (si inférieur à 17H50, avec l’accord du participant)',
      groupe: DIJON_POS, categorie: 'emploi', situations: ['cdd', 'contrats_successifs', 'alternance'],
      criteres: [
        { type: 'heures_hebdo', min: 17.5, saufAccord: true, zoneAmbigue: { jusqua: DIX_SEPT_H_CINQUANTE, motif: '« 17H50 » se lit 17 h 50 min ou 17,50 h (le mi-temps de la ligne du CDI) : entre 17 h 30 et 17 h 50 sans accord du participant, la source ne tranche pas.' } },
        cumul({ mois: 6 }, 12),
      ],
      source: s003('153–154'),
    },
    { code: 'DIJON-FORMATION', libelle: 'Formation qualifiante', groupe: DIJON_POS, categorie: 'formation', situations: ['formation_qualifiante'], criteres: [], source: s003('156') },
    { code: 'DIJON-CREATION', libelle: 'Création ou reprise d’activité, suivi de 6 mois post création', groupe: DIJON_POS, categorie: 'creation', situations: ['creation_entreprise'], criteres: [{ type: 'creation', mois: 6, registres: null }], source: s003('158') },
    {
      code: 'DIJON-CONTRAT-AIDE', libelle: 'Contrats aidés de plus de 6 mois hors chantiers d’insertion', groupe: DIJON_POS, categorie: 'emploi',
      situations: ['contrat_aide', 'emploi_siae'], structuresSiae: ['EI', 'ETTI', 'AI'], criteres: [{ type: 'duree_contrat', mois: 6, strict: true }], source: s003('160'),
      lecture: 'Les contrats de l’IAE hors chantiers d’insertion (EI, ETTI, AI) sont lus comme des contrats aidés.',
    },
    {
      code: 'DIJON-ACI-SENIOR', libelle: 'Seniors de 55 ans et plus en chantier d’insertion, au terme de 6 mois dans l’emploi, au cas par cas', groupe: DIJON_POS, categorie: 'emploi',
      situations: ['emploi_siae'], structuresSiae: ['ACI'],
      criteres: [{ type: 'age_min', ans: 55 }, anciennete(6), { type: 'commission', motif: 'Senior en chantier d’insertion : validation au cas par cas par la commission de validation des entrées-sorties (l.162–165).' }],
      source: s003('162–165'),
      lecture: 'L’âge se lit à la date de sortie ; la source ne précise pas.',
    },
  ],
};

/** The versions seeded, per PLIE id (ids of data/plies-agape.json; 'mulhouse' and 'dijon' for seeds 004 and 003). */
export const REGLES_PLIE: Readonly<Record<string, readonly VersionRegles[]>> = {
  agenais: [AGENAIS],
  bordeaux: [BORDEAUX],
  'grand-perigueux': [GRAND_PERIGUEUX],
  mulhouse: [MULHOUSE],
  dijon: [DIJON],
};

/**
 * The versions of a PLIE, oldest first: the seeded ones and those its OI entered (`saisies`, read from the store by
 * `versionsDuPlie`); none for a PLIE whose source states no exit rule and whose OI entered none.
 */
export const reglesDuPlie = (plie: string, saisies: readonly VersionRegles[] = []): VersionRegles[] =>
  [...(Object.hasOwn(REGLES_PLIE, plie) ? REGLES_PLIE[plie]! : []), ...saisies.filter((v) => v.plie === plie)]
    .sort((a, b) => a.valideDu.localeCompare(b.valideDu));

/** Where the versions an OI enters are kept (shared/repositories/regles-repository.ts). */
export interface ReglesStore {
  /** The versions entered for the PLIE (one Query of its partition). */
  versions(plie: string): Promise<VersionRegles[]>;
  /** Stores a version unless one already starts on its date (else Conflit). */
  ajouter(v: VersionRegles): Promise<void>;
}

/** Every version of the PLIE, seeded and entered, oldest first: one store read. */
export const versionsDuPlie = async (store: ReglesStore, plie: string | null | undefined): Promise<VersionRegles[]> =>
  plie ? reglesDuPlie(plie, await store.versions(plie)) : [];

/** The version in force on `date`: the latest whose `valideDu` is on or before it (null: none yet). */
export function versionEnVigueur(versions: readonly VersionRegles[], date: string): VersionRegles | null {
  let retenue: VersionRegles | null = null;
  for (const v of versions) if (v.valideDu <= date && (!retenue || v.valideDu >= retenue.valideDu)) retenue = v;
  return retenue;
}
