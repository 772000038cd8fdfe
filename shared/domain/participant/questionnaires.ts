/**
 * The participant questionnaires as data, and their rules (issue 14; notes « apres-selection » 5.2, P1–P5). Pure: the
 * use cases load the record, call these, and refuse or store.
 *
 * Two versions:
 * - `FSE-2018-11-26`: the DGEFP form « version du 26 novembre 2018 » reproduced in seed 002 (l.8035–8171), for the
 *   PON FSE 2014-2020 and REACT-EU. Its indicators are those of Annex I of Reg. (UE) n° 1304/2013.
 * - `FSEPLUS-2021-1057`: the common output indicators on participants of Annex I of Reg. (UE) 2021/1057 (points 1.1
 *   and 1.2). The national FSE+ form is not in the seeds: the questions below are Guichet's wording of those indicators.
 */
import { CODES_QUESTIONS, type Reponses, type ValeurReponse, type VersionQuestionnaire } from '../../schemas/participant';
import type { DetailErreur } from '../errors';

export type TypeQuestion = 'oui_non' | 'choix' | 'mois';

export interface OptionReponse {
  code: string;
  libelle: string;
}

/** When a question applies: always, or when every listed question has one of the listed answers. */
export type Condition = { tout: { code: string; valeurs: string[] }[]; libelle: string } | null;

export interface Question {
  code: string;
  libelle: string;
  type: TypeQuestion;
  /** For `oui_non`: oui, non (and nsp when allowed); for `choix`: the options; for `mois`: none. */
  options: OptionReponse[];
  /** « Ne souhaite pas répondre / ne sait pas » is an allowed answer. */
  nspPermis: boolean;
  /** false: asked, but a record without it is complete (see `lecture`). */
  obligatoire: boolean;
  condition: Condition;
  /** Codes of a single-choice group (1a–1d, « une seule réponse possible », l.8105): empty counts as « non » once another is « oui ». */
  choixUnique?: string[];
  source: string;
  /** How Guichet reads the source where it leaves room. */
  lecture?: string;
}

export interface DefinitionQuestionnaire {
  version: VersionQuestionnaire;
  libelle: string;
  questions: Question[];
  source: string;
}

export const NSP = 'nsp';
const OUI: OptionReponse = { code: 'oui', libelle: 'Oui' };
const NON: OptionReponse = { code: 'non', libelle: 'Non' };
const OPTION_NSP: OptionReponse = { code: NSP, libelle: 'Ne souhaite pas répondre / ne sait pas' };

const S02 = 'seed 002 (AAP AGAPE 2021, questionnaire DGEFP du 26/11/2018)';

const ouiNon = (code: string, libelle: string, source: string, o: Partial<Question> = {}): Question => {
  const nspPermis = o.nspPermis ?? false;
  return { code, libelle, type: 'oui_non', options: nspPermis ? [OUI, NON, OPTION_NSP] : [OUI, NON], nspPermis, obligatoire: true, condition: null, source, ...o };
};

const EMPLOI = ['Q1a', 'Q1b', 'Q1c', 'Q1d'];
/** 1e and 1f apply only when 1a to 1d are all « non » (l.8122: « Si oui, passez directement à la question 2 »). */
const SANS_EMPLOI: Condition = {
  tout: EMPLOI.map((code) => ({ code, valeurs: ['non'] })),
  libelle: 'ne se renseigne que si 1a à 1d sont « non »',
};
/** 1g applies only when 1f = oui (l.8129). */
const EN_RECHERCHE: Condition = {
  tout: [...SANS_EMPLOI!.tout, { code: 'Q1f', valeurs: ['oui'] }],
  libelle: 'ne se renseigne que si 1a à 1d sont « non » et 1f est « oui »',
};

