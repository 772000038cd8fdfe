/**
 * A small client of the local API acting as demo users (ID tokens from `/auth/dev/token`, signed like the local
 * OpenID provider's): the demo seed, the e2e set-up and the benchmarks prepare data through it exactly as the web app
 * would, uploads included (presigned POST, then the verification triggered by s3rver's event).
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export class ClientApi {
  private readonly jetons = new Map<string, Promise<string>>();

  /** `base`: the API root, e.g. `http://127.0.0.1:3000/api`. */
  constructor(readonly base: string) {}

  jeton(email: string): Promise<string> {
    let j = this.jetons.get(email);
    if (!j) {
      j = fetch(`${this.base}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) }).then(async (r) => {
        if (!r.ok) throw new Error(`Jeton de démonstration refusé pour ${email} (${r.status})`);
        return ((await r.json()) as { token: string }).token;
      });
      this.jetons.set(email, j);
    }
    return j;
  }

  /** A JSON call as `email`; any answer but 2xx throws, naming the call and the API's answer. */
  async appel<T = unknown>(email: string, methode: string, chemin: string, corps?: unknown, entetes: Record<string, string> = {}): Promise<T> {
    const r = await fetch(`${this.base}${chemin}`, {
      method: methode,
      headers: { authorization: `Bearer ${await this.jeton(email)}`, ...(corps === undefined ? {} : { 'content-type': 'application/json' }), ...entetes },
      ...(corps === undefined ? {} : { body: JSON.stringify(corps) }),
    });
    const texte = await r.text();
    if (!r.ok) throw new Error(`${methode} ${chemin} → ${r.status} ${texte.slice(0, 300)}`);
    return (texte ? JSON.parse(texte) : null) as T;
  }
}

/** A real one-page PDF with `texte` on it; fixed dates, so the same text always gives the same bytes. */
export async function pdfPiece(texte: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(texte, { x: 56, y: 770, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return doc.save({ useObjectStreams: false });
}

type Ligne = { code: string; libelle: string; obligatoire: boolean; etat: string };

/**
 * Uploads a PDF for every required line of the checklist not already valid or being verified, as a browser form
 * posts it, then waits until every required line is valid (the verification is asynchronous, as on AWS).
 */
export async function piecesObligatoires(api: ClientApi, email: string, dossierId: string): Promise<void> {
  const chemin = `/dossiers/${encodeURIComponent(dossierId)}/pieces`;
  const { lignes } = await api.appel<{ lignes: Ligne[] }>(email, 'GET', chemin);
  // The RIB declares its account (a valid example IBAN), which the OI's SEPA transfers pay to.
  const titulaire = (await api.appel<{ organisationNom: string }>(email, 'GET', `/dossiers/${encodeURIComponent(dossierId)}`)).organisationNom.slice(0, 70);
  for (const l of lignes.filter((x) => x.obligatoire && x.etat !== 'valide' && x.etat !== 'en_verification')) {
    await envoyerPdf(api, email, dossierId, l.code, l.libelle, l.code === 'RIB' ? { coordonnees: { titulaire, iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' } } : {});
  }
  for (let i = 0; i < 400; i++) {
    const requises = (await api.appel<{ lignes: Ligne[] }>(email, 'GET', chemin)).lignes.filter((x) => x.obligatoire);
    if (requises.every((x) => x.etat === 'valide')) return;
    const rejetee = requises.find((x) => x.etat === 'rejetee');
    if (rejetee) throw new Error(`Pièce ${rejetee.code} rejetée`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`Pièces du dossier ${dossierId} toujours en vérification`);
}

/** Announces a one-page PDF as pièce `code` (with `extra`: a RIB's account, a bilan's scope) and posts its bytes. */
export async function envoyerPdf(api: ClientApi, email: string, dossierId: string, code: string, texte: string, extra: Record<string, unknown> = {}): Promise<string> {
  const octets = await pdfPiece(texte);
  const nomFichier = `${code.toLowerCase()}.pdf`;
  const annonce = await api.appel<{ pieceId: string; upload: { url: string; fields: Record<string, string> } }>(email, 'POST', `/dossiers/${encodeURIComponent(dossierId)}/pieces`, {
    typePiece: code, nomFichier, taille: octets.length, typeContenu: 'application/pdf', sha256: createHash('sha256').update(octets).digest('hex'), ...extra,
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(annonce.upload.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(octets)]), nomFichier);
  const envoi = await fetch(annonce.upload.url, { method: 'POST', body: form });
  await envoi.arrayBuffer();
  if (envoi.status >= 300) throw new Error(`Envoi de la pièce ${code} refusé (${envoi.status})`);
  return annonce.pieceId;
}

interface LigneRealisationLue { code: string; libelle: string; requise: boolean; parEtapes: boolean; alternatives: string[]; etat: string }
interface EcheancesLues { echeances: Array<{ numero: number; piecesRealisation: { lignes: LigneRealisationLue[]; manquantes: unknown[] } | null }> }

/**
 * Uploads a valid PDF for every required « pièce de réalisation » of the saved draft bilan `numero` (the first
 * accepted pièce where a line offers several) and waits until none is missing: what a final bilan's dépôt asks.
 */
export async function piecesRealisation(api: ClientApi, email: string, dossierId: string, numero: number): Promise<void> {
  const chemin = `/dossiers/${encodeURIComponent(dossierId)}/bilans`;
  const lire = async () => (await api.appel<EcheancesLues>(email, 'GET', chemin)).echeances.find((e) => e.numero === numero)?.piecesRealisation;
  const r = await lire();
  if (!r) throw new Error(`Bilan n° ${numero} du dossier ${dossierId} non enregistré`);
  for (const l of r.lignes.filter((x) => x.requise && !x.parEtapes && x.etat !== 'valide' && x.etat !== 'en_verification')) {
    await envoyerPdf(api, email, dossierId, l.code, l.libelle, { bilan: { numero, ...(l.alternatives.length ? { alternative: 0 } : {}) } });
  }
  for (let i = 0; i < 400; i++) {
    const x = (await lire())!;
    if (!x.manquantes.length) return;
    const rejetee = x.lignes.find((l) => l.etat === 'rejetee');
    if (rejetee) throw new Error(`Pièce de réalisation ${rejetee.code} rejetée`);
    if (x.lignes.some((l) => l.requise && l.etat === 'attendue' && !l.parEtapes)) throw new Error(`Pièces de réalisation du bilan n° ${numero} manquantes`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error(`Pièces de réalisation du bilan n° ${numero} toujours en vérification`);
}
