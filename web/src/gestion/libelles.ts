import type { File } from '#shared/schemas/gestion';

/** The OI's work queues, as the tableau de bord and the lists name them. */
export const LIBELLES_FILE: Record<File, string> = {
  a_examiner: 'Déposés à examiner',
  complements: 'Compléments en attente',
  complements_en_retard: 'Compléments en retard',
  a_instruire: 'Recevables à instruire',
  a_inscrire: 'Instruits à inscrire en comité',
  en_comite: 'Inscrits en comité',
  a_programmer: 'Sélectionnés à programmer',
  programmes: 'Programmés',
};
