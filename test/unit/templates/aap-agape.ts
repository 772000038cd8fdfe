import { readFileSync } from 'node:fs';
import { Aap, ImportAap } from '#shared/schemas/aap';

const SOURCE = new URL('../../../data/aap-agape-2021.json', import.meta.url);

/**
 * The AGAPE 2021 AAP as the platform stores it once imported and closed: the exchange file parsed with `ImportAap`,
 * its textual `depot.ouverture` moved to `modalitesOuverture`, plus the stored fields of `Aap`.
 */
export function aapAgape(overrides: Partial<Aap> = {}): Aap {
  const contenu = ImportAap.parse(JSON.parse(readFileSync(SOURCE, 'utf8')));
  const { ouverture } = contenu.depot;
  const depot =
    typeof ouverture === 'string'
      ? { ...contenu.depot, ouverture: null, modalitesOuverture: ouverture }
      : { ...contenu.depot, ouverture };
  return Aap.parse({
    ...contenu,
    depot,
    id: '01HAGAPE2021000000000000AA',
    statut: 'clos',
    version: 1,
    creeLe: '2021-01-15T09:00:00.000Z',
    modifieLe: '2021-01-20T09:00:00.000Z',
    publieLe: '2021-01-20T09:00:00.000Z',
    ouvertureLe: '2021-01-20T09:00:00.000Z',
    clotureLe: '2021-12-31T22:59:00.000Z',
    nombreRectificatifs: 0,
    ...overrides,
  });
}
