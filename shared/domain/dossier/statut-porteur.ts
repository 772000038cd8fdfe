/**
 * What a porteur is told of their dossier: five plain statuts (DESIGN.md §2), each with « et ensuite ? ». OI staff
 * keep the detailed states (dépôt, compléments, recevabilité, instruction, comité, programmation). Pure.
 */
import type { StatutDossier } from '../../schemas/dossier';

export const STATUTS_PORTEUR = ['brouillon', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite'] as const;
export type StatutPorteur = (typeof STATUTS_PORTEUR)[number];

export const LIBELLES_STATUT_PORTEUR: Record<StatutPorteur, string> = {
  brouillon: 'Brouillon',
  en_instruction: 'Déposé / en instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  classe_sans_suite: 'Classé sans suite',
};

export interface VuePorteur {
  statut: StatutPorteur;
  libelle: string;
  /** « Et ensuite ? »: what happens next, for this detailed state. */
  ensuite: string;
  /** Whether the porteur has something to do now. */
  actionAttendue: boolean;
}

const ENSUITE: Record<StatutDossier, [StatutPorteur, string, boolean]> = {
  brouillon: ['brouillon', 'Complétez votre demande et ses pièces, puis déposez-la avant la date de clôture de l’appel à projets : vous recevrez un accusé de dépôt.', true],
  depose: ['en_instruction', 'L’organisme intermédiaire vérifie que votre dossier est complet et recevable. Il peut vous demander des compléments ; sinon, il l’instruit puis le présente au comité de pilotage.', false],
  complement_demande: ['en_instruction', 'L’organisme intermédiaire vous demande des compléments : envoyez les pièces demandées avant la date limite indiquée, puis déposez-les. L’examen de votre dossier reprendra ensuite.', true],
  recevable: ['en_instruction', 'Votre dossier est complet et recevable. Il est en cours d’instruction par l’organisme intermédiaire, avant sa présentation au comité de pilotage.', false],
  instruit: ['en_instruction', 'L’instruction de votre dossier est terminée. Il sera présenté au prochain comité de pilotage, qui décidera de sa sélection.', false],
  inscrit_comite: ['en_instruction', 'Votre dossier est inscrit à l’ordre du jour du comité de pilotage. Vous serez informé de sa décision après la séance.', false],
  ajourne: ['en_instruction', 'Le comité de pilotage a ajourné sa décision : votre dossier sera réexaminé lors d’une prochaine séance. L’organisme intermédiaire peut vous contacter pour des précisions.', false],
  selectionne: ['accepte', 'Le comité de pilotage a retenu votre dossier. L’organisme intermédiaire enregistre ensuite la programmation du montant FSE, puis vous propose la convention.', false],
  programme: ['accepte', 'Le montant FSE de votre opération est programmé. L’organisme intermédiaire vous adressera la convention à signer ; téléchargez la lettre de décision.', false],
  rejete: ['refuse', 'Le comité de pilotage n’a pas retenu votre dossier. La lettre de décision en donne le motif ; vous pourrez répondre à un prochain appel à projets.', false],
  irrecevable: ['classe_sans_suite', 'Votre dossier a été déclaré irrecevable : il n’a pas été examiné sur le fond. Le motif est indiqué ci-dessous ; vous pourrez répondre à un prochain appel à projets.', false],
};

/** The porteur's statut of a dossier in a detailed state, with what happens next. */
export function vuePorteur(statut: StatutDossier): VuePorteur {
  const [s, ensuite, actionAttendue] = ENSUITE[statut];
  return { statut: s, libelle: LIBELLES_STATUT_PORTEUR[s], ensuite, actionAttendue };
}

/** The porteur's statut alone. */
export const statutPorteur = (statut: StatutDossier): StatutPorteur => ENSUITE[statut][0];
