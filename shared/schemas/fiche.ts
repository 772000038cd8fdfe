import * as z from 'zod';
import { CodeFiche, DateIso, Pourcentage, TexteCourt, TexteLong } from './common';

/**
 * A fiche opération and what it is made of: texts, indicators, the financing rule, pièces by stage, the table of
 * parcours stages. The AAP (`./aap`) holds fiches; PLIE (`./plie`) share the texte riche and indicator shapes.
 */

export const Liste = (max = 200) => z.array(TexteLong).max(max);

/** Paragraphs and lists written as plain text (`shared/domain/texte/texte-riche.ts`): what porteurs read. */
export const TexteRiche = z.string().trim().max(60_000, 'Texte : 60 000 caractères au plus.').nullable().default(null);

/** Import files may write `null` where a field is optional; it reads as absent. */
export const facultatif = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
/** …and `null` where a field has a default: it reads as the default. */
export const parDefaut = <T extends z.ZodType>(schema: T, defaut: z.util.NoUndefined<z.core.output<T>>) =>
  z.preprocess((v) => (v === null ? undefined : v), schema.default(defaut));

/** Remarks of OI staff about their own text: never part of what porteurs or the public read. */
export const NotesInternes = parDefaut(z.array(TexteLong).max(50), []);

export const IdPlie = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Identifiant de PLIE : minuscules, chiffres et tirets (60 caractères au plus).');

export const Indicateur = z.strictObject({
  libelle: TexteLong,
  cible: z.number().min(0, 'Une cible ne peut pas être négative.').nullable(),
  unite: z.string().trim().max(200).nullable(),
});

export const RegleFinancement = z.strictObject({
  cofinancementRequis: z.boolean(),
  minContrepartiesPct: Pourcentage.nullable(),
  maxFsePct: Pourcentage.nullable(),
  /**
   * What the minimum is a share of: `contreparties` (every financing counted against the FSE, autofinancement
   * included; the default) or `cofinancements` (financings by third parties only, autofinancement left out).
   */
  baseMinimum: z.enum(['contreparties', 'cofinancements']).nullish(),
});
export type RegleFinancement = z.infer<typeof RegleFinancement>;

/** In common.ts: a dossier names its fiche without building the fiche's schemas at import. */
export { CodeFiche };

/**
 * A pièce a fiche expects, at the dépôt or as evidence of the operation's realisation (bilan, contrôle de service
 * fait). With `alternatives`, any one of them answers (« une des pièces suivantes »).
 */
export const PieceAttendue = z.strictObject({
  libelle: TexteLong,
  etape: z.enum(['depot', 'realisation'], { message: 'Étape attendue : depot ou realisation.' }),
  alternatives: z.array(TexteLong).max(30).nullish(),
});
export type PieceAttendue = z.infer<typeof PieceAttendue>;

/** A table of parcours stages with the pièces that prove each (GP1's « Étapes de parcours et leurs justificatifs »). */
export const EtapesParcours = z.strictObject({
  titre: TexteLong,
  version: z.string().trim().max(500).nullable().default(null),
  classes: z
    .array(
      z.strictObject({
        code: z.string().trim().min(1).max(20),
        libelle: z.string().trim().max(500).nullable().default(null),
        etapes: z
          .array(z.strictObject({ libelle: TexteLong, piecesAcceptees: z.array(TexteLong).max(30) }))
          .max(200),
      }),
    )
    .max(30),
});
export type EtapesParcours = z.infer<typeof EtapesParcours>;

export const FicheOperation = z
  .strictObject({
    code: CodeFiche,
    plie: IdPlie,
    titre: TexteLong,
    objectifsSpecifiques: z.array(TexteCourt).max(20),
    axesStrategiques: Liste(),
    axeOperationnel: z.string().trim().max(2000).nullable().default(null),
    territoire: z.string().trim().max(5000).nullable().default(null),
    cible: z.string().trim().max(5000).nullable().default(null),
    periode: z.strictObject({ debut: DateIso, fin: DateIso, texte: facultatif(z.string().max(5000)) }),
    contexte: TexteRiche,
    objectifs: TexteRiche,
    modalitesMiseEnOeuvre: TexteRiche,
    resultatsAttendus: TexteRiche,
    indicateurs: z.array(Indicateur).max(100),
    piecesJustificatives: z.array(PieceAttendue).max(100),
    etapesParcours: EtapesParcours.nullable().default(null),
    criteresSelection: Liste(),
    /** Conditions answered yes or no at the recevabilité (« pour que sa proposition soit étudiée »), not scored. */
    conditionsRecevabilite: parDefaut(Liste(20), []),
    conditionsFinancement: Liste(),
    regleFinancement: RegleFinancement,
    autresContraintes: Liste(),
    notesInternes: NotesInternes,
    lignesSource: facultatif(z.array(z.number().int().min(0)).max(10)),
  })
  .refine((f) => f.periode.fin >= f.periode.debut, {
    message: 'La fin de la période précède son début.',
    path: ['periode', 'fin'],
  });
export type FicheOperation = z.infer<typeof FicheOperation>;
