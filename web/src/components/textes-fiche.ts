type CleTexte = 'contexte' | 'objectifs' | 'modalitesMiseEnOeuvre' | 'resultatsAttendus';

/** The four texte riche fields of a fiche, in reading order, with their titles (public page, OI views, form). */
export const TEXTES_FICHE: readonly { cle: CleTexte; titre: string }[] = [
  { cle: 'contexte', titre: 'Contexte' },
  { cle: 'objectifs', titre: 'Objectifs' },
  { cle: 'modalitesMiseEnOeuvre', titre: 'Modalités de mise en œuvre' },
  { cle: 'resultatsAttendus', titre: 'Résultats attendus' },
];
