import * as z from 'zod';
import { TexteCourt } from './common';
import { IdPlie, Indicateur, TexteRiche } from './fiche';

/**
 * A PLIE (plan local pour l’insertion et l’emploi) of an OI: its territory, its public and entry conditions, its
 * objectives and governance. AAPs name PLIE by id; participants, sorties and reports will stand on this data.
 */
export const ContenuPlie = z.strictObject({
  nom: TexteCourt,
  siteWeb: z.url({ protocol: /^https?$/, message: 'Adresse de site web attendue (https://…).' }).max(500).nullable().default(null),
  presentation: TexteRiche,
  territoire: z.strictObject({
    texte: TexteRiche,
    communes: z.array(TexteCourt).max(500).default([]),
  }),
  publicCible: TexteRiche,
  conditionsEntree: TexteRiche,
  objectifsQuantitatifs: z.array(Indicateur).max(50).default([]),
  objectifsTexte: TexteRiche,
  criteresSortie: TexteRiche,
  gouvernance: TexteRiche,
  /** Where each part comes from in the source document, e.g. `{ "publicCible": [318, 376] }`. */
  lignesSource: z.record(z.string().max(40), z.tuple([z.number().int().min(0), z.number().int().min(0)])).default({}),
  source: z.string().trim().max(200).nullable().default(null),
});
export type ContenuPlie = z.infer<typeof ContenuPlie>;

export const Plie = ContenuPlie.extend({
  id: IdPlie,
  oi: TexteCourt,
  version: z.number().int().min(1),
  modifieLe: z.string(),
});
export type Plie = z.infer<typeof Plie>;

/**
 * A PLIE without its texts (tens of kilobytes): what lists, AAP checks and consolidation use, and its version, which
 * every write raises (shared/domain/plie/use-cases.ts) and which tells one state of the PLIE from another.
 */
export const EntetePlie = Plie.pick({ id: true, oi: true, nom: true, siteWeb: true, version: true });
export type EntetePlie = z.infer<typeof EntetePlie>;

export const ResumePlie = Plie.pick({ id: true, oi: true, nom: true, siteWeb: true });
export type ResumePlie = z.infer<typeof ResumePlie>;

export const ParamsPlie = z.strictObject({ id: IdPlie });
export const FiltresPlie = z.strictObject({ oi: z.string().trim().max(50).optional() });
export const ListePlies = z.object({ items: z.array(ResumePlie) });
export const DemandePlie = ContenuPlie;
