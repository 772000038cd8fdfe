import { colonnes } from '#shared/domain/participant/csv';
import type { client } from './helpers';

type Api = ReturnType<typeof client>;

/** Asks for the presigned POST of an import, then posts the bytes to it exactly as a browser form would. */
export async function envoyerImport(api: Api, as: string, dossierId: string, octets: Uint8Array, nomFichier = 'participants.csv', taille = octets.length) {
  const envoi = await api.post(`/dossiers/${dossierId}/participants/imports/envoi`, { as, body: { nomFichier, taille } });
  if (envoi.status !== 201) return { envoi, statutS3: null };
  const form = new FormData();
  for (const [k, v] of Object.entries(envoi.body.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(octets)]), nomFichier);
  const r = await fetch(envoi.body.upload.url, { method: 'POST', body: form });
  await r.arrayBuffer();
  return { envoi, statutS3: r.status };
}

/** Follows an import job until it ends (the local stream runs it); the error report's text when there is one. */
export async function suivreJusquAuBout(api: Api, as: string, dossierId: string, importId: string, delaiMs = 120_000) {
  const etapes: any[] = [];
  const fin = Date.now() + delaiMs;
  for (;;) {
    const s = await api.get(`/dossiers/${dossierId}/participants/imports/${importId}`, { as });
    if (s.status !== 200) throw new Error(`suivi de l’import : ${s.status} ${JSON.stringify(s.body)}`);
    etapes.push(s.body);
    if (s.body.statut === 'terminee' || s.body.statut === 'echouee') {
      const rapport = s.body.urlRapport ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(s.body.urlRapport)).arrayBuffer()) : null;
      return { suivi: s.body, etapes, rapport };
    }
    if (Date.now() > fin) throw new Error(`import toujours ${s.body.statut} : ${JSON.stringify(s.body)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Upload, start, follow: the whole import of a file as a job. */
export async function importerEnTache(api: Api, as: string, dossierId: string, octets: Uint8Array, delaiMs?: number) {
  const { envoi, statutS3 } = await envoyerImport(api, as, dossierId, octets);
  if (envoi.status !== 201 || (statutS3 ?? 0) >= 300) throw new Error(`envoi : ${envoi.status} ${JSON.stringify(envoi.body)} / S3 ${statutS3}`);
  const r = await api.post(`/dossiers/${dossierId}/participants/imports/taches`, { as, body: { cle: envoi.body.cle, nomFichier: 'participants.csv' } });
  if (r.status !== 202) throw new Error(`lancement : ${r.status} ${JSON.stringify(r.body)}`);
  return { lancement: r.body, ...(await suivreJusquAuBout(api, as, dossierId, r.body.id, delaiMs)) };
}

const fr = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/**
 * A CSV of the FSE+ questionnaire: `n` valid distinct rows (birth dates a day apart), entered ten days ago; the rows
 * whose 1-based index is in `sansQ2` leave Q2 empty (« Q2 — réponse obligatoire »).
 */
export function csvFsePlus(n: number, sansQ2: readonly number[] = []): string {
  const entree = fr(new Date(Date.now() - 10 * 86_400_000));
  const lignes = [colonnes('FSEPLUS-2021-1057').join(';')];
  for (let i = 1; i <= n; i++) {
    const naissance = fr(new Date(Date.UTC(1970, 0, 1) + i * 86_400_000));
    lignes.push([
      'Tâche', `Prénom${i}`, naissance, i % 2 ? 'F' : 'H', 'Bordeaux', '33000', '3 rue Judaïque', '33000', 'Bordeaux', '', '', '', entree, entree, 'papier', 'France Travail',
      'non', 'non', 'non', 'non', 'non', 'oui', '12', sansQ2.includes(i) ? '' : '2b', 'non', 'non', 'non', 'nsp', 'non',
    ].join(';'));
  }
  return `${lignes.join('\r\n')}\r\n`;
}
