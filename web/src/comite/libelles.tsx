/** Words of the instruction and of the comités, as users read them. */
import type { TComite, TRegles } from './schemas';

export const LIBELLES_AVIS: Record<'favorable' | 'defavorable' | 'reserve', string> = {
  favorable: 'Favorable',
  reserve: 'Réservé',
  defavorable: 'Défavorable',
};

export const LIBELLES_VOTE: Record<'pour' | 'contre' | 'abstention', string> = {
  pour: 'Pour',
  contre: 'Contre',
  abstention: 'Abstention',
};

export const LIBELLES_DECISION: Record<'selectionne' | 'ajourne' | 'rejete' | 'programme', string> = {
  selectionne: 'Sélectionné',
  ajourne: 'Ajourné',
  rejete: 'Rejeté',
  programme: 'Programmé',
};

export const LIBELLES_STATUT_COMITE: Record<TComite['statut'], string> = {
  preparation: 'En préparation',
  ouvert: 'Séance ouverte',
  clos: 'Séance close',
};

export const LIBELLES_ROLE: Record<'oi' | 'president' | 'membre', string> = {
  oi: 'Organisme intermédiaire',
  president: 'Président(e) de séance',
  membre: 'Membre',
};

/** The meaning of each note of the grille. */
export const ECHELLE_NOTES: readonly { note: number; libelle: string }[] = [
  { note: 1, libelle: 'insuffisant' },
  { note: 2, libelle: 'faible' },
  { note: 3, libelle: 'moyen' },
  { note: 4, libelle: 'bon' },
  { note: 5, libelle: 'très bon' },
];

export function libelleQuorum(r: TRegles): string {
  return r.quorum.type === 'moitie_plus_un'
    ? 'plus de la moitié des membres sans conflit d’intérêts ont voté'
    : `au moins ${r.quorum.nombre} membre${r.quorum.nombre > 1 ? 's' : ''} sans conflit d’intérêts ont voté`;
}

export function libelleMajorite(r: TRegles): string {
  return r.majorite === 'simple'
    ? 'majorité simple des suffrages exprimés (plus de « pour » que de « contre », abstentions non comptées)'
    : 'majorité des deux tiers des suffrages exprimés (abstentions non comptées)';
}

/** Badge class and icon of a decision; the text always says it, the colour only repeats it. */
export const CLASSES_DECISION: Record<'selectionne' | 'ajourne' | 'rejete' | 'programme', [string, string]> = {
  selectionne: ['badge-ouvert', '✓'],
  programme: ['badge-ouvert', '✓'],
  ajourne: ['badge-brouillon', '↻'],
  rejete: ['badge-erreur', '✗'],
};

export function BadgeDecision({ decision }: { decision: keyof typeof LIBELLES_DECISION }) {
  const [classe, icone] = CLASSES_DECISION[decision];
  return (
    <span className={`badge ${classe}`} data-decision={decision}>
      <span aria-hidden="true">{icone} </span>
      {LIBELLES_DECISION[decision]}
    </span>
  );
}

export function BadgeComite({ statut }: { statut: TComite['statut'] }) {
  const classe = statut === 'ouvert' ? 'badge-ouvert' : statut === 'clos' ? 'badge-clos' : 'badge-brouillon';
  return (
    <span className={`badge ${classe}`} data-statut-comite={statut}>
      {LIBELLES_STATUT_COMITE[statut]}
    </span>
  );
}

/** A comité in words: « PLIE du Haut Périgord — 15/02/2027 à 14:00 ». */
export const dateSeance = (c: Pick<TComite, 'date' | 'heure'>): string => `${c.date.slice(8, 10)}/${c.date.slice(5, 7)}/${c.date.slice(0, 4)} à ${c.heure.slice(0, 5)}`;
