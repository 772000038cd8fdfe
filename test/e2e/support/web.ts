import { join, resolve } from 'node:path';

export { construireWebSiBesoin } from '#local/build-web';

export const DONNEES_AGAPE = join(resolve(import.meta.dirname, '..', '..', '..'), 'data', 'aap-agape-2021.json');
