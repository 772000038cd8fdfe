/**
 * Programme periods are data, not code: each AAP names one, and every option and threshold carries its legal source.
 * Rates are ceilings (« jusqu’à ») applied to an assiette (base) of direct costs; an AAP may set a lower one.
 */
export const CODES_PROGRAMME = ['PON-FSE-2014-2020', 'REACT-EU', 'FSE-PLUS-2021-2027'] as const;
export type CodeProgramme = (typeof CODES_PROGRAMME)[number];

export const estCodeProgramme = (code: string): code is CodeProgramme => (CODES_PROGRAMME as readonly string[]).includes(code);

/**
 * Which direct costs a flat rate is computed on. `couts_directs_hors_personnel` is the base of a staff flat rate
 * (art. 55(1) CPR 2021/1060: staff costs at up to 20 % of the other direct costs).
 */
export type AssietteForfait = 'couts_directs_hors_prestations' | 'couts_directs' | 'couts_directs_personnel' | 'couts_directs_hors_personnel';

export interface OptionForfait {
  code: string;
  libelle: string;
  /** The ceiling the regulation sets. */
  tauxPct: number;
  assiette: AssietteForfait;
  /**
   * true when the rate covers every remaining cost (40 % of direct staff costs), not only indirect costs: the plan may
   * then hold no other direct cost but the participants' wages and allowances, which stay eligible on top.
   */
  couvreTousLesAutresCouts: boolean;
  /** The operation's programmed cost per calendar year above which the option is not open (null: no such cap). */
  plafondCoutAnnuelCentimes: number | null;
  source: string;
}

/** A staff flat rate: the plan's direct staff costs are computed from its other direct costs, not declared. */
export interface OptionPersonnel {
  code: string;
  libelle: string;
  tauxPct: number;
  source: string;
}

/**
 * Operations under a threshold must be paid through simplified cost options. The base differs by period (public
 * support in 2014-2020, total cost in 2021-2027), and so do the dates.
 */
export interface SeuilCoutsSimplifies {
  /** First and last day (inclusive, null: open) the threshold applies on; compared with the operation's start. */
  du: string;
  au: string | null;
  seuilCentimes: number;
  base: 'soutien_public' | 'cout_total';
  /** The options of this table that satisfy the obligation (unit costs and lump sums are agreed with the OI outside the plan). */
  optionsSatisfaisantes: string[];
  source: string;
  /** How Guichet reads the text where it leaves room, shown with the violation. */
  lecture: string;
}

export interface ProgrammeDefinition {
  code: CodeProgramme;
  libelle: string;
  debut: string;
  fin: string;
  optionsForfait: OptionForfait[];
  optionsPersonnel: OptionPersonnel[];
  seuilsCoutsSimplifies: SeuilCoutsSimplifies[];
}

const CPR_1303 = 'règlement (UE) n° 1303/2013';
const CPR_2021 = 'règlement (UE) 2021/1060';

const forfait20HorsPrestations: OptionForfait = {
  code: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS',
  libelle: '20 % des dépenses directes, hors prestations externes',
  tauxPct: 20,
  assiette: 'couts_directs_hors_prestations',
  couvreTousLesAutresCouts: false,
  plafondCoutAnnuelCentimes: 500_000_00,
  source: `Art. 68, paragraphe 1, a) du ${CPR_1303} ; arrêté du 1er avril 2016 relatif à la forfaitisation des dépenses indirectes, art. 2 (coût total programmé de l’opération ≤ 500 000 € par année civile)`,
};
const forfait15Personnel1420: OptionForfait = {
  code: 'FORFAIT_15_PERSONNEL',
  libelle: '15 % des dépenses directes de personnel',
  tauxPct: 15,
  assiette: 'couts_directs_personnel',
  couvreTousLesAutresCouts: false,
  plafondCoutAnnuelCentimes: null,
  source: `Art. 68, paragraphe 1, b) du ${CPR_1303}`,
};
/** 40 % of direct staff costs for every other cost, the participants' wages and allowances on top: both periods. */
const forfait40Personnel = (source: string): OptionForfait => ({
  code: 'FORFAIT_40_PERSONNEL',
  libelle: '40 % des dépenses directes de personnel (couvre tous les autres coûts ; rémunérations et indemnités des participants en sus)',
  tauxPct: 40,
  assiette: 'couts_directs_personnel',
  couvreTousLesAutresCouts: true,
  plafondCoutAnnuelCentimes: null,
  source,
});
const forfait40Personnel1420 = forfait40Personnel(
  `Art. 14, paragraphe 2, du règlement (UE) n° 1304/2013 ; à compter du 2 août 2018, art. 68 ter, paragraphe 1, du ${CPR_1303} (inséré par le règlement (UE, Euratom) 2018/1046)`,
);

