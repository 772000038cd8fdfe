/**
 * CSV and XLSX writers for list exports, row by row into a file (under /tmp on Lambda), so an export of any size
 * holds one page in memory. CSV is what French spreadsheets open directly (`;`, UTF-8 BOM, CRLF); XLSX is written
 * by exceljs's streaming workbook writer (one sheet, frozen header, typed numbers, euros formatted).
 * Cells that a spreadsheet would run as a formula are neutralised (CSV injection).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export type Cellule = string | number | null;
export interface Colonne {
  titre: string;
  /** `euros` cells are cents, written as euros with a currency format. */
  format?: 'texte' | 'euros' | 'date';
}

/** Rows appended page after page, then the file closed. */
export interface Ecrivain {
  ajouter(lignes: readonly Cellule[][]): Promise<void>;
  terminer(): Promise<void>;
}

export type FormatExport = 'csv' | 'xlsx';

const neutraliser = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function celluleCsv(v: Cellule, c?: Colonne): string {
  if (v === null) return '';
  if (typeof v === 'number') return c?.format === 'euros' ? (v / 100).toFixed(2).replace('.', ',') : String(v).replace('.', ',');
  const s = neutraliser(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function ecrivainCsv(chemin: string, colonnes: readonly Colonne[]): Ecrivain {
  const flux = createWriteStream(chemin, { encoding: 'utf8' });
  const ecrire = async (texte: string) => {
    if (!flux.write(texte)) await once(flux, 'drain');
  };
  let entete = false;
  return {
    async ajouter(lignes) {
      const texte = lignes.map((l) => `${l.map((v, i) => celluleCsv(v, colonnes[i])).join(';')}\r\n`).join('');
      await ecrire(`${entete ? '' : `\uFEFF${colonnes.map((c) => celluleCsv(c.titre)).join(';')}\r\n`}${texte}`);
      entete = true;
    },
    async terminer() {
      if (!entete) await this.ajouter([]);
      flux.end();
      await once(flux, 'finish');
    },
  };
}

// XML 1.0 forbids these control characters: a spreadsheet would refuse the file.
const sansControles = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export function ecrivainXlsx(chemin: string, colonnes: readonly Colonne[], nomFeuille = 'Export'): Ecrivain {
  const classeur = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: chemin, useStyles: true, useSharedStrings: false });
  const feuille = classeur.addWorksheet(nomFeuille.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  feuille.columns = colonnes.map((c) => ({
    header: c.titre, width: c.format === 'euros' ? 16 : 28, ...(c.format === 'euros' ? { style: { numFmt: '#,##0.00 "€"' } } : {}),
  }));
  feuille.getRow(1).font = { bold: true };
  feuille.getRow(1).commit();
  return {
    async ajouter(lignes) {
      for (const l of lignes) {
        feuille.addRow(l.map((v, i) => (v === null ? null : typeof v === 'number' ? (colonnes[i]?.format === 'euros' ? v / 100 : v) : sansControles(neutraliser(v))))).commit();
      }
    },
    async terminer() {
      feuille.commit();
      await classeur.commit();
    },
  };
}

export const ecrivain = (format: FormatExport, chemin: string, colonnes: readonly Colonne[], nomFeuille?: string): Ecrivain =>
  format === 'csv' ? ecrivainCsv(chemin, colonnes) : ecrivainXlsx(chemin, colonnes, nomFeuille);
