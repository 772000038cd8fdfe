/**
 * Participants as a spreadsheet: the questionnaire's columns, read from CSV in UTF-8 or Windows-1252 (what Excel writes
 * in France), separated by `;` or `,`; written back as UTF-8 CSV with a BOM, every cell that a spreadsheet would read
 * as a formula (`=`, `+`, `-`, `@`, tab, carriage return) prefixed with a quote.
 */
import { parse } from 'csv-parse/sync';
import { CODES_QUESTIONS, type DemandeParticipant, type Participant, type VersionQuestionnaire } from '../../schemas/participant';
import { NSP } from './questionnaires';

export const COLONNES_IDENTITE = [
  'nom', 'prenom', 'date_naissance', 'sexe', 'commune_naissance', 'code_postal_naissance', 'adresse', 'code_postal', 'commune',
  'telephone_mobile', 'telephone_domicile', 'courriel', 'date_entree', 'notice_remise_le', 'notice_mode', 'prescripteur',
] as const;

export const colonnes = (v: VersionQuestionnaire): string[] => [...COLONNES_IDENTITE, ...CODES_QUESTIONS[v]];

/** Bytes as text: UTF-8 when they are valid UTF-8 (a BOM dropped), else Windows-1252. */
export function decoder(octets: Uint8Array): { texte: string; encodage: 'UTF-8' | 'Windows-1252' } {
  try {
    const texte = new TextDecoder('utf-8', { fatal: true }).decode(octets);
    return { texte: texte.replace(/^\uFEFF/, ''), encodage: 'UTF-8' };
  } catch {
    return { texte: new TextDecoder('windows-1252').decode(octets), encodage: 'Windows-1252' };
  }
}

export interface LigneLue {
  /** The line number in the file, the header being line 1. */
  ligne: number;
  valeurs: Record<string, string>;
}

/** The rows of a file, keyed by column; the missing columns (compared without case or accents) in `manquantes`. */
export function lireCsv(texte: string, v: VersionQuestionnaire): { lignes: LigneLue[]; manquantes: string[]; separateur: ';' | ',' } {
  const premiere = texte.split(/\r?\n/, 1)[0] ?? '';
  const separateur = (premiere.match(/;/g)?.length ?? 0) >= (premiere.match(/,/g)?.length ?? 0) ? ';' : ',';
  const enregistrements = parse(texte, { delimiter: separateur, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [entete, ...corps] = enregistrements;
  const normaliser = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[\s-]+/g, '_').trim();
  const noms = (entete?.record ?? []).map(normaliser);
  const attendues = colonnes(v);
  const index = new Map(attendues.map((c) => [c, noms.indexOf(normaliser(c))]));
  const manquantes = attendues.filter((c) => index.get(c)! < 0);
  const lignes = corps.map((e) => ({
    ligne: e.info.lines,
    valeurs: Object.fromEntries(attendues.map((c) => [c, index.get(c)! >= 0 ? (e.record[index.get(c)!] ?? '') : ''])),
  }));
  return { lignes, manquantes, separateur };
}

/** JJ/MM/AAAA or AAAA-MM-JJ → AAAA-MM-JJ (left as written otherwise: the schema says what is wrong). */
const date = (s: string) => {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : s.trim();
};
const vide = (s: string | undefined) => !s || s.trim() === '';
const facultatif = (s: string | undefined) => (vide(s) ? null : s!.trim());
const SEXES: Record<string, string> = { f: 'femme', femme: 'femme', h: 'homme', homme: 'homme', m: 'homme' };
const reponse = (s: string): string | number | null => {
  const t = s.trim();
  if (t === '') return null;
  const plie = t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  if (/^(nsp|ne souhaite pas repondre|ne sait pas)$/.test(plie)) return NSP;
  if (/^(o|oui)$/.test(plie)) return 'oui';
  if (/^(n|non)$/.test(plie)) return 'non';
  if (/^\d+$/.test(t)) return Number(t);
  return t;
};

/** A row as the body of `POST /dossiers/{id}/participants` (the schema and the questionnaire check it afterwards). */
export function versDemande(l: LigneLue, v: VersionQuestionnaire): Record<string, unknown> {
  const x = l.valeurs;
  const reponses = Object.fromEntries(CODES_QUESTIONS[v].flatMap((c) => {
    const r = reponse(x[c] ?? '');
    return r === null ? [] : [[c, r]];
  }));
  return {
    identite: {
      nom: x.nom, prenom: x.prenom, dateNaissance: date(x.date_naissance ?? ''), sexe: SEXES[(x.sexe ?? '').toLowerCase()] ?? x.sexe,
      naissance: { commune: x.commune_naissance, codePostal: x.code_postal_naissance },
      adresse: { ligne: x.adresse, codePostal: x.code_postal, commune: x.commune },
      telephoneMobile: facultatif(x.telephone_mobile), telephoneDomicile: facultatif(x.telephone_domicile), courriel: facultatif(x.courriel),
    },
    dateEntree: date(x.date_entree ?? ''),
    questionnaire: { questionnaire: v, reponses },
    plie: vide(x.prescripteur) ? null : { prescripteur: x.prescripteur },
    notice: { remiseLe: date(x.notice_remise_le ?? ''), mode: x.notice_mode || 'papier' },
  } satisfies Partial<Record<keyof DemandeParticipant, unknown>>;
}

/** A cell as a spreadsheet must not execute it. */
export function cellule(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const enFr = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');

/** The export: the import's columns (so that an export re-imports unchanged), then the exit and its qualification. */
export function versCsv(participants: ReadonlyArray<Participant & { qualification?: { libelle: string } | null }>, v: VersionQuestionnaire): string {
  const entete = [...colonnes(v), 'date_sortie', 'situation_sortie', 'sortie_hors_delai', 'qualification_sortie'];
  const lignes = participants.map((p) => {
    const i = p.identite;
    const r = p.questionnaire.reponses as Record<string, unknown>;
    return [
      i.nom, i.prenom, enFr(i.dateNaissance), i.sexe, i.naissance.commune, i.naissance.codePostal, i.adresse.ligne, i.adresse.codePostal, i.adresse.commune,
      i.telephoneMobile, i.telephoneDomicile, i.courriel, enFr(p.dateEntree), enFr(p.notice.remiseLe), p.notice.mode, p.plie?.prescripteur ?? '',
      ...CODES_QUESTIONS[v].map((c) => r[c] ?? ''),
      enFr(p.sortie?.date), p.sortie?.situation ?? '', p.sortie ? (p.sortie.horsDelai ? 'oui' : 'non') : '', p.qualification?.libelle ?? '',
    ].map(cellule).join(';');
  });
  return `\uFEFF${[entete.join(';'), ...lignes].join('\r\n')}\r\n`;
}
