/**
 * The rebuild command of the PLIE-year counters (issue 16): recomputes them from the participant records with bounded
 * Queries (the OI's dossiers by statut, then each dossier's participants — never a Scan), reports whether the
 * maintained values agreed, and writes the recomputed ones (`--verifier`: compare only, write nothing).
 *
 *   npx tsx local/reconstruire-consolidation.ts [--oi AGAPE] [--plie bordeaux] [--verifier]
 *
 * Against a running stack: GUICHET_DYNAMODB_ENDPOINT (DynamoDB Local) or AWS credentials, and TABLE_NAME. Without an
 * endpoint nor a table name, the demo's data (`.local/`, or GUICHET_DATA_DIR) is opened with its own DynamoDB Local:
 * stop `npm start` first.
 */
import { join, resolve } from 'node:path';
import { reconstruire, verifier } from '#shared/domain/consolidation/agregats';
import { contexteAgregats } from '#shared/http/contexte-agregats';
import { plieRepository } from '#shared/repositories/plie-repository';
import { resetConfigForLocalRuntime } from '#shared/config';
import { demarrerDynamo } from './services';

const args = process.argv.slice(2);
const option = (nom: string) => {
  const i = args.indexOf(`--${nom}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const oi = option('oi') ?? 'AGAPE';
const seulement = option('plie');
const verifierSeulement = args.includes('--verifier');

let arret: (() => Promise<void>) | undefined;
if (!process.env.GUICHET_DYNAMODB_ENDPOINT && !process.env.TABLE_NAME) {
  const d = await demarrerDynamo({ dossier: join(resolve(process.env.GUICHET_DATA_DIR ?? join(import.meta.dirname, '..', '.local')), 'dynamodb') });
  arret = d.stop;
  Object.assign(process.env, { GUICHET_DYNAMODB_ENDPOINT: d.endpoint, TABLE_NAME: 'guichet' });
  resetConfigForLocalRuntime();
}

try {
  const ctx = contexteAgregats();
  const plies = seulement ? [seulement] : (await plieRepository.listerPourOi(oi)).map((p) => p.id);
  let ecarts = 0;
  for (const plie of plies) {
    const v = await verifier(ctx, oi, plie);
    if (!v.concordent) ecarts++;
    console.log(`${oi} / ${plie} : compteurs maintenus ${v.concordent ? 'conformes au' : 'différents du'} recalcul${v.concordent ? '' : ` (maintenus ${JSON.stringify(v.maintenus)}, recalculés ${JSON.stringify(v.recalcules)})`}.`);
    if (!verifierSeulement && !v.concordent) {
      const r = await reconstruire(ctx, oi, plie);
      console.log(`  reconstruits : ${r.participants} participant(s) de ${r.dossiers} dossier(s), années ${r.annees.join(', ') || 'aucune'}.`);
    }
  }
  process.exitCode = verifierSeulement && ecarts ? 1 : 0;
} finally {
  await arret?.();
}
