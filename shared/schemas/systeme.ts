import * as z from 'zod';

export const Sante = z.object({ statut: z.literal('ok'), version: z.string(), heureServeur: z.string() });

export const DemandeJeton = z.strictObject({ email: z.email('Adresse e-mail invalide.').max(254) });
export const Jeton = z.object({ token: z.string(), expiresIn: z.number().int() });
