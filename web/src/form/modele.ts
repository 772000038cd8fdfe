/**
 * The editable form of an AAP: the API's `ContenuAap` with text where people type numbers (amounts, percentages,
 * targets), lists typed one item per line, and empty strings for absent optional values. `versContenu` converts back
 * and reports unreadable input under the API path of the field, so client and server errors land on the same inputs.
 * What the form does not edit (the AAP's sections, a fiche's étapes de parcours, source lines…) is kept in `origine`
 * and sent back untouched.
 */
import { centimesVersSaisie } from '../lib/format';
import { ContenuAap, type TContenuAap, type TFicheOperation } from '../lib/schemas';

export interface FormIndicateur {
  libelle: string;
  cible: string;
  unite: string;
}

export interface FormPiece {
  libelle: string;
  etape: 'depot' | 'realisation';
  /** « Une des pièces suivantes »: one per line; empty for a single pièce. */
  alternatives: string;
}

export interface FormFiche {
  /** Stable React key: codes change while typing. */
  cle: string;
  /** The fiche as loaded, for the fields the form does not edit. */
  origine: Partial<TFicheOperation>;
  code: string;
  /** Id of one of the AAP's PLIE. */
  plie: string;
  titre: string;
  objectifsSpecifiques: string[];
  axesStrategiques: string[];
  axeOperationnel: string;
  territoire: string;
  cible: string;
  periode: { debut: string; fin: string; texte: string };
  contexte: string;
  objectifs: string;
  modalitesMiseEnOeuvre: string;
  resultatsAttendus: string;
  indicateurs: FormIndicateur[];
  piecesJustificatives: FormPiece[];
  criteresSelection: string[];
  conditionsRecevabilite: string[];
  conditionsFinancement: string[];
  regleFinancement: {
    cofinancementRequis: boolean;
    minContrepartiesPct: string;
    maxFsePct: string;
    /** '' when the fiche does not say (read as contreparties). */
    baseMinimum: '' | 'contreparties' | 'cofinancements';
  };
  autresContraintes: string[];
  /** One note per line. */
  notesInternes: string;
}

export interface FormDateHeure {
  date: string;
  heure: string;
  fuseau: string;
}

export interface FormAap {
  /** The content as loaded (fiches aside), for the fields the form does not edit. */
  origine: Partial<TContenuAap>;
  /** Names of the PLIE the AAP named when loaded, by id (the OI's list may no longer hold one of them). */
  nomsPlies: Record<string, string>;
  reference: string;
  titre: string;
  organismeIntermediaire: { sigle: string; nom: string };
  programme: {
    code: string;
    libelle: string;
    axe: string;
    axeLibelle: string;
    objectifThematique: string;
    prioriteInvestissement: string;
    objectifsSpecifiques: { code: string; libelle: string }[];
  };
  /** Ids of the OI's PLIE. */
  plies: string[];
  enveloppe: string;
  depot: {
    plateforme: string;
    ouverture: FormDateHeure;
    modalitesOuverture: string;
    cloture: FormDateHeure;
    texte: string;
  };
  contact: string;
  selection: { criteresCommuns: string[]; preambulePrivilegies: string; criteresPrivilegies: string[]; instances: string };
  source: string;
  /** One note per line. */
  notesInternes: string;
  fiches: FormFiche[];
}

let compteur = 0;
export const nouvelleCle = (): string => `f${++compteur}`;

const texte = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));

export function ficheVide(plie = ''): FormFiche {
  return {
    cle: nouvelleCle(),
    origine: {},
    code: '',
    plie,
    titre: '',
    objectifsSpecifiques: [],
    axesStrategiques: [],
    axeOperationnel: '',
    territoire: '',
    cible: '',
    periode: { debut: '', fin: '', texte: '' },
    contexte: '',
    objectifs: '',
    modalitesMiseEnOeuvre: '',
    resultatsAttendus: '',
    indicateurs: [],
    piecesJustificatives: [],
    criteresSelection: [],
    conditionsRecevabilite: [],
    conditionsFinancement: [],
    regleFinancement: { cofinancementRequis: false, minContrepartiesPct: '', maxFsePct: '', baseMinimum: '' },
    autresContraintes: [],
    notesInternes: '',
  };
}

