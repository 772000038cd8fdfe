/**
 * A bilan's recevabilité on participant data, pure (notes « apres-selection » 5.4 B9, R28): « La saisie complète des
 * informations à l'entrée et à la sortie conditionnera la recevabilité du bilan » (seed 002 l.7941).
 */
import type { Participant, VersionQuestionnaire } from '../../schemas/participant';
import { RegleMetier, type DetailErreur } from '../errors';
import { verifierReponses } from '../participant/questionnaires';

export interface ManqueParticipant {
  participantId: string;
  nom: string;
  manques: string[];
}

/**
 * What each participant's record lacks for the bilan. Entry: the questionnaire of the programme answered in full
 * (`verifierReponses`, the check of the record's keying; a record kept on another version is incomplete). Exit: a
 * participant who has left the operation by the bilan's end has its exit data; for the final bilan every participant
 * has left (the operation is over), so a record without exit lacks it. A participant entered after the bilan's end
 * is not counted.
 */
export function manquesParticipants(
  participants: readonly Pick<Participant, 'id' | 'identite' | 'dateEntree' | 'questionnaire' | 'sortie'>[],
  p: { questionnaire: VersionQuestionnaire; nature: 'intermediaire' | 'final'; periodeFin: string },
): ManqueParticipant[] {
  const resultat: ManqueParticipant[] = [];
  for (const x of participants) {
    if (x.dateEntree > p.periodeFin) continue;
    const manques: string[] = [];
    if (x.questionnaire.questionnaire !== p.questionnaire) manques.push(`questionnaire d’entrée à reprendre sur la version ${p.questionnaire}`);
    else {
      const erreurs = verifierReponses(p.questionnaire, x.questionnaire.reponses);
      if (erreurs.length) manques.push(`questionnaire d’entrée incomplet (${erreurs.map((e) => e.message).join(' ; ')})`);
    }
    if (p.nature === 'final' && !x.sortie) manques.push('données de sortie non saisies');
    if (manques.length) resultat.push({ participantId: x.id, nom: `${x.identite.prenom} ${x.identite.nom}`, manques });
  }
  return resultat;
}

/** 422 `PARTICIPANTS_INCOMPLETS` naming each participant and what it lacks; nothing when every record is complete. */
export function exigerParticipantsComplets(...args: Parameters<typeof manquesParticipants>): void {
  const manques = manquesParticipants(...args);
  if (!manques.length) return;
  const details: DetailErreur[] = manques.map((x) => ({ chemin: `participants.${x.participantId}`, message: `${x.nom} : ${x.manques.join(' ; ')}.` }));
  throw new RegleMetier(
    'PARTICIPANTS_INCOMPLETS',
    `Le bilan n’est recevable qu’avec les données complètes des participants à l’entrée et à la sortie (${manques.length} participant(s) à compléter : ${manques.map((x) => x.nom).join(', ')}).`,
    details,
  );
}
