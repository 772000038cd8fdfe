/** `node --import tsx infra/bundler-cli.ts <handler> <outdir>`: one handler bundled as deployed (infra/bundling.ts). */
import { bundler } from '#infra/bundling';

const [entree, sortie] = process.argv.slice(2);
if (!entree || !sortie) throw new Error('Usage : bundler-cli.ts <handler> <dossier de sortie>');
await bundler(entree, sortie);