export function formulaireVide(oi: string | null): FormAap {
  return {
    origine: {},
    nomsPlies: {},
    reference: '',
    titre: '',
    organismeIntermediaire: { sigle: oi ?? '', nom: '' },
    programme: {
      code: 'FSE-PLUS-2021-2027',
      libelle: 'Programme national FSE+ « Emploi-Inclusion-Jeunesse-Compétences » 2021-2027',
      axe: '',
      axeLibelle: '',
      objectifThematique: '',
      prioriteInvestissement: '',
      objectifsSpecifiques: [],
    },
    plies: [],
    enveloppe: '',
    depot: {
      plateforme: '',
      ouverture: { date: '', heure: '', fuseau: 'Europe/Paris' },
      modalitesOuverture: '',
      cloture: { date: '', heure: '23:59', fuseau: 'Europe/Paris' },
      texte: '',
    },
    contact: '',
    selection: { criteresCommuns: [], preambulePrivilegies: '', criteresPrivilegies: [], instances: '' },
    source: '',
    notesInternes: '',
    fiches: [],
  };
}

function ficheVersFormulaire(f: TFicheOperation): FormFiche {
  const r = f.regleFinancement;
  return {
    cle: nouvelleCle(),
    origine: f,
    code: f.code,
    plie: f.plie,
    titre: f.titre,
    objectifsSpecifiques: [...f.objectifsSpecifiques],
    axesStrategiques: [...f.axesStrategiques],
    axeOperationnel: f.axeOperationnel ?? '',
    territoire: f.territoire ?? '',
    cible: f.cible ?? '',
    periode: { debut: f.periode.debut, fin: f.periode.fin, texte: f.periode.texte ?? '' },
    contexte: f.contexte ?? '',
    objectifs: f.objectifs ?? '',
    modalitesMiseEnOeuvre: f.modalitesMiseEnOeuvre ?? '',
    resultatsAttendus: f.resultatsAttendus ?? '',
    indicateurs: f.indicateurs.map((i) => ({ libelle: i.libelle, cible: texte(i.cible), unite: i.unite ?? '' })),
    piecesJustificatives: f.piecesJustificatives.map((p) => ({ libelle: p.libelle, etape: p.etape, alternatives: (p.alternatives ?? []).join('\n') })),
    criteresSelection: [...f.criteresSelection],
    conditionsRecevabilite: [...f.conditionsRecevabilite],
    conditionsFinancement: [...f.conditionsFinancement],
    regleFinancement: {
      cofinancementRequis: r.cofinancementRequis,
      minContrepartiesPct: texte(r.minContrepartiesPct),
      maxFsePct: texte(r.maxFsePct),
      baseMinimum: r.baseMinimum ?? '',
    },
    autresContraintes: [...f.autresContraintes],
    notesInternes: f.notesInternes.join('\n'),
  };
}

const CLES_CONTENU = Object.keys(ContenuAap.shape).filter((k) => k !== 'fiches') as (keyof TContenuAap)[];

/** The form of a content, or of a stored AAP (whose own fields — id, statut, version… — are left out). */
export function versFormulaire(c: TContenuAap & { referencesPlies?: { id: string; nom: string }[] }): FormAap {
  const p = c.programme;
  const origine = Object.fromEntries(CLES_CONTENU.filter((k) => k in c).map((k) => [k, c[k]])) as Partial<TContenuAap>;
  return {
    origine,
    nomsPlies: Object.fromEntries((c.referencesPlies ?? []).map((r) => [r.id, r.nom])),
    reference: c.reference,
    titre: c.titre,
    organismeIntermediaire: { ...c.organismeIntermediaire },
    programme: {
      code: p.code,
      libelle: p.libelle,
      axe: p.axe ?? '',
      axeLibelle: p.axeLibelle ?? '',
      objectifThematique: p.objectifThematique ?? '',
      prioriteInvestissement: p.prioriteInvestissement ?? '',
      objectifsSpecifiques: p.objectifsSpecifiques.map((o) => ({ ...o })),
    },
    plies: [...c.plies],
    enveloppe: centimesVersSaisie(c.enveloppeFseCentimes),
    depot: {
      plateforme: c.depot.plateforme ?? '',
      ouverture: c.depot.ouverture ? { ...c.depot.ouverture } : { date: '', heure: '', fuseau: 'Europe/Paris' },
      modalitesOuverture: c.depot.modalitesOuverture ?? '',
      cloture: { ...c.depot.cloture },
      texte: c.depot.texte ?? '',
    },
    contact: c.contact ?? '',
    selection: {
      criteresCommuns: [...c.selection.criteresCommuns],
      preambulePrivilegies: c.selection.preambulePrivilegies ?? '',
      criteresPrivilegies: [...c.selection.criteresPrivilegies],
      instances: c.selection.instances ?? '',
    },
    source: c.source ?? '',
    notesInternes: c.notesInternes.join('\n'),
    fiches: c.fiches.map(ficheVersFormulaire),
  };
}
