/**
 * Programme periods are data, not code: each AAP names one, and every rule carries its legal source.
 * Rates are whole percentages applied to an assiette (base) of direct costs.
 */
export const CODES_PROGRAMME = ['PON-FSE-2014-2020', 'REACT-EU', 'FSE-PLUS-2021-2027'] as const;
export type CodeProgramme = (typeof CODES_PROGRAMME)[number];

/** Which direct costs a flat rate is computed on. */
export type AssietteForfait = 'couts_directs_hors_prestations' | 'couts_directs' | 'couts_directs_personnel';

export interface OptionForfait {
  code: string;
  libelle: string;
  tauxPct: number;
  assiette: AssietteForfait;
  /** true when the rate covers every remaining cost (art. 56 CPR), not only indirect costs. */
  couvreTousLesAutresCouts: boolean;
  source: string;
}

export interface ProgrammeDefinition {
  code: CodeProgramme;
  libelle: string;
  debut: string;
  fin: string;
  optionsForfait: OptionForfait[];
  /** Total cost at or under which simplified cost options are mandatory; null when there is no such rule. */
  seuilOptionsCoutsSimplifiesCentimes: number | null;
  sourceSeuil: string | null;
}

const forfait20HorsPrestations: OptionForfait = {
  code: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS',
  libelle: '20 % des dépenses directes, hors prestations externes',
  tauxPct: 20,
  assiette: 'couts_directs_hors_prestations',
  couvreTousLesAutresCouts: false,
  source: 'Art. 68 a) du règlement (UE) 1303/2013 ; arrêté du 8 mars 2016 modifié, art. 2 (forfait de 20 %)',
};
const forfait15Personnel1420: OptionForfait = {
  code: 'FORFAIT_15_PERSONNEL',
  libelle: '15 % des dépenses directes de personnel',
  tauxPct: 15,
  assiette: 'couts_directs_personnel',
  couvreTousLesAutresCouts: false,
  source: 'Art. 68 b) du règlement (UE) 1303/2013',
};

export const PROGRAMMES: Record<CodeProgramme, ProgrammeDefinition> = {
  'PON-FSE-2014-2020': {
    code: 'PON-FSE-2014-2020',
    libelle: 'Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020',
    debut: '2014-01-01',
    fin: '2023-12-31',
    optionsForfait: [forfait20HorsPrestations, forfait15Personnel1420],
    seuilOptionsCoutsSimplifiesCentimes: null,
    sourceSeuil: null,
  },
  'REACT-EU': {
    code: 'REACT-EU',
    libelle: 'REACT-EU — soutien à la reprise en faveur de la cohésion et des territoires de l’Europe',
    debut: '2020-02-01',
    fin: '2023-12-31',
    optionsForfait: [forfait20HorsPrestations, forfait15Personnel1420],
    seuilOptionsCoutsSimplifiesCentimes: null,
    sourceSeuil: null,
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
        source: 'Art. 54 a) du règlement (UE) 2021/1060',
      },
      {
        code: 'FORFAIT_15_PERSONNEL',
        libelle: '15 % des dépenses directes de personnel',
        tauxPct: 15,
        assiette: 'couts_directs_personnel',
        couvreTousLesAutresCouts: false,
        source: 'Art. 54 b) du règlement (UE) 2021/1060',
      },
      {
        code: 'FORFAIT_40_PERSONNEL',
        libelle: '40 % des dépenses directes de personnel (couvre tous les autres coûts)',
        tauxPct: 40,
        assiette: 'couts_directs_personnel',
        couvreTousLesAutresCouts: true,
        source: 'Art. 56 du règlement (UE) 2021/1060',
      },
    ],
    seuilOptionsCoutsSimplifiesCentimes: 200_000_00,
    sourceSeuil: 'Art. 53, paragraphe 2, du règlement (UE) 2021/1060',
  },
};

export const programme = (code: CodeProgramme): ProgrammeDefinition => PROGRAMMES[code];
