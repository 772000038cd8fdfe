/** Fixtures shared by the domain unit tests: actors, an organisation, the demo AAP published, error codes. */
import type { Actor } from '#shared/auth/roles';
import * as regles from '#shared/domain/aap/aap';
import { DomainError } from '#shared/domain/errors';
import { ContenuAap } from '#shared/schemas/aap';
import type { Plie } from '#shared/schemas/plie';
import { validerContenu } from '#shared/domain/aap/validation';
import { aapDemo, lirePliesAgape } from '#local/seed';

export const T0 = new Date('2026-11-01T10:00:00Z');
export const OI: Actor = { userId: 'oi', email: 'oi@guichet.test', roles: ['oi-admin'], oi: 'AGAPE', prenom: null, nom: null };
export const PORTEUR: Actor = { userId: 'p', email: 'porteur@guichet.test', roles: ['porteur'], oi: null, prenom: null, nom: null };
export const ORG = {
  id: 'ORG1', siret: '73282932000074', raisonSociale: 'Cap Emploi', statutJuridique: 'association' as const,
  adresse: { ligne1: '1 rue', codePostal: '47000', commune: 'Agen' }, creeLe: '', creePar: '', version: 1,
};

/** The AGAPE's seven PLIE, as the OI registers them. */
export const PLIES_AGAPE: Plie[] = lirePliesAgape().plies.map((p) => ({ ...p, oi: 'AGAPE', version: 1, modifieLe: T0.toISOString() }));

/** A content as the use cases hand it to the rules: checked against the programme table and the OI's PLIE. */
export const verifie = (contenu: ContenuAap) => ({ contenu, ...validerContenu(contenu, PLIES_AGAPE) });

/** The open demo AAP (FSE+, the AGAPE fiches), published at T0. */
export const aapPublie = () =>
  regles.publier(regles.nouveauBrouillon(verifie(ContenuAap.parse(aapDemo(T0))), { actor: OI, id: 'AAP1', maintenant: T0 }), { actor: OI, maintenant: T0, archive: false });

/** The code of the domain error `f` throws, or null when it does not throw. */
export function codeDe(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}