/**
 * 2014-2020: art. 14(4) of Reg. 1304/2013 made simplified costs mandatory for ESF support ≤ 50 000 € of public
 * support; the Omnibus (Reg. 2018/1046) deleted it and set 100 000 € in art. 67(2a) CPR from 2 August 2018 (art. 152(7)
 * let a managing authority defer it by up to twelve months: Guichet applies the new threshold from that day on).
 */
const OPTIONS_1420 = ['FORFAIT_20_DIRECTS_HORS_PRESTATIONS', 'FORFAIT_15_PERSONNEL', 'FORFAIT_40_PERSONNEL'];
const LECTURE_1420 =
  'Soutien public = FSE + cofinancements publics. Lecture retenue : le financement à taux forfaitaire est l’une des formes de coûts simplifiés (art. 67, paragraphe 1, d) du règlement (UE) n° 1303/2013), donc toute option forfaitaire du programme y répond ; des coûts unitaires ou montants forfaitaires se conviennent avec l’OI. Le seuil est celui en vigueur au début de l’opération (le report de douze mois permis par l’art. 152, paragraphe 7, n’est pas appliqué).';

const seuils1420 = (debut: string): SeuilCoutsSimplifies[] => ([
  {
    du: debut,
    au: '2018-08-01',
    seuilCentimes: 50_000_00,
    base: 'soutien_public',
    optionsSatisfaisantes: OPTIONS_1420,
    source: 'Art. 14, paragraphe 4, du règlement (UE) n° 1304/2013 (soutien public ≤ 50 000 €)',
    lecture: LECTURE_1420,
  },
  {
    du: '2018-08-02',
    au: null,
    seuilCentimes: 100_000_00,
    base: 'soutien_public',
    optionsSatisfaisantes: OPTIONS_1420,
    source: `Art. 67, paragraphe 2 bis, du ${CPR_1303} (inséré par le règlement (UE, Euratom) 2018/1046 ; soutien public ≤ 100 000 €)`,
    lecture: LECTURE_1420,
  },
] satisfies SeuilCoutsSimplifies[]).filter((seuil) => seuil.au === null || seuil.au >= debut);

