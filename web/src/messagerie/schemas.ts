/** The messagerie's API schemas, shared with the server (pure zod). */
import { z } from 'zod';
import { Annotation, VuePieceJointe } from '#shared/schemas/messagerie';

export { Annotation, Messagerie, PIECES_JOINTES_MAX, ReponsePieceJointe, TAILLE_PIECE_JOINTE_MAX, TEXTE_MESSAGE_MAX } from '#shared/schemas/messagerie';
export type { Annotation as TAnnotation, Messagerie as TMessagerie } from '#shared/schemas/messagerie';
export type TVuePieceJointe = z.infer<typeof VuePieceJointe>;
export const ListeAnnotations = z.object({ items: z.array(Annotation) });
