import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { depuisImport } from '#shared/domain/aap/aap';
import { Aap, ImportAap } from '#shared/schemas/aap';
import { ContenuPlie, Plie } from '#shared/schemas/plie';

const lire = (fichier: string): unknown => JSON.parse(readFileSync(new URL(`../../../data/${fichier}`, import.meta.url), 'utf8'));

const FichierPlies = z.object({ oi: z.string(), plies: z.array(ContenuPlie.extend({ id: z.string() })) });

/** The seven PLIE of the AGAPE as the platform stores them (`data/plies-agape.json`). */
export function pliesAgape(): Plie[] {
  const { oi, plies } = FichierPlies.parse(lire('plies-agape.json'));
  return plies.map((p) => Plie.parse({ ...p, oi, version: 1, modifieLe: '2021-01-15T09:00:00.000Z' }));
}

/**
 * The AGAPE 2021 AAP as the platform stores it once imported and published as an archive: the exchange file parsed
 * with `ImportAap` and converted by the domain (`depuisImport`), its PLIE referenced by name, no publication date
 * (the source gives none), one publication since the draft (lock version 2) and no rectificatif. Its internal notes
 * are kept, so that tests prove the documents never print them.
 */
export function aapAgape(overrides: Partial<Aap> = {}): Aap {
  const { contenu, historique } = depuisImport(ImportAap.parse(lire('aap-agape-2021.json')));
  const plies = new Map(pliesAgape().map((p) => [p.id, p]));
  const referencesPlies = contenu.plies.map((id) => ({ id, nom: plies.get(id)?.nom ?? id, siteWeb: plies.get(id)?.siteWeb ?? null }));
  return Aap.parse({
    ...contenu,
    referencesPlies,
    historique,
    id: '01HAGAPE2021000000000000AA',
    statut: 'clos',
    version: 2,
    creeLe: '2021-01-15T09:00:00.000Z',
    modifieLe: '2021-01-20T09:00:00.000Z',
    publieLe: null,
    ouvertureLe: null,
    clotureLe: '2021-12-31T22:59:00.000Z',
    nombreRectificatifs: 0,
    ...overrides,
  });
}
