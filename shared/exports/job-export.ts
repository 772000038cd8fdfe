/**
 * Runs an export job: the rows page after page into a file under /tmp (one page in memory), progress recorded per
 * page, the file put in the bucket under `exports/<oi>/<jobId>.<ext>`, the job marked done (or failed, with a French
 * reason). The same code runs on AWS (the table stream's event source mapping) and locally (local/flux-dynamo.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName } from '../config';
import { COLONNES, pagesExport, type ContexteExport } from '../domain/dossier/export';
import { FORMATS_EXPORT, type TacheExport } from '../schemas/export';
import { s3 } from '../storage/s3';
import { ecrivain } from './tableur';

export const cleExport = (t: Pick<TacheExport, 'oi' | 'id' | 'demande'>) => `exports/${t.oi}/${t.id}.${FORMATS_EXPORT[t.demande.format].extension}`;

export async function produireExport(ctx: ContexteExport, t: TacheExport): Promise<void> {
  if (t.etat !== 'en_attente') return; // a redelivered record: the job already ran or runs
  const chemin = join(tmpdir(), `export-${randomUUID()}`);
  try {
    const sortie = ecrivain(t.demande.format, chemin, COLONNES, 'Dossiers');
    let lignes = 0;
    await ctx.exports.avancer(t.id, 0);
    for await (const page of pagesExport(ctx, t)) {
      await sortie.ajouter(page);
      lignes += page.length;
      await ctx.exports.avancer(t.id, lignes);
    }
    await sortie.terminer();
    const cle = cleExport(t);
    await s3().send(new PutObjectCommand({
      Bucket: bucketName(), Key: cle, Body: await readFile(chemin), ContentType: FORMATS_EXPORT[t.demande.format].typeContenu,
    }));
    await ctx.exports.terminer(t.id, { lignes, cle, termineLe: new Date().toISOString() });
  } catch (e) {
    await ctx.exports.echouer(t.id, 'L’export a échoué. Relancez-le ; si l’échec se répète, signalez-le au support.', new Date().toISOString());
    throw e;
  } finally {
    await rm(chemin, { force: true });
  }
}