/** Question 1 of both versions: the labour-market status at entry (seed 002 l.8103–8131). */
const question1 = (source: string): Question[] => [
  ouiNon('Q1a', 'Occupez-vous actuellement un emploi de travailleur indépendant, chef d’entreprise ?', `${source}, question 1a`, { choixUnique: EMPLOI }),
  ouiNon('Q1b', 'Occupez-vous actuellement un emploi durable (CDI ou CDD de 6 mois ou plus) ?', `${source}, question 1b`, { choixUnique: EMPLOI }),
  ouiNon('Q1c', 'Occupez-vous actuellement un emploi temporaire (intérim, CDD de moins de 6 mois) ?', `${source}, question 1c`, { choixUnique: EMPLOI }),
  ouiNon('Q1d', 'Occupez-vous actuellement un emploi aidé (y compris IAE) ?', `${source}, question 1d`, { choixUnique: EMPLOI }),
  ouiNon('Q1e', 'Si vous n’occupez pas d’emploi, êtes-vous en formation, en stage ou en école ?', `${source}, question 1e`, { condition: SANS_EMPLOI }),
  ouiNon('Q1f', 'Si vous n’occupez pas d’emploi, recherchez-vous actuellement activement un emploi ?', `${source}, question 1f`, { condition: SANS_EMPLOI }),
  {
    code: 'Q1g', libelle: 'Si oui, depuis combien de temps cherchez-vous ? (nombre de mois)', type: 'mois', options: [], nspPermis: false,
    obligatoire: true, condition: EN_RECHERCHE, source: `${source}, question 1g`,
  },
];

const FSE_2018: DefinitionQuestionnaire = {
  version: 'FSE-2018-11-26',
  libelle: 'Questionnaire DGEFP du 26 novembre 2018 (FSE 2014-2020)',
  source: `${S02}, l.8035–8171 ; indicateurs de l’annexe I du règlement (UE) n° 1304/2013`,
  questions: [
    ...question1(`${S02} l.8103–8131`),
    {
      code: 'Q2', libelle: 'Quel est le plus haut niveau de diplôme atteint ou l’année d’études la plus élevée à l’entrée dans l’opération ?',
      type: 'choix', nspPermis: false, obligatoire: true, condition: null, source: `${S02} l.8133–8145, question 2`,
      options: [
        { code: '2a', libelle: 'Inférieur à l’école primaire, jamais scolarisé' },
        { code: '2b', libelle: 'Primaire, 6e à 3e (secondaire 1er cycle), brevet des collèges' },
        { code: '2c', libelle: 'Baccalauréat, CAP, BEP, seconde professionnelle, brevet professionnel ; post-secondaire non supérieur' },
        { code: '2d', libelle: 'Enseignement supérieur (DEUG, BTS, DUT, licence, master, doctorat…)' },
      ],
    },
    ouiNon('Q3', 'Avez-vous une reconnaissance officielle d’un handicap (allocation, pension ou carte d’invalidité…) ?', `${S02} l.8146–8152, question 3`),
    ouiNon('Q4', 'Êtes-vous allocataire de minima sociaux (RSA, allocation spécifique de solidarité, allocation aux adultes handicapés…) ?', `${S02} l.8153–8159, question 4`),
    ouiNon('Q5', 'Êtes-vous sans domicile fixe ou confronté à l’exclusion de votre logement ?', `${S02} l.8160–8164, question 5 ; « ne se prononce pas » permis l.7974–7975`, { nspPermis: true }),
    ouiNon('Q6', 'Un de vos deux parents est-il né à l’étranger ?', `${S02} l.8167–8171, question 6 ; « ne se prononce pas » permis l.7974–7975`, { nspPermis: true }),
    // The household situation: the notice defines it (l.8025–8030) and counts it among the data to collect (l.7960–7963),
    // but the form of 26/11/2018 ends at question 6 (l.8171). Annex I of Reg. 1304/2013 as first adopted had three
    // household indicators (jobless household; with dependent children; single adult with dependent children); its
    // amended text no longer lists them. Asked, never required: requiring them would refuse the official form.
    ...(['Q7a', 'Q7b', 'Q7c'] as const).map((code, i): Question => ouiNon(
      code,
      [
        'Vivez-vous dans un ménage dont aucun membre n’occupe un emploi ?',
        'Vivez-vous dans un ménage dont aucun membre n’occupe un emploi, avec des enfants à charge ?',
        'Vivez-vous seul(e) adulte du ménage avec des enfants à charge ?',
      ][i]!,
      `${S02} l.8025–8030 (définition du ménage) ; règlement (UE) n° 1304/2013, annexe I dans sa rédaction initiale`,
      { obligatoire: false, lecture: 'Absente du formulaire du 26/11/2018 (l.8085–8171) : renseignée si connue, jamais exigée.' },
    )),
  ],
};

const R2021 = 'règlement (UE) 2021/1057, annexe I';

