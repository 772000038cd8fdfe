import type { TLigneChecklist, TStatutDossier } from '../lib/schemas-dossier';

/** The dossier's state in words; the icon and colour only repeat it. */
export const LIBELLES_STATUT_DOSSIER: Record<TStatutDossier, string> = {
  brouillon: 'Brouillon — non déposé',
  depose: 'Déposé',
  complement_demande: 'Compléments demandés',
  recevable: 'Recevable',
  irrecevable: 'Irrecevable',
  instruit: 'Instruit',
  inscrit_comite: 'Inscrit en comité',
  selectionne: 'Sélectionné',
  ajourne: 'Ajourné',
  rejete: 'Rejeté',
  programme: 'Programmé',
};

const CLASSES: Partial<Record<TStatutDossier, [string, string]>> = {
  brouillon: ['badge-brouillon', '✎'],
  depose: ['badge-depose', '✓'],
  complement_demande: ['badge-attention', '!'],
  irrecevable: ['badge-erreur', '✗'],
  rejete: ['badge-erreur', '✗'],
  selectionne: ['badge-ouvert', '✓'],
  programme: ['badge-ouvert', '✓'],
};

export function BadgeDossier({ statut }: { statut: TStatutDossier }) {
  const [classe, icone] = CLASSES[statut] ?? ['badge-clos', '•'];
  return (
    <span className={`badge ${classe}`} data-statut={statut}>
      <span aria-hidden="true">{icone} </span>
      {LIBELLES_STATUT_DOSSIER[statut]}
    </span>
  );
}

export const LIBELLES_ETAT_PIECE: Record<TLigneChecklist['etat'], string> = {
  attendue: 'attendue',
  en_verification: 'en vérification',
  valide: 'vérifiée',
  rejetee: 'rejetée',
};

const CLASSES_PIECE: Record<TLigneChecklist['etat'], [string, string]> = {
  attendue: ['badge-clos', '○'],
  en_verification: ['badge-brouillon', '…'],
  valide: ['badge-ouvert', '✓'],
  rejetee: ['badge-erreur', '✗'],
};

export function BadgePiece({ etat }: { etat: TLigneChecklist['etat'] }) {
  const [classe, icone] = CLASSES_PIECE[etat];
  return (
    <span className={`badge ${classe}`} data-etat={etat}>
      <span aria-hidden="true">{icone} </span>
      {LIBELLES_ETAT_PIECE[etat]}
    </span>
  );
}

export const LIBELLES_EVENEMENT: Record<string, string> = {
  creation: 'Création du dossier',
  depot: 'Dépôt du dossier',
  complements_demandes: 'Demande de compléments',
  complements_recus: 'Réception des compléments',
  recevabilite: 'Décision de recevabilité',
  instruction: 'Instruction (grille et avis)',
  inscription_comite: 'Inscription à l’ordre du jour du comité',
  decision_comite: 'Décision du comité',
  programmation: 'Programmation',
  programmation_corrigee: 'Correction de la programmation',
  convention_preparee: 'Préparation de la convention',
  convention_modifiee: 'Modification de la convention en préparation',
  avenant_prepare: 'Préparation d’un avenant',
  convention_envoyee: 'Envoi de la convention pour signature',
  convention_signee_porteur: 'Signature de la convention par le porteur',
  convention_en_vigueur: 'Contresignature de l’OI : convention en vigueur',
};

/** The French label of a journal event; an event type not yet labelled reads as words, never as a raw code. */
export function libelleEvenement(type: string): string {
  const libelle = LIBELLES_EVENEMENT[type];
  if (libelle) return libelle;
  const mots = type.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return mots ? `${mots[0]!.toUpperCase()}${mots.slice(1)}` : 'Événement';
}
