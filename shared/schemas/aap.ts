import { z } from 'zod';
import { DateHeureLocale, DateIso, MontantCentimes, Pourcentage, TexteCourt, TexteLong } from './common';
import { CODES_PROGRAMME } from '../domain/programmes';
import { instantCloture, instantOuverture } from '../domain/temps';
import { TypePiece } from './piece';

const Liste = (max = 200) => z.array(TexteLong).max(max);

export const Indicateur = z.strictObject({
  libelle: TexteLong,
  cible: z.number().min(0, 'Une cible ne peut pas être négative.').nullable(),
  unite: z.string().trim().max(200).nullable(),
});

export const RegleFinancement = z.strictObject({
  cofinancementRequis: z.boolean(),
  minContrepartiesPct: Pourcentage.nullable(),
  maxFsePct: Pourcentage.nullable(),
});
export type RegleFinancement = z.infer<typeof RegleFinancement>;

export const CodeFiche = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/, 'Code de fiche : lettres, chiffres, tiret (20 caractères au plus).');

export const FicheOperation = z
  .strictObject({
    code: CodeFiche,
    plie: TexteCourt,
    titre: TexteLong,
    objectifsSpecifiques: z.array(TexteCourt).max(20),
    axesStrategiques: Liste(),
    axeOperationnel: z.string().trim().max(2000).nullable().default(null),
    territoire: z.string().trim().max(5000).nullable().default(null),
    cible: z.string().trim().max(5000).nullable().default(null),
    periode: z.strictObject({ debut: DateIso, fin: DateIso, texte: z.string().max(5000).optional() }),
    indicateurs: z.array(Indicateur).max(100),
    piecesJustificatives: Liste(),
    criteresSelection: Liste(),
    conditionsFinancement: Liste(),
    regleFinancement: RegleFinancement,
    autresContraintes: Liste(),
    lignesSource: z.array(z.number().int().min(0)).max(10).optional(),
  })
  .refine((f) => f.periode.fin >= f.periode.debut, {
    message: 'La fin de la période précède son début.',
    path: ['periode', 'fin'],
  });
export type FicheOperation = z.infer<typeof FicheOperation>;

export const ObjectifSpecifique = z.strictObject({ code: TexteCourt, libelle: TexteLong });

export const Programme = z.strictObject({
  code: z.enum(CODES_PROGRAMME, { message: `Programme inconnu (attendu : ${CODES_PROGRAMME.join(', ')}).` }),
  libelle: TexteLong,
  axe: z.string().max(50).optional(),
  axeLibelle: z.string().max(2000).optional(),
  objectifThematique: z.string().max(50).optional(),
  prioriteInvestissement: z.string().max(50).optional(),
  objectifsSpecifiques: z.array(ObjectifSpecifique).max(50),
});

/**
 * The dépôt window. `ouverture` null means "à la publication". The closing minute is inclusive:
 * 23:59 accepts a dépôt up to 23:59:59.999 local time.
 */
export const Depot = z.strictObject({
  plateforme: z.string().max(200).optional(),
  ouverture: DateHeureLocale.nullable(),
  modalitesOuverture: z.string().max(2000).optional(),
  cloture: DateHeureLocale,
  unDossierParFiche: z.boolean().default(true),
  texte: z.string().max(5000).optional(),
});

const ContenuAapBase = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,59}$/, 'Référence : lettres, chiffres, point, tiret (60 caractères au plus).'),
  titre: TexteLong,
  organismeIntermediaire: z.strictObject({ sigle: TexteCourt, nom: TexteLong }),
  programme: Programme,
  plies: z.array(TexteCourt).max(50),
  enveloppeFseCentimes: MontantCentimes.nullable().default(null),
  depot: Depot,
  selection: z.strictObject({
    criteresCommuns: Liste(),
    criteresPrivilegies: Liste().default([]),
    instances: z.string().max(5000).optional(),
  }),
  source: z.string().max(200).optional(),
  /** The administrative pièces asked of every dossier; absent means the default set. */
  piecesAdministratives: z.array(TypePiece).max(30).optional(),
  fiches: z.array(FicheOperation).max(80, 'Un appel à projets compte 80 fiches au plus.'),
});

type Coherent = Pick<z.infer<typeof ContenuAapBase>, 'fiches' | 'plies' | 'programme'> & {
  depot: { ouverture: unknown; cloture: z.infer<typeof DateHeureLocale> };
};