const FSEPLUS: DefinitionQuestionnaire = {
  version: 'FSEPLUS-2021-1057',
  libelle: 'Indicateurs communs de réalisation FSE+ (règlement (UE) 2021/1057, annexe I)',
  source: `${R2021}, points 1.1 et 1.2 ; l’âge (moins de 18 ans, 18–29 ans, 55 ans et plus) se calcule de la date de naissance, la zone rurale de la commune de résidence`,
  questions: [
    // 1.1: unemployed (incl. long-term: months of search), inactive, employed incl. self-employed. Same structure as 2018.
    ...question1(`${R2021}, point 1.1 (chômeurs, chômeurs de longue durée, inactifs, personnes exerçant un emploi) ; structure du questionnaire de 2018`),
    {
      code: 'Q2', libelle: 'Quel est le plus haut niveau d’études atteint à l’entrée dans l’opération ?', type: 'choix', nspPermis: false,
      obligatoire: true, condition: null, source: `${R2021}, point 1.1 (CITE 0-2, CITE 3-4, CITE 5-8)`,
      options: [
        { code: '2a', libelle: 'Premier cycle de l’enseignement secondaire ou moins (CITE 0 à 2 : jusqu’au brevet)' },
        { code: '2b', libelle: 'Deuxième cycle du secondaire ou post-secondaire non supérieur (CITE 3-4 : CAP, BEP, baccalauréat)' },
        { code: '2c', libelle: 'Enseignement supérieur (CITE 5 à 8)' },
      ],
    },
    ouiNon('Q3', 'Avez-vous une reconnaissance officielle d’un handicap ?', `${R2021}, point 1.2 (participants handicapés, donnée sensible)`, { nspPermis: true }),
    ouiNon('Q4', 'Êtes-vous ressortissant(e) d’un pays hors de l’Union européenne ?', `${R2021}, point 1.2 (ressortissants de pays tiers)`),
    ouiNon('Q5', 'Un de vos deux parents est-il né à l’étranger ?', `${R2021}, point 1.2 (participants d’origine étrangère)`, {
      nspPermis: true, lecture: '« Ne souhaite pas répondre » reste permis comme à la question 6 du formulaire de 2018 (seed 002 l.8167–8171).',
    }),
    ouiNon('Q6', 'Appartenez-vous à une minorité (y compris une communauté marginalisée telle que les Roms) ?', `${R2021}, point 1.2 (minorités, donnée sensible)`, { nspPermis: true }),
    ouiNon('Q7', 'Êtes-vous sans domicile ou confronté(e) à l’exclusion de votre logement ?', `${R2021}, point 1.2 (sans-abri ou personnes confrontées à l’exclusion en matière de logement)`, {
      nspPermis: true, lecture: '« Ne souhaite pas répondre » reste permis comme à la question 5 du formulaire de 2018 (seed 002 l.8160–8164).',
    }),
  ],
};

export const QUESTIONNAIRES: Record<VersionQuestionnaire, DefinitionQuestionnaire> = {
  'FSE-2018-11-26': FSE_2018,
  'FSEPLUS-2021-1057': FSEPLUS,
};

export const questionnaire = (v: VersionQuestionnaire): DefinitionQuestionnaire => QUESTIONNAIRES[v];

const vide = (r: ValeurReponse | null | undefined) => r === undefined || r === null || r === '';

/** true / false, or null when a question the condition reads is unanswered (that answer is reported, not its consequences). */
function applicable(q: Question, reponses: Reponses): boolean | null {
  if (!q.condition) return true;
  let inconnu = false;
  for (const c of q.condition.tout) {
    const r = reponses[c.code];
    if (vide(r)) inconnu = true;
    else if (!c.valeurs.includes(String(r))) return false;
  }
  return inconnu ? null : true;
}

const libelleValeur = (q: Question) =>
  q.type === 'mois' ? 'un nombre de mois' : q.options.map((o) => `« ${o.code} »`).join(', ');

/**
 * Per-question errors of an answer set (rules P1, P2): every applicable question answered; « nsp » only where allowed;
 * 1e–1g only when 1a–1d are all « non », 1g only when 1f = oui; at most one « oui » among 1a–1d (« une seule réponse
 * possible », l.8105). An empty list: the answers are complete and coherent.
 */
