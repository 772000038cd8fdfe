/** Request shapes of the participant routes (the record itself: ./participant.ts). */
import * as z from 'zod';
import { DateIso, TexteCourt } from './common';

export const ParamsParticipant = z.strictObject({ id: z.string().min(1).max(64), participantId: z.string().min(1).max(64) });

export const FiltresParticipants = z.strictObject({
  q: z.string().max(200).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A CSV file, base64-encoded (7 Mo at most once decoded: the request stays under API Gateway's 10 Mo). */
export const DemandeImportParticipants = z.strictObject({
  nomFichier: z.string().trim().min(1).max(255),
  contenuBase64: z.string().max(10_000_000, 'Fichier trop volumineux : 7 Mo au plus.').regex(/^[A-Za-z0-9+/=\s]*$/, 'Contenu base64 attendu.'),
});

export const DemandeDecisionCommission = z.strictObject({
  date: DateIso,
  categorie: z.enum(['emploi_durable', 'emploi_dynamique', 'emploi', 'formation', 'creation', 'autre', 'negative', 'suspension', 'non_retenue'], { message: 'Catégorie de sortie inconnue.' }),
  motif: TexteCourt,
  reference: z.string().trim().max(200).nullable().default(null),
});
