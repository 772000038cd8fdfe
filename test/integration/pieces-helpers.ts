import { createHash } from 'node:crypto';
import { pdfPiece } from '#local/client-api';
import type { client } from './helpers';

type Api = ReturnType<typeof client>;

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A real one-page PDF with `texte` on it (same text, same bytes). */
export const pdfValide = (texte = 'Pièce justificative'): Promise<Uint8Array> => pdfPiece(texte);

export interface Upload {
  status: number;
  body: { pieceId: string; upload: { url: string; fields: Record<string, string> }; code?: string; details?: unknown };
}

/** Announces a pièce, then posts the bytes to the presigned POST exactly as a browser form would. */
export async function televerser(
  api: Api,
  as: string,
  dossierId: string,
  typePiece: string,
  octets: Uint8Array,
  options: {
    typeContenu?: string; nomFichier?: string; taille?: number; sha256?: string; coordonnees?: { titulaire: string; iban: string; bic: string };
    /** A bilan's evidence: the bilan and, where the line offers several, which accepted pièce. */
    bilan?: { numero: number; alternative?: number };
  } = {},
): Promise<{ annonce: Upload; envoi?: number }> {
  const annonce = (await api.post(`/dossiers/${dossierId}/pieces`, {
    as,
    body: {
      typePiece,
      nomFichier: options.nomFichier ?? `${typePiece.toLowerCase()}.pdf`,
      taille: options.taille ?? octets.length,
      typeContenu: options.typeContenu ?? 'application/pdf',
      sha256: options.sha256 ?? sha256(octets),
      ...(options.coordonnees ? { coordonnees: options.coordonnees } : {}),
      ...(options.bilan ? { bilan: options.bilan } : {}),
    },
  })) as Upload;
  if (annonce.status !== 201) return { annonce };
  const form = new FormData();
  for (const [k, v] of Object.entries(annonce.body.upload.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(octets)]), options.nomFichier ?? 'fichier');
  const r = await fetch(annonce.body.upload.url, { method: 'POST', body: form });
  await r.arrayBuffer();
  return { annonce, envoi: r.status };
}

/** Waits until the pièce leaves `en_verification` (the S3 event is asynchronous, as on AWS). */
export async function verdict(api: Api, as: string, dossierId: string, pieceId: string) {
  for (let i = 0; i < 100; i++) {
    const r = await api.get(`/dossiers/${dossierId}/pieces`, { as });
    const p = r.body.pieces.find((x: { id: string }) => x.id === pieceId);
    if (p && p.etat !== 'en_verification') return p as { etat: string; motifRejet: string | null; sha256: string };
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`La pièce ${pieceId} est restée en vérification`);
}

/** The account a test porteur's RIB declares (a valid French IBAN and BIC). */
export const COMPTE_TEST = { titulaire: 'Structure de test', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp' };

/** Uploads a valid PDF for every required line of the checklist (the RIB with its account) and waits until each is valid. */
export async function piecesObligatoires(api: Api, as: string, dossierId: string): Promise<void> {
  const lignes = (await api.get(`/dossiers/${dossierId}/pieces`, { as })).body.lignes as Array<{ code: string; obligatoire: boolean }>;
  await Promise.all(
    lignes
      .filter((l) => l.obligatoire)
      .map(async (l) => {
        const { annonce } = await televerser(api, as, dossierId, l.code, await pdfValide(l.code), l.code === 'RIB' ? { coordonnees: COMPTE_TEST } : {});
        const v = await verdict(api, as, dossierId, annonce.body.pieceId);
        if (v.etat !== 'valide') throw new Error(`${l.code} : ${v.motifRejet}`);
      }),
  );
}
