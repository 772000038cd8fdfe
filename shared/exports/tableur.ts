/**
 * CSV and XLSX writers for list exports. CSV is what French spreadsheets open directly (`;`, UTF-8 BOM, CRLF);
 * XLSX is a minimal Office Open XML workbook (one sheet, inline strings, typed numbers) zipped with node:zlib.
 * Cells that a spreadsheet would run as a formula are neutralised (CSV injection).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type Cellule = string | number | null;
export interface Colonne {
  titre: string;
  /** `euros` cells are cents, written as euros with a currency format. */
  format?: 'texte' | 'euros' | 'date';
}

const neutraliser = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

export function versCsv(colonnes: Colonne[], lignes: Cellule[][]): Uint8Array {
  const cellule = (v: Cellule, c?: Colonne) => {
    if (v === null) return '';
    if (typeof v === 'number') return c?.format === 'euros' ? (v / 100).toFixed(2).replace('.', ',') : String(v).replace('.', ',');
    const s = neutraliser(v);
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const texte = [colonnes.map((c) => cellule(c.titre)), ...lignes.map((l) => l.map((v, i) => cellule(v, colonnes[i])))]
    .map((l) => l.join(';'))
    .join('\r\n');
  return new Uint8Array(Buffer.from(`\uFEFF${texte}\r\n`, 'utf8'));
}

const xml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

function colonneLettre(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function feuille(colonnes: Colonne[], lignes: Cellule[][]): string {
  const ligne = (cells: Cellule[], r: number, entete: boolean) =>
    `<row r="${r}">${cells
      .map((v, i) => {
        const ref = `${colonneLettre(i)}${r}`;
        if (v === null) return '';
        if (typeof v === 'number') {
          const euros = colonnes[i]?.format === 'euros';
          return `<c r="${ref}"${euros ? ' s="2"' : ''}><v>${euros ? v / 100 : v}</v></c>`;
        }
        return `<c r="${ref}" t="inlineStr"${entete ? ' s="1"' : ''}><is><t xml:space="preserve">${xml(neutraliser(v))}</t></is></c>`;
      })
      .join('')}</row>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${colonnes.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.format === 'euros' ? 16 : 28}" customWidth="1"/>`).join('')}</cols><sheetData>${[
    ligne(colonnes.map((c) => c.titre), 1, true),
    ...lignes.map((l, n) => ligne(l, n + 2, false)),
  ].join('')}</sheetData></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf/><xf fontId="1" applyFont="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** A zip archive (deflate), enough for an OOXML package. */
function zip(fichiers: Array<{ nom: string; contenu: string }>): Uint8Array {
  const locaux: Buffer[] = [];
  const centraux: Buffer[] = [];
  let decalage = 0;
  for (const f of fichiers) {
    const brut = Buffer.from(f.contenu, 'utf8');
    const comprime = deflateRawSync(brut);
    const nom = Buffer.from(f.nom, 'utf8');
    const crc = crc32(brut);
    const entete = Buffer.alloc(30);
    entete.writeUInt32LE(0x04034b50, 0);
    entete.writeUInt16LE(20, 4);
    entete.writeUInt16LE(0x0800, 6);
    entete.writeUInt16LE(8, 8);
    entete.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00: a fixed date keeps exports reproducible
    entete.writeUInt32LE(crc, 14);
    entete.writeUInt32LE(comprime.length, 18);
    entete.writeUInt32LE(brut.length, 22);
    entete.writeUInt16LE(nom.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comprime.length, 20);
    central.writeUInt32LE(brut.length, 24);
    central.writeUInt16LE(nom.length, 28);
    central.writeUInt32LE(decalage, 42);
    locaux.push(entete, nom, comprime);
    centraux.push(central, nom);
    decalage += 30 + nom.length + comprime.length;
  }
  const tailleCentral = centraux.reduce((s, b) => s + b.length, 0);
  const fin = Buffer.alloc(22);
  fin.writeUInt32LE(0x06054b50, 0);
  fin.writeUInt16LE(fichiers.length, 8);
  fin.writeUInt16LE(fichiers.length, 10);
  fin.writeUInt32LE(tailleCentral, 12);
  fin.writeUInt32LE(decalage, 16);
  return new Uint8Array(Buffer.concat([...locaux, ...centraux, fin]));
}

export function versXlsx(colonnes: Colonne[], lignes: Cellule[][], nomFeuille = 'Export'): Uint8Array {
  const ct = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip([
    { nom: '[Content_Types].xml', contenu: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>` },
    { nom: '_rels/.rels', contenu: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ct}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { nom: 'xl/workbook.xml', contenu: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${ct}"><sheets><sheet name="${xml(nomFeuille.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { nom: 'xl/_rels/workbook.xml.rels', contenu: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ct}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ct}/styles" Target="styles.xml"/></Relationships>` },
    { nom: 'xl/styles.xml', contenu: STYLES },
    { nom: 'xl/worksheets/sheet1.xml', contenu: feuille(colonnes, lignes) },
  ]);
}