/** Rules that span fields: reported as 400 with the path of each offending field. */
function coherence(c: Coherent, ctx: z.RefinementCtx): void {
  const vus = new Map<string, number>();
  const plies = new Set(c.plies);
  const os = new Set(c.programme.objectifsSpecifiques.map((o) => o.code));
  c.fiches.forEach((f, i) => {
    const code = f.code.toUpperCase();
    if (vus.has(code)) {
      ctx.addIssue({ code: 'custom', path: ['fiches', i, 'code'], message: `Le code de fiche ${f.code} est en double (fiche n° ${(vus.get(code) ?? 0) + 1}).` });
    }
    vus.set(code, i);
    if (!plies.has(f.plie)) {
      ctx.addIssue({ code: 'custom', path: ['fiches', i, 'plie'], message: `Le PLIE « ${f.plie} » ne figure pas dans la liste des PLIE de l’appel à projets.` });
    }
    f.objectifsSpecifiques.forEach((o, j) => {
      if (!os.has(o)) {
        ctx.addIssue({ code: 'custom', path: ['fiches', i, 'objectifsSpecifiques', j], message: `Objectif spécifique ${o} inconnu du programme.` });
      }
    });
  });
  const o = c.depot.ouverture;
  if (o && typeof o === 'object') {
    const ouv = o as z.infer<typeof DateHeureLocale>;
    if (instantCloture(c.depot.cloture).getTime() <= instantOuverture(ouv).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['depot', 'cloture'], message: 'La clôture du dépôt doit être postérieure à son ouverture.' });
    }
  }
}

/** Everything an OI writes in an AAP: the body of create, edit and rectificatif. */
export const ContenuAap = ContenuAapBase.superRefine(coherence);
export type ContenuAap = z.infer<typeof ContenuAap>;
export type ContenuAapEntree = z.input<typeof ContenuAap>;

/**
 * The shape of `data/aap-agape-2021.json`, the exchange format of `POST /aaps/import`: like the content, except that
 * `depot.ouverture` may be the text of the AAP ("à la diffusion de l'appel à projets").
 */
export const ImportAap = ContenuAapBase.extend({
  depot: Depot.extend({ ouverture: z.union([DateHeureLocale, z.string().max(2000)]).nullable() }),
}).superRefine(coherence);
export type ImportAap = z.infer<typeof ImportAap>;

export const StatutAap = z.enum(['brouillon', 'publie', 'clos']);
export type StatutAap = z.infer<typeof StatutAap>;

export const ResumeAap = z.object({
  id: z.string(),
  reference: z.string(),
  titre: z.string(),
  statut: StatutAap,
  organismeIntermediaire: z.object({ sigle: z.string(), nom: z.string() }),
  programme: z.object({ code: z.string(), libelle: z.string() }),
  plies: z.array(z.string()),
  objectifsSpecifiques: z.array(z.string()),
  clotureLe: z.string().describe('Instant UTC de clôture (ISO 8601).'),
  cloture: DateHeureLocale,
  nombreFiches: z.number().int(),
  version: z.number().int(),
  publieLe: z.string().nullable(),
});
export type ResumeAap = z.infer<typeof ResumeAap>;

export const Aap = ContenuAapBase.extend({
  id: z.string(),
  statut: StatutAap,
  version: z.number().int().min(1),
  creeLe: z.string(),
  modifieLe: z.string(),
  publieLe: z.string().nullable(),
  ouvertureLe: z.string().nullable().describe('Instant UTC d’ouverture du dépôt, null tant que non publié.'),
  clotureLe: z.string(),
  nombreRectificatifs: z.number().int().min(0),
});
export type Aap = z.infer<typeof Aap>;

export const Modification = z.object({ chemin: z.string(), avant: z.unknown(), apres: z.unknown() });
export type Modification = z.infer<typeof Modification>;

export const Rectificatif = z.object({
  version: z.number().int().min(2),
  date: z.string(),
  motif: z.string(),
  auteur: z.string(),
  modifications: z.array(Modification),
});
export type Rectificatif = z.infer<typeof Rectificatif>;

export const DemandeRectificatif = z.strictObject({
  motif: z.string().trim().min(3, 'Indiquez le motif du rectificatif.').max(2000),
  contenu: ContenuAap,
});

export const DemandePublication = z.strictObject({
  archive: z
    .boolean()
    .default(false)
    .describe('Publier un AAP dont la clôture est déjà passée (reprise d’un historique).'),
});

export const FiltresAap = z.strictObject({
  statut: StatutAap.optional(),
  plie: z.string().max(200).optional(),
  objectifSpecifique: z.string().max(50).optional(),
  q: z.string().max(200).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FiltresAap = z.infer<typeof FiltresAap>;

export const ParamsAap = z.strictObject({ id: z.string().min(1).max(64) });
export const ParamsFiche = z.strictObject({ id: z.string().min(1).max(64), code: CodeFiche });

/** An AAP without its fiches, as listings read it (the fiches are counted). */
export const EnteteAap = Aap.omit({ fiches: true }).extend({ nombreFiches: z.number().int().min(0) });
export type EnteteAap = z.infer<typeof EnteteAap>;
