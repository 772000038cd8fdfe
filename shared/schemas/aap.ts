import * as z from 'zod';
import { DateHeureLocale, DateIso, MontantCentimes, Pourcentage, TexteCourt, TexteLong } from './common';
import { CodeFiche, FicheOperation, IdPlie, Liste, NotesInternes, facultatif, parDefaut } from './fiche';
import { CODES_PROGRAMME } from '../domain/programmes';
import { instantCloture, instantOuverture } from '../domain/temps';
import { TypePiece } from './type-piece';
import { STATUTS_JURIDIQUES } from './statuts-juridiques';

export * from './fiche';

export const ObjectifSpecifique = z.strictObject({ code: TexteCourt, libelle: TexteLong });

/** A flat rate the AAP sets below the programme's ceiling (rates in the regulations are « jusqu’à »). */
export const TauxForfaitaireAap = z.strictObject({
  option: z.string().trim().min(1).max(100),
  tauxPct: Pourcentage,
});

const ProgrammeBase = z.strictObject({
  /** Checked against the programme table by the domain (422 `PROGRAMME_INCONNU` listing the known codes). */
  code: z.string().trim().min(1, 'Indiquez le programme.').max(60),
  libelle: TexteLong,
  axe: facultatif(z.string().max(50)),
  axeLibelle: facultatif(z.string().max(2000)),
  objectifThematique: facultatif(z.string().max(50)),
  prioriteInvestissement: facultatif(z.string().max(50)),
  objectifsSpecifiques: z.array(ObjectifSpecifique).max(50),
  tauxForfaitaires: parDefaut(z.array(TauxForfaitaireAap).max(20), []),
});
/** As stored: the code is one of the programme table's. */
export const Programme = ProgrammeBase.extend({
  code: z.enum(CODES_PROGRAMME, { message: `Programme inconnu (attendu : ${CODES_PROGRAMME.join(', ')}).` }),
});

/** A titled part of the AAP's text (presentation, modalités, annexes), printed in the PDF's table of contents. */
export const SectionAap = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Identifiant de section : minuscules, chiffres et tirets.'),
  titre: TexteLong,
  annexe: parDefaut(z.boolean(), false),
  texte: z.string().trim().min(1, 'Champ obligatoire.').max(60_000, 'Texte : 60 000 caractères au plus.'),
});
export type SectionAap = z.infer<typeof SectionAap>;

/**
 * The dépôt window. `ouverture` null means "à la publication". The closing minute is inclusive:
 * 23:59 accepts a dépôt up to 23:59:59.999 local time.
 */
export const Depot = z.strictObject({
  plateforme: facultatif(z.string().max(200)),
  ouverture: DateHeureLocale.nullable(),
  modalitesOuverture: facultatif(z.string().max(2000)),
  cloture: DateHeureLocale,
  /** Guichet always takes one dossier per fiche opération (and per organisation): the flag can only say so. */
  unDossierParFiche: parDefaut(z.literal(true, { message: 'Un dossier de demande couvre toujours une seule fiche opération.' }), true),
  texte: facultatif(z.string().max(5000)),
});

const ContenuAapBase = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,59}$/, 'Référence : lettres, chiffres, point, tiret (60 caractères au plus).'),
  titre: TexteLong,
  organismeIntermediaire: z.strictObject({ sigle: TexteCourt, nom: TexteLong }),
  programme: ProgrammeBase,
  /** Ids of the OI's PLIE (`/plies`) the AAP concerns; fiches name theirs among them. */
  plies: z.array(IdPlie).max(50),
  enveloppeFseCentimes: MontantCentimes.nullable().default(null),
  depot: Depot,
  /** Whom to contact before applying, as the AAP words it. */
  contact: z.string().trim().max(5000).nullable().default(null),
  selection: z.strictObject({
    criteresCommuns: Liste(),
    preambulePrivilegies: facultatif(z.string().trim().max(2000)),
    criteresPrivilegies: parDefaut(Liste(), []),
    instances: facultatif(z.string().max(5000)),
  }),
  sections: parDefaut(z.array(SectionAap).max(40), []),
  source: facultatif(z.string().max(200)),
  notesInternes: NotesInternes,
  /** The administrative pièces asked of every dossier; absent means the default set. */
  piecesAdministratives: facultatif(z.array(TypePiece).max(30)),
  /**
   * What the OI sets for the conventions of this AAP: the avance (% of the FSE conventionné, and the organisations'
   * statuts that get none), and how many renewals a convention allows (Dijon: 2, seed 003 l.326–328). Absent: 30 %,
   * no exemption, no cap.
   */
  conventionnement: facultatif(
    z.strictObject({
      avancePct: Pourcentage,
      statutsExemptesAvance: z.array(z.enum(STATUTS_JURIDIQUES)).max(10),
      renouvellementsMax: z.number().int().min(0).max(20).nullable(),
    }),
  ),
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
  // zod runs this refinement even when a date or a zone inside failed its own check: compare only valid instants.
  const ouv = DateHeureLocale.safeParse(c.depot.ouverture);
  const clo = DateHeureLocale.safeParse(c.depot.cloture);
  if (ouv.success && clo.success) {
    if (instantCloture(clo.data).getTime() <= instantOuverture(ouv.data).getTime()) {
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
  /** What the source says of the AAP's own history: an archive keeps its dates, never today's. */
  historique: z
    .strictObject({
      publieLe: DateIso.nullable().describe('Date de publication d’origine ; null quand la source ne la donne pas.'),
    })
    .nullish(),
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
  plies: z.array(z.string()).describe('Identifiants des PLIE concernés.'),
  referencesPlies: z.array(z.object({ id: z.string(), nom: z.string(), siteWeb: z.string().nullable() })),
  objectifsSpecifiques: z.array(z.string()),
  clotureLe: z.string().describe('Instant UTC de clôture (ISO 8601).'),
  cloture: DateHeureLocale,
  nombreFiches: z.number().int(),
  version: z.number().int(),
  /** « version 1 » is the first publication, each rectificatif adds one. */
  nombreRectificatifs: z.number().int().min(0),
  publieLe: z.string().nullable(),
});
export type ResumeAap = z.infer<typeof ResumeAap>;

/** A PLIE as an AAP names it: resolved from the OI's PLIE when the AAP is written. */
export const ReferencePlie = z.object({ id: z.string(), nom: z.string(), siteWeb: z.string().nullable() });
export type ReferencePlie = z.infer<typeof ReferencePlie>;

export const Aap = ContenuAapBase.extend({
  programme: Programme,
  referencesPlies: z.array(ReferencePlie).default([]),
  /** Imported archives: the source's publication date (null: the source gives none). */
  historique: z.object({ publieLe: z.string().nullable() }).optional(),
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
  /** « rectificatif n° 1 » is the first change after publication. */
  numero: z.number().int().min(1).optional(),
  date: z.string(),
  motif: z.string(),
  /** The author's user id; `auteurNom` is how they are named. */
  auteur: z.string(),
  auteurNom: z.string().optional(),
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
