/**
 * The editable form of an AAP: the API's `ContenuAap` with text where people type numbers (amounts, percentages,
 * targets) and empty strings for absent optional values. `versContenu` converts back and reports unreadable input
 * under the API path of the field, so client and server errors land on the same inputs.
 */
import { centimesVersSaisie } from '../lib/format';
import type { TContenuAap, TFicheOperation } from '../lib/schemas';

export interface FormIndicateur {
  libelle: string;
  cible: string;
  unite: string;
}

export interface FormFiche {
  /** Stable React key: codes change while typing. */
  cle: string;
  code: string;
  plie: string;
  titre: string;
  objectifsSpecifiques: string[];
  axesStrategiques: string[];
  axeOperationnel: string;
  territoire: string;
  cible: string;
  periode: { debut: string; fin: string; texte: string };
  indicateurs: FormIndicateur[];
  piecesJustificatives: string[];
  criteresSelection: string[];
  conditionsFinancement: string[];
  regleFinancement: { cofinancementRequis: boolean; minContrepartiesPct: string; maxFsePct: string };
  autresContraintes: string[];
  lignesSource?: number[];
}

export interface FormDateHeure {
  date: string;
  heure: string;
  fuseau: string;
}

export interface FormAap {
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
  plies: string[];
  enveloppe: string;
  depot: {
    plateforme: string;
    ouverture: FormDateHeure;
    modalitesOuverture: string;
    cloture: FormDateHeure;
    unDossierParFiche: boolean;
    texte: string;
  };
  selection: { criteresCommuns: string[]; criteresPrivilegies: string[]; instances: string };
  source: string;
  fiches: FormFiche[];
}

let compteur = 0;
export const nouvelleCle = (): string => `f${++compteur}`;

const texte = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));

export function ficheVide(plie = ''): FormFiche {
  return {
    cle: nouvelleCle(),
    code: '',
    plie,
    titre: '',
    objectifsSpecifiques: [],
    axesStrategiques: [],
    axeOperationnel: '',
    territoire: '',
    cible: '',
    periode: { debut: '', fin: '', texte: '' },
    indicateurs: [],
    piecesJustificatives: [],
    criteresSelection: [],
    conditionsFinancement: [],
    regleFinancement: { cofinancementRequis: false, minContrepartiesPct: '', maxFsePct: '' },
    autresContraintes: [],
  };
}

export function formulaireVide(oi: string | null): FormAap {
  return {
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
      unDossierParFiche: true,
      texte: '',
    },
    selection: { criteresCommuns: [], criteresPrivilegies: [], instances: '' },
    source: '',
    fiches: [],
  };
}

function ficheVersFormulaire(f: TFicheOperation): FormFiche {
  return {
    ...f,
    cle: nouvelleCle(),
    axeOperationnel: f.axeOperationnel ?? '',
    territoire: f.territoire ?? '',
    cible: f.cible ?? '',
    periode: { debut: f.periode.debut, fin: f.periode.fin, texte: f.periode.texte ?? '' },
    indicateurs: f.indicateurs.map((i) => ({ libelle: i.libelle, cible: texte(i.cible), unite: i.unite ?? '' })),
    regleFinancement: {
      cofinancementRequis: f.regleFinancement.cofinancementRequis,
      minContrepartiesPct: texte(f.regleFinancement.minContrepartiesPct),
      maxFsePct: texte(f.regleFinancement.maxFsePct),
    },
  };
}

export function versFormulaire(c: TContenuAap): FormAap {
  const p = c.programme;
  return {
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
      unDossierParFiche: c.depot.unDossierParFiche,
      texte: c.depot.texte ?? '',
    },
    selection: {
      criteresCommuns: [...c.selection.criteresCommuns],
      criteresPrivilegies: [...c.selection.criteresPrivilegies],
      instances: c.selection.instances ?? '',
    },
    source: c.source ?? '',
    fiches: c.fiches.map(ficheVersFormulaire),
  };
}
