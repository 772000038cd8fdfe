import { saisieVersCentimes } from '../lib/format';
import type { FormAap, FormFiche } from './modele';

export type Erreurs = Record<string, string>;

const facultatif = (s: string): string | undefined => (s.trim() === '' ? undefined : s);
/** An optional text: blank → null. */
export const vide = (s: string): string | null => (s.trim() === '' ? null : s);
/** A textarea typed one item per line: blank lines dropped. */
export const lignes = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** « 12,5 » → 12.5 ; '' → null ; unreadable → undefined. */
export function nombre(s: string): number | null | undefined {
  const t = s.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

function convertirFiche(f: FormFiche, i: number, erreurs: Erreurs) {
  const num = (s: string, chemin: string, message: string) => {
    const n = nombre(s);
    if (n === undefined) erreurs[chemin] = message;
    return n ?? null;
  };
  const base = `fiches.${i}`;
  const r = f.regleFinancement;
  return {
    ...f.origine,
    code: f.code,
    plie: f.plie,
    titre: f.titre,
    objectifsSpecifiques: f.objectifsSpecifiques,
    axesStrategiques: f.axesStrategiques,
    axeOperationnel: vide(f.axeOperationnel),
    territoire: vide(f.territoire),
    cible: vide(f.cible),
    periode: { debut: f.periode.debut, fin: f.periode.fin, ...(f.periode.texte.trim() ? { texte: f.periode.texte } : {}) },
    contexte: vide(f.contexte),
    objectifs: vide(f.objectifs),
    modalitesMiseEnOeuvre: vide(f.modalitesMiseEnOeuvre),
    resultatsAttendus: vide(f.resultatsAttendus),
    indicateurs: f.indicateurs.map((ind, j) => ({
      libelle: ind.libelle,
      cible: num(ind.cible, `${base}.indicateurs.${j}.cible`, 'Cible : un nombre est attendu (ex. 12 ou 12,5).'),
      unite: ind.unite.trim() ? ind.unite : null,
    })),
    piecesJustificatives: f.piecesJustificatives.map((p, j) => {
      const alternatives = lignes(p.alternatives);
      if (alternatives.length === 1) {
        erreurs[`${base}.piecesJustificatives.${j}.alternatives`] =
          'Un groupe « une des pièces suivantes » compte au moins deux pièces, une par ligne (videz le champ pour une pièce unique).';
      }
      return { libelle: p.libelle, etape: p.etape, ...(alternatives.length ? { alternatives } : {}) };
    }),
    criteresSelection: f.criteresSelection,
    conditionsRecevabilite: f.conditionsRecevabilite,
    conditionsFinancement: f.conditionsFinancement,
    regleFinancement: {
      cofinancementRequis: r.cofinancementRequis,
      minContrepartiesPct: num(r.minContrepartiesPct, `${base}.regleFinancement.minContrepartiesPct`, 'Pourcentage attendu, entre 0 et 100 (ex. 20).'),
      maxFsePct: num(r.maxFsePct, `${base}.regleFinancement.maxFsePct`, 'Pourcentage attendu, entre 0 et 100 (ex. 80).'),
      ...(r.baseMinimum ? { baseMinimum: r.baseMinimum } : {}),
    },
    autresContraintes: f.autresContraintes,
    notesInternes: lignes(f.notesInternes),
  };
}

/** The request body (before schema validation) and the errors of fields that could not be read at all. */
export function versContenu(f: FormAap): { brut: unknown; erreurs: Erreurs } {
  const erreurs: Erreurs = {};
  let enveloppe: number | null = null;
  if (f.enveloppe.trim()) {
    enveloppe = saisieVersCentimes(f.enveloppe);
    if (enveloppe === null) erreurs.enveloppeFseCentimes = 'Montant en euros attendu, ex. 1 250 000,00.';
  }
  const o = f.depot.ouverture;
  const p = f.programme;
  const brut = {
    ...f.origine,
    reference: f.reference,
    titre: f.titre,
    organismeIntermediaire: f.organismeIntermediaire,
    programme: {
      ...f.origine.programme,
      code: p.code,
      libelle: p.libelle,
      axe: facultatif(p.axe),
      axeLibelle: facultatif(p.axeLibelle),
      objectifThematique: facultatif(p.objectifThematique),
      prioriteInvestissement: facultatif(p.prioriteInvestissement),
      objectifsSpecifiques: p.objectifsSpecifiques,
    },
    plies: f.plies,
    enveloppeFseCentimes: enveloppe,
    depot: {
      plateforme: facultatif(f.depot.plateforme),
      ouverture: o.date || o.heure ? { date: o.date, heure: o.heure || '00:00', fuseau: o.fuseau } : null,
      modalitesOuverture: facultatif(f.depot.modalitesOuverture),
      cloture: f.depot.cloture,
      // Guichet takes one dossier per fiche: the API accepts no other value.
      unDossierParFiche: true,
      texte: facultatif(f.depot.texte),
    },
    contact: vide(f.contact),
    selection: {
      criteresCommuns: f.selection.criteresCommuns,
      preambulePrivilegies: facultatif(f.selection.preambulePrivilegies),
      criteresPrivilegies: f.selection.criteresPrivilegies,
      instances: facultatif(f.selection.instances),
    },
    source: facultatif(f.source),
    notesInternes: lignes(f.notesInternes),
    fiches: f.fiches.map((fiche, i) => convertirFiche(fiche, i, erreurs)),
  };
  return { brut, erreurs };
}

/** Server paths look like `corps.fiches[0].titre` (also accepted: `/fiches/0/titre`, `body.`, `contenu.`). */
export function normaliserChemin(chemin: string): string {
  return chemin
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^(corps|body)\./, '')
    .replace(/^contenu\./, '');
}

/** The AAP form's field of a path: items of lists typed one per line (`notesInternes.2`, `….alternatives.1`) are their textarea. */
export const champAap = (chemin: string): string =>
  normaliserChemin(chemin).replace(/((?:^|\.)(?:notesInternes|alternatives)|^plies)\.\d+(\..*)?$/, '$1');

/** Business errors that concern one field although the server sends no `details`. */
export const CHAMP_PAR_CODE: Record<string, string> = {
  REFERENCE_DEJA_UTILISEE: 'reference',
};

/** A 409 that means « someone saved a newer version » (not a uniqueness conflict). */
export const estConflitDeVersion = (status: number, code: string): boolean => status === 409 && /VERSION/.test(code);