export function verifierReponses(version: VersionQuestionnaire, reponses: Reponses, prefixe = 'questionnaire.reponses'): DetailErreur[] {
  const def = questionnaire(version);
  const erreurs: DetailErreur[] = [];
  const err = (code: string, message: string) => erreurs.push({ chemin: `${prefixe}.${code}`, message: `${code} — ${message}` });
  const connues = new Set<string>(CODES_QUESTIONS[version]);
  for (const code of Object.keys(reponses)) if (!connues.has(code) && !vide(reponses[code])) err(code, `question inconnue du questionnaire ${version}`);

  for (const q of def.questions) {
    const r = reponses[q.code];
    const a = applicable(q, reponses);
    if (a === null) continue;
    if (!a) {
      if (!vide(r)) err(q.code, q.condition!.libelle);
      continue;
    }
    if (vide(r)) {
      const autreChoix = q.choixUnique?.some((c) => c !== q.code && reponses[c] === 'oui');
      if (q.obligatoire && !autreChoix) err(q.code, 'réponse obligatoire');
      continue;
    }
    if (r === NSP) {
      if (!q.nspPermis) err(q.code, '« ne souhaite pas répondre » n’est pas permis');
      continue;
    }
    const valide = q.type === 'mois' ? typeof r === 'number' && Number.isInteger(r) && r >= 0 : q.options.some((o) => o.code === r);
    if (!valide) err(q.code, `réponse attendue : ${libelleValeur(q)}`);
  }

  const emplois = ['Q1a', 'Q1b', 'Q1c', 'Q1d'].filter((c) => reponses[c] === 'oui');
  if (emplois.length > 1) err(emplois[1]!, `une seule réponse possible parmi 1a à 1d (déjà « oui » à ${emplois[0]})`);
  return erreurs;
}

// ---------------------------------------------------------------- dates

const lire = (s: string) => s.split('-').map(Number) as [number, number, number];
const jourUtc = (s: string) => {
  const [a, m, j] = lire(s);
  return Date.UTC(a, m - 1, j);
};

/** Age in whole years on the entry date (the situation is taken at entry, l.8020–8023); 29/02 birthdays fall on 01/03. */
export function ageALEntree(dateNaissance: string, dateEntree: string): number {
  const [an, mn, jn] = lire(dateNaissance);
  const [ae, me, je] = lire(dateEntree);
  let age = ae - an;
  if (me < mn || (me === mn && je < jn)) age -= 1;
  return age;
}

/**
 * The entry date may be earlier than the day the questionnaire is keyed, never later (seed 002 l.8013–8014); a birth
 * date after the entry is refused too.
 */
export function verifierDateEntree(dateEntree: string, saisieLe: string, dateNaissance?: string): DetailErreur[] {
  const erreurs: DetailErreur[] = [];
  if (dateEntree > saisieLe) {
    erreurs.push({ chemin: 'dateEntree', message: `La date d’entrée (${dateEntree}) ne peut pas être postérieure à la date de saisie (${saisieLe}).` });
  }
  if (dateNaissance && dateNaissance >= dateEntree) {
    erreurs.push({ chemin: 'identite.dateNaissance', message: 'La date de naissance doit précéder la date d’entrée.' });
  }
  return erreurs;
}

/**
 * Exit data keyed more than four weeks after the exit is kept but flagged: it no longer counts in the immediate results
 * (seed 002 l.8007–8008 « dans les 4 semaines qui suivent la date de sortie »; l.7938–7940 says « dans le mois », and
 * four weeks is the shorter of the two). An exit keyed before it happens is refused.
 */
export const DELAI_SAISIE_SORTIE_JOURS = 28;

export function delaiSaisieSortie(dateSortie: string, saisieLe: string): { horsDelai: boolean; joursApresSortie: number } {
  const jours = Math.round((jourUtc(saisieLe) - jourUtc(dateSortie)) / 86_400_000);
  return { horsDelai: jours > DELAI_SAISIE_SORTIE_JOURS, joursApresSortie: jours };
}

export function verifierDateSortie(dateSortie: string, saisieLe: string, dateEntree: string): DetailErreur[] {
  const erreurs: DetailErreur[] = [];
  if (dateSortie > saisieLe) erreurs.push({ chemin: 'date', message: `La sortie (${dateSortie}) ne peut pas être saisie avant d’avoir eu lieu (${saisieLe}).` });
  if (dateSortie < dateEntree) erreurs.push({ chemin: 'date', message: `La sortie (${dateSortie}) ne peut pas précéder l’entrée (${dateEntree}).` });
  return erreurs;
}
