/**
 * A participant's record, pure (issue 14; notes « apres-selection » 5.2): created from recevabilité on, one per person
 * and operation (natural key: name, first name, birth date), the questionnaire of the programme checked question by
 * question, the entry date never after its keying, the exit keyed late flagged « hors délai », kept until the
 * programme's retention date, then purged.
 */
import { createHash } from 'node:crypto';
import type { CodeProgramme } from '../programmes';
import type { Dossier } from '../../schemas/dossier';
import type { DemandeParticipant, DemandeSortie, Participant, VersionQuestionnaire } from '../../schemas/participant';
import { Conflit, RegleMetier, type DetailErreur } from '../errors';
import { canonique } from '../dossier/dossier';
import { delaiSaisieSortie, verifierDateEntree, verifierDateSortie, verifierReponses } from './questionnaires';

/** The questionnaire each programme asks (the DGEFP form of 26/11/2018 for 2014-2020; FSE+ common indicators). */
export const QUESTIONNAIRE_DU_PROGRAMME: Record<CodeProgramme, VersionQuestionnaire> = {
  'PON-FSE-2014-2020': 'FSE-2018-11-26',
  'REACT-EU': 'FSE-2018-11-26',
  'FSE-PLUS-2021-2027': 'FSEPLUS-2021-1057',
};

/**
 * Until when the records are kept. 2014-2020: « jusqu’au 31 décembre 2033 » (seed 002 l.8077). 2021-2027: five years
 * from the 31 December of the year of the last payment (art. 82 of reg. 2021/1060), read here as the programme's last
 * eligible day (31/12/2029) + 5 years + the closure year: 31/12/2035 — a product reading, to confirm with the
 * autorité de gestion.
 */
export const CONSERVATION: Record<CodeProgramme, { jusquau: string; source: string }> = {
  'PON-FSE-2014-2020': { jusquau: '2033-12-31', source: 'Seed 002 l.8077 (notice du questionnaire du 26/11/2018)' },
  'REACT-EU': { jusquau: '2033-12-31', source: 'Seed 002 l.8077 (notice du questionnaire du 26/11/2018)' },
  'FSE-PLUS-2021-2027': { jusquau: '2035-12-31', source: 'Art. 82 du règlement (UE) 2021/1060 (lecture de Guichet)' },
};

/** Statuts from which participants are entered: recevabilité on (seed 002 l.7928–7930), not after a refusal. */
export const STATUTS_AVEC_PARTICIPANTS: ReadonlySet<Dossier['statut']> = new Set(['recevable', 'instruit', 'inscrit_comite', 'selectionne', 'ajourne', 'programme']);

export function exigerOperationOuverte(d: Pick<Dossier, 'statut'>): void {
  if (!STATUTS_AVEC_PARTICIPANTS.has(d.statut)) {
    throw new Conflit('PARTICIPANTS_NON_OUVERTS', 'Les participants se saisissent à partir de la recevabilité du dossier (et jamais sur un dossier irrecevable ou rejeté).');
  }
}

/** Folded for comparison: lower case, no accents, single spaces. */
export const plierNom = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’'`-]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The natural key of a person in an operation: folded name and first name, and birth date. */
export const cleNaturelle = (i: { nom: string; prenom: string; dateNaissance: string }) =>
  createHash('sha256').update(`${plierNom(i.nom)}|${plierNom(i.prenom)}|${i.dateNaissance}`).digest('hex').slice(0, 32);

/** Every check of a record, with the path of each error (`corps.…`). */
export function verifierParticipant(demande: DemandeParticipant, p: { questionnaire: VersionQuestionnaire; aujourdhui: string }): DetailErreur[] {
  const details: DetailErreur[] = [];
  if (demande.questionnaire.questionnaire !== p.questionnaire) {
    details.push({ chemin: 'corps.questionnaire.questionnaire', message: `Ce programme utilise le questionnaire ${p.questionnaire}.` });
  } else {
    details.push(...verifierReponses(p.questionnaire, demande.questionnaire.reponses, 'corps.questionnaire.reponses'));
  }
  details.push(...verifierDateEntree(demande.dateEntree, p.aujourdhui, demande.identite.dateNaissance).map((d) => ({ ...d, chemin: d.chemin.startsWith('corps') ? d.chemin : `corps.${d.chemin}` })));
  if (demande.notice.remiseLe > p.aujourdhui) details.push({ chemin: 'corps.notice.remiseLe', message: 'La remise de la notice d’information ne peut pas être datée après aujourd’hui.' });
  return details;
}

const invalide = (details: DetailErreur[]) =>
  new RegleMetier('PARTICIPANT_INVALIDE', `Fiche participant incomplète ou incohérente : ${details.map((d) => d.message).join(' ')}`, details);

export function creer(demande: DemandeParticipant, p: { dossier: Dossier; id: string; questionnaire: VersionQuestionnaire; programme: CodeProgramme; aujourdhui: string }): Participant & { cle: string; conserverJusquAu: string } {
  exigerOperationOuverte(p.dossier);
  const details = verifierParticipant(demande, p);
  if (details.length) throw invalide(details);
  return {
    ...demande, id: p.id, dossierId: p.dossier.id, organisationId: p.dossier.organisationId, saisiLe: p.aujourdhui, sortie: null, version: 1,
    cle: cleNaturelle(demande.identite), conserverJusquAu: CONSERVATION[p.programme].jusquau,
  };
}

/** A rectification (the DPO's path, or the porteur's correction): same rules, from the version read. */
export function modifier<P extends Participant>(avant: P, demande: DemandeParticipant, p: { versionLue: number; questionnaire: VersionQuestionnaire; aujourdhui: string }): P & { cle: string } {
  if (avant.version !== p.versionLue) throw new Conflit('VERSION_PERIMEE', `Cette fiche a été modifiée entre-temps (version ${avant.version}, vous avez lu la version ${p.versionLue}). Rechargez-la.`);
  // The entry date is checked against the day it was first keyed, not today's rectification.
  const details = verifierParticipant(demande, { questionnaire: p.questionnaire, aujourdhui: p.aujourdhui < avant.saisiLe ? avant.saisiLe : p.aujourdhui });
  if (details.length) throw invalide(details);
  return { ...avant, ...demande, version: avant.version + 1, cle: cleNaturelle(demande.identite) };
}

/** The exit: kept even when keyed more than four weeks late, then flagged « hors délai » (seed 002 l.7938–7940). */
export function sortir<P extends Participant>(avant: P, demande: DemandeSortie, p: { versionLue: number; aujourdhui: string }): P {
  if (avant.version !== p.versionLue) throw new Conflit('VERSION_PERIMEE', `Cette fiche a été modifiée entre-temps (version ${avant.version}, vous avez lu la version ${p.versionLue}). Rechargez-la.`);
  const details = verifierDateSortie(demande.date, p.aujourdhui, avant.dateEntree).map((d) => ({ ...d, chemin: d.chemin.startsWith('corps') ? d.chemin : `corps.${d.chemin}` }));
  if (details.length) throw new RegleMetier('SORTIE_INVALIDE', details.map((d) => d.message).join(' '), details);
  const { horsDelai } = delaiSaisieSortie(demande.date, p.aujourdhui);
  return { ...avant, sortie: { ...demande, saisieLe: p.aujourdhui, horsDelai }, version: avant.version + 1 };
}

/** The content compared by an import: unchanged rows are counted, not rewritten. */
export const contenuComparable = (x: Pick<Participant, 'identite' | 'dateEntree' | 'questionnaire' | 'plie' | 'notice'>) =>
  canonique([x.identite, x.dateEntree, x.questionnaire, x.plie, x.notice]);
