import { saisieVersCentimes } from '../lib/format';
import type { FormAap, FormFiche } from './modele';

export type Erreurs = Record<string, string>;

const facultatif = (s: string): string | undefined => (s.trim() === '' ? undefined : s);
const vide = (s: string): string | null => (s.trim() === '' ? null : s);

/** « 12,5 » → 12.5 ; '' → null ; unreadable → undefined. */
function nombre(s: string): number | null | undefined {
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
  return {
    code: f.code,
    plie: f.plie,
    titre: f.titre,
    objectifsSpecifiques: f.objectifsSpecifiques,
    axesStrategiques: f.axesStrategiques,
    axeOperationnel: vide(f.axeOperationnel),
    territoire: vide(f.territoire),
    cible: vide(f.cible),
    periode: { debut: f.periode.debut, fin: f.periode.fin, ...(f.periode.texte.trim() ? { texte: f.periode.texte } : {}) },
    indicateurs: f.indicateurs.map((ind, j) => ({
      libelle: ind.libelle,
      cible: num(ind.cible, `${base}.indicateurs.${j}.cible`, 'Cible : un nombre est attendu (ex. 12 ou 12,5).'),
      unite: ind.unite.trim() ? ind.unite : null,
    })),
    piecesJustificatives: f.piecesJustificatives,
    criteresSelection: f.criteresSelection,
    conditionsFinancement: f.conditionsFinancement,
    regleFinancement: {
      cofinancementRequis: f.regleFinancement.cofinancementRequis,
      minContrepartiesPct: num(f.regleFinancement.minContrepartiesPct, `${base}.regleFinancement.minContrepartiesPct`, 'Pourcentage attendu, entre 0 et 100 (ex. 20).'),
      maxFsePct: num(f.regleFinancement.maxFsePct, `${base}.regleFinancement.maxFsePct`, 'Pourcentage attendu, entre 0 et 100 (ex. 80).'),
    },
    autresContraintes: f.autresContraintes,
    ...(f.lignesSource ? { lignesSource: f.lignesSource } : {}),
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
    reference: f.reference,
    titre: f.titre,
    organismeIntermediaire: f.organismeIntermediaire,
    programme: {
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
      unDossierParFiche: f.depot.unDossierParFiche,
      texte: facultatif(f.depot.texte),
    },
    selection: {
      criteresCommuns: f.selection.criteresCommuns,
      criteresPrivilegies: f.selection.criteresPrivilegies,
      instances: facultatif(f.selection.instances),
    },
    source: facultatif(f.source),
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

/** Business errors that concern one field although the server sends no `details`. */
export const CHAMP_PAR_CODE: Record<string, string> = {
  REFERENCE_DEJA_UTILISEE: 'reference',
};

/** A 409 that means « someone saved a newer version » (not a uniqueness conflict). */
export const estConflitDeVersion = (status: number, code: string): boolean => status === 409 && /VERSION/.test(code);
