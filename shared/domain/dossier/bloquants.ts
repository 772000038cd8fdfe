import type { ContenuDossier } from '../../schemas/dossier';
import type { LigneChecklist } from '../../schemas/piece';
import type { DetailErreur } from '../errors';
import { piecesBloquantes } from '../piece/piece';

/**
 * Everything that stops a dépôt, all categories at once (rubriques, pièces, plan de financement, calendrier): the
 * server's 422 lists them all in `details`, and the web shows the same list before it asks for confirmation.
 * Pure and free of Node APIs, so the browser runs it too.
 */

export type CodeBloquant = 'DOSSIER_INCOMPLET' | 'PIECES_NON_VALIDES' | 'PLAN_FINANCEMENT_NON_CONFORME' | 'OPERATION_TERMINEE';

export interface CategorieBloquante {
  code: CodeBloquant;
  message: string;
  details: DetailErreur[];
}

/** What a dépôt requires of the content besides a conforming plan. */
export function manquants(c: ContenuDossier): DetailErreur[] {
  const out: DetailErreur[] = [];
  if (!c.intitule.trim()) out.push({ chemin: 'intitule', message: 'Donnez un intitulé à l’opération.' });
  const libelles = { objectifs: 'les objectifs', publicVise: 'le public visé', modalites: 'les modalités de mise en œuvre', territoire: 'le territoire' } as const;
  for (const [k, l] of Object.entries(libelles)) {
    if (!c.description[k as keyof typeof libelles].trim()) out.push({ chemin: `description.${k}`, message: `Décrivez ${l}.` });
  }
  if (!c.calendrier) out.push({ chemin: 'calendrier', message: 'Indiquez les dates de début et de fin de l’opération.' });
  c.indicateurs.forEach((i, n) => {
    if (i.valeurPrevue === null) out.push({ chemin: `indicateurs[${n}].valeurPrevue`, message: `Indiquez la valeur prévue pour « ${i.libelle} ».` });
  });
  return out;
}

/**
 * Every blocker of a dépôt, by category, in the order a porteur fixes them. `violations` are the plan engine's;
 * `aujourdhui` is the local date (AAP zone) when the operation's end is checked (a first dépôt only).
 */
export function bloquantsDepot(p: {
  contenu: ContenuDossier;
  lignes: readonly LigneChecklist[];
  violations: readonly { code: string; message: string }[];
  aujourdhui?: string;
}): CategorieBloquante[] {
  const out: CategorieBloquante[] = [];
  const incomplet = manquants(p.contenu);
  if (incomplet.length) out.push({ code: 'DOSSIER_INCOMPLET', message: 'Le dossier est incomplet : complétez les rubriques signalées avant de déposer.', details: incomplet });
  const pieces = piecesBloquantes([...p.lignes]);
  if (pieces.length) out.push({ code: 'PIECES_NON_VALIDES', message: 'Des pièces obligatoires manquent ou ne sont pas validées : le dossier ne peut pas être déposé.', details: pieces });
  if (p.violations.length) {
    out.push({
      code: 'PLAN_FINANCEMENT_NON_CONFORME',
      message: 'Le plan de financement ne respecte pas les règles de l’appel à projets.',
      details: p.violations.map((v) => ({ chemin: `planFinancement.${v.code}`, message: v.message })),
    });
  }
  const cal = p.contenu.calendrier;
  if (p.aujourdhui && cal && cal.fin < p.aujourdhui) {
    const message = 'Une opération déjà achevée ne peut pas faire l’objet d’une demande de subvention FSE (art. 65 du règlement (UE) 1303/2013).';
    out.push({ code: 'OPERATION_TERMINEE', message, details: [{ chemin: 'calendrier.fin', message }] });
  }
  return out;
}

/** One message for all the categories: the category's own when there is one, a count otherwise. */
export function messageBloquants(categories: readonly CategorieBloquante[]): string {
  if (categories.length === 1) return categories[0]!.message;
  const n = categories.reduce((s, c) => s + c.details.length, 0);
  return `Le dossier ne peut pas être déposé : ${n} points sont à corriger (${categories.map((c) => LIBELLES[c.code]).join(', ')}).`;
}

const LIBELLES: Record<CodeBloquant, string> = {
  DOSSIER_INCOMPLET: 'rubriques',
  PIECES_NON_VALIDES: 'pièces',
  PLAN_FINANCEMENT_NON_CONFORME: 'plan de financement',
  OPERATION_TERMINEE: 'calendrier',
};