export const PROGRAMMES: Record<CodeProgramme, ProgrammeDefinition> = {
  'PON-FSE-2014-2020': {
    code: 'PON-FSE-2014-2020',
    libelle: 'Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020',
    debut: '2014-01-01',
    fin: '2023-12-31',
    optionsForfait: [forfait20HorsPrestations, forfait15Personnel1420, forfait40Personnel1420],
    optionsPersonnel: [],
    seuilsCoutsSimplifies: seuils1420('2014-01-01'),
  },
  // REACT-EU is axe 5 of the same PON (seed 004 l.20): the same options and thresholds apply.
  'REACT-EU': {
    code: 'REACT-EU',
    libelle: 'REACT-EU — axe 5 du programme opérationnel national FSE 2014-2020 (soutien à la reprise)',
    debut: '2020-02-01',
    fin: '2023-12-31',
    optionsForfait: [forfait20HorsPrestations, forfait15Personnel1420, forfait40Personnel1420],
    optionsPersonnel: [],
    seuilsCoutsSimplifies: seuils1420('2020-02-01'),
  },
  'FSE-PLUS-2021-2027': {
    code: 'FSE-PLUS-2021-2027',
    libelle: 'Programme national FSE+ « Emploi-Inclusion-Jeunesse-Compétences » 2021-2027',
    debut: '2021-01-01',
    fin: '2029-12-31',
    optionsForfait: [
      {
        code: 'FORFAIT_7_DIRECTS',
        libelle: '7 % des dépenses directes',
        tauxPct: 7,
        assiette: 'couts_directs',
        couvreTousLesAutresCouts: false,
        plafondCoutAnnuelCentimes: null,
        source: `Art. 54, a) du ${CPR_2021}`,
      },
      {
        code: 'FORFAIT_15_PERSONNEL',
        libelle: '15 % des dépenses directes de personnel',
        tauxPct: 15,
        assiette: 'couts_directs_personnel',
        couvreTousLesAutresCouts: false,
        plafondCoutAnnuelCentimes: null,
        source: `Art. 54, b) du ${CPR_2021}`,
      },
      forfait40Personnel(`Art. 56, paragraphes 1 et 2, du ${CPR_2021}`),
    ],
    optionsPersonnel: [
      {
        code: 'PERSONNEL_20_AUTRES_DIRECTS',
        libelle: 'Dépenses directes de personnel à 20 % des autres dépenses directes',
        tauxPct: 20,
        source: `Art. 55, paragraphe 1, du ${CPR_2021} (sans marché de travaux au-delà des seuils de la directive 2014/24/UE)`,
      },
    ],
    seuilsCoutsSimplifies: [
      {
        du: '2021-01-01',
        au: null,
        seuilCentimes: 200_000_00,
        base: 'cout_total',
        optionsSatisfaisantes: ['FORFAIT_7_DIRECTS', 'FORFAIT_15_PERSONNEL', 'FORFAIT_40_PERSONNEL', 'PERSONNEL_20_AUTRES_DIRECTS'],
        source: `Art. 53, paragraphe 2, du ${CPR_2021} (coût total ≤ 200 000 €, hors aides d’État)`,
        lecture:
          'Lecture retenue : l’art. 53, paragraphe 2, impose que la contribution prenne la forme de coûts unitaires, de montants forfaitaires ou de financements à taux forfaitaire (art. 53, paragraphe 1, b) à d)) ; un taux forfaitaire des art. 54 à 56 appliqué à l’opération y répond, même quand les autres dépenses restent au réel. Une lecture plus stricte (tout le coût hors personnel au forfait, soit l’option 40 %) reste à confirmer auprès de l’autorité de gestion. Opérations relevant d’une aide d’État : exemptées, à signaler à l’OI.',
      },
    ],
  },
};

export const programme = (code: CodeProgramme): ProgrammeDefinition => PROGRAMMES[code];

/** The threshold in force on a day (the operation's start), if any. */
export function seuilEnVigueur(p: ProgrammeDefinition, jour: string): SeuilCoutsSimplifies | null {
  return p.seuilsCoutsSimplifies.find((s) => s.du <= jour && (s.au === null || jour <= s.au)) ?? null;
}

/** The options as an AAP applies them: its lower rates replace the ceilings. */
export function optionsDeLAap(p: ProgrammeDefinition, tauxAap: ReadonlyArray<{ option: string; tauxPct: number }>): OptionForfait[] {
  const abaisses = new Map(tauxAap.map((t) => [t.option, t.tauxPct]));
  return p.optionsForfait.map((o) => {
    const taux = abaisses.get(o.code);
    return taux === undefined || taux >= o.tauxPct ? o : { ...o, tauxPct: taux, libelle: `${o.libelle} — taux fixé à ${taux} % par l’appel à projets` };
  });
}
