/** French names of the fields of an AAP, by API path: error summaries and rectificatif diffs. */
import { formatDate, formatDateHeureLocale, formatMontant, formatPourcentage, formatValeur } from './format';

export const LIBELLES: Record<string, string> = {
  reference: 'Référence',
  organismeIntermediaire: 'Organisme intermédiaire',
  programme: 'Programme',
  depot: 'Dépôt des dossiers',
  'depot.cloture': 'Clôture du dépôt',
  selection: 'Sélection',
  titre: 'Titre',
  'organismeIntermediaire.sigle': 'Sigle de l’OI',
  'organismeIntermediaire.nom': 'Nom de l’OI',
  'programme.code': 'Programme',
  'programme.libelle': 'Libellé du programme',
  'programme.axe': 'Axe',
  'programme.axeLibelle': 'Libellé de l’axe',
  'programme.objectifThematique': 'Objectif thématique',
  'programme.prioriteInvestissement': 'Priorité d’investissement',
  'programme.objectifsSpecifiques': 'Objectifs spécifiques',
  plies: 'PLIE',
  enveloppeFseCentimes: 'Enveloppe FSE',
  'depot.plateforme': 'Plateforme de dépôt',
  'depot.ouverture': 'Ouverture du dépôt',
  'depot.ouverture.date': 'Date d’ouverture',
  'depot.ouverture.heure': 'Heure d’ouverture',
  'depot.ouverture.fuseau': 'Fuseau de l’ouverture',
  'depot.cloture.date': 'Date de clôture',
  'depot.cloture.heure': 'Heure de clôture',
  'depot.cloture.fuseau': 'Fuseau de la clôture',
  'depot.texte': 'Précisions sur le dépôt',
  'selection.criteresCommuns': 'Critères communs',
  'selection.criteresPrivilegies': 'Critères privilégiés',
  'selection.instances': 'Instances de sélection',
  fiches: 'Fiches opérations',
  motif: 'Motif du rectificatif',
  'depot.modalitesOuverture': 'Modalités d’ouverture',
  'depot.unDossierParFiche': 'Un dossier par fiche',
  periode: 'Période',
  regleFinancement: 'Règle de financement',
  'regleFinancement.cofinancementRequis': 'Cofinancement obligatoire',
  code: 'Code',
  plie: 'PLIE',
  objectifsSpecifiques: 'Objectifs spécifiques',
  axesStrategiques: 'Axes stratégiques',
  axeOperationnel: 'Axe opérationnel',
  territoire: 'Territoire',
  cible: 'Public cible',
  'periode.debut': 'Début de période',
  'periode.fin': 'Fin de période',
  'periode.texte': 'Précisions sur la période',
  indicateurs: 'Indicateurs',
  piecesJustificatives: 'Pièces justificatives',
  criteresSelection: 'Critères de sélection',
  conditionsFinancement: 'Conditions de financement',
  'regleFinancement.minContrepartiesPct': 'Contreparties minimales',
  'regleFinancement.maxFsePct': 'Taux FSE maximal',
  autresContraintes: 'Autres contraintes',
  contact: 'Contact avant le dépôt',
  notesInternes: 'Notes internes (OI)',
  sections: 'Texte de l’appel à projets',
  'selection.preambulePrivilegies': 'Préambule des critères privilégiés',
  'programme.tauxForfaitaires': 'Taux forfaitaires de l’appel à projets',
  contexte: 'Contexte',
  objectifs: 'Objectifs',
  modalitesMiseEnOeuvre: 'Modalités de mise en œuvre',
  resultatsAttendus: 'Résultats attendus',
  conditionsRecevabilite: 'Conditions de recevabilité',
  etapesParcours: 'Étapes de parcours',
  'regleFinancement.baseMinimum': 'Base du minimum (contreparties ou cofinancements)',
};

const SOUS_CHAMPS: Record<string, string> = {
  libelle: 'libellé',
  cible: 'cible',
  unite: 'unité',
  code: 'code',
  etape: 'étape',
  alternatives: 'une des pièces suivantes',
  titre: 'titre',
  texte: 'texte',
};

/**
 * A diff path as people read it: `fiches[HP1].regleFinancement.maxFsePct` → « Fiche HP1 — Taux FSE maximal ».
 * Unknown paths are returned as they are.
 */
export function libelleModification(chemin: string): string {
  const normal = chemin.replace(/\[(\d+)\]/g, '.$1');
  const fiche = /^fiches(?:\[([^\]]+)\]|\.([^.]+))(?:\.(.+))?$/.exec(chemin);
  if (fiche) {
    const code = fiche[1] ?? fiche[2];
    const reste = fiche[3];
    return reste ? `Fiche ${code} — ${libelleChamp(reste.replace(/\[(\d+)\]/g, '.$1'))}` : `Fiche ${code}`;
  }
  return libelleChamp(normal);
}

/** `selection.criteresCommuns.1` → « Critères communs n° 2 »; `libelles` names the fields of another form (a PLIE). */
export function libelleChamp(chemin: string, libelles: Record<string, string> = LIBELLES): string {
  if (libelles[chemin]) return libelles[chemin];
  const m = /^(.*?)\.(\d+)(?:\.(.+))?$/.exec(chemin);
  if (m && libelles[m[1]!]) return `${libelles[m[1]!]} n° ${Number(m[2]) + 1}${m[3] ? `, ${SOUS_CHAMPS[m[3]] ?? m[3]}` : ''}`;
  return chemin || 'Formulaire';
}

const estDateHeure = (v: unknown): v is { date: string; heure: string; fuseau: string } =>
  typeof v === 'object' && v !== null && 'date' in v && 'heure' in v && 'fuseau' in v;

/** A value of a diff, formatted after its field (amounts, percentages, dates). */
export function valeurModification(chemin: string, v: unknown): string {
  try {
    if (typeof v === 'number' && /enveloppeFseCentimes$/.test(chemin)) return formatMontant(v);
    if (typeof v === 'number' && /Pct$/.test(chemin)) return formatPourcentage(v);
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
    if (estDateHeure(v)) return formatDateHeureLocale(v);
  } catch {
    // Fall back to the raw value below.
  }
  return formatValeur(v);
}

/** « Titre : Champ obligatoire. », without repeating a label the message already starts with. */
export const avecLibelle = (libelle: string, message: string): string =>
  message.startsWith(`${libelle} :`) || message.startsWith(`${libelle}\u00a0:`) ? message : `${libelle}\u00a0: ${message}`;
