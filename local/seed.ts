/**
 * Demo data, seeded through the same use cases as the API and idempotent on the AAP référence, so restarts never
 * duplicate anything: the real AGAPE 2021 AAP (published as an archive, closed since 31/12/2021) and an open
 * FSE+ 2021-2027 demo AAP built from the same fiches, closing 60 days after the first start.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ulid } from 'ulid';
import type { Actor } from '#shared/auth/roles';
import { ImportAap, type Aap } from '#shared/schemas/aap';
import * as aaps from '#shared/domain/aap/use-cases';
import { aapRepository } from '#shared/repositories/aap-repository';
import { organisationRepository } from '#shared/repositories/organisation-repository';
import { enregistrer } from '#shared/domain/organisation/use-cases';
import { Conflit } from '#shared/domain/errors';
import type { DemandeOrganisation } from '#shared/schemas/organisation';

export const REFERENCE_AGAPE = 'AAP-AGAPE-2021';
export const REFERENCE_DEMO = 'AAP-DEMO-FSEPLUS';

const OI_DEMO: Actor = { userId: 'demo-oi-admin', email: 'oi@guichet.test', roles: ['oi-admin'], oi: 'AGAPE' };

export function lireAgape(): ImportAap {
  const chemin = join(resolve(import.meta.dirname, '..'), 'data', 'aap-agape-2021.json');
  return ImportAap.parse(JSON.parse(readFileSync(chemin, 'utf8')));
}

const dateLocale = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(d);

/** The AGAPE fiches moved to next year under FSE+, with a dépôt open now and closing in 60 days. */
export function aapDemo(maintenant: Date): ImportAap {
  const agape = lireAgape();
  const annee = Number(dateLocale(maintenant).slice(0, 4)) + 1;
  return {
    ...agape,
    reference: REFERENCE_DEMO,
    titre: `Appel à projets ${annee} — FSE+ 2021-2027 — inclusion active des publics éloignés de l’emploi (démonstration)`,
    programme: {
      ...agape.programme,
      code: 'FSE-PLUS-2021-2027',
      libelle: 'Programme national FSE+ « Emploi-Inclusion-Jeunesse-Compétences » 2021-2027',
      axe: '1',
      axeLibelle: 'Favoriser l’inclusion active des personnes les plus éloignées du marché du travail',
    },
    enveloppeFseCentimes: 2_450_000_00,
    depot: {
      ...agape.depot,
      plateforme: 'Guichet',
      ouverture: null,
      modalitesOuverture: 'à la publication de l’appel à projets',
      cloture: { date: dateLocale(new Date(maintenant.getTime() + 60 * 86_400_000)), heure: '23:59', fuseau: 'Europe/Paris' },
      texte: 'Un dossier de demande de subvention par fiche opération, déposé sur Guichet avant la clôture.',
    },
    source: undefined,
    fiches: agape.fiches.map((f) => ({
      ...f,
      periode: { debut: `${annee}-01-01`, fin: `${annee}-12-31`, texte: `Opérations conduites du 1er janvier au 31 décembre ${annee}.` },
    })),
  };
}

async function importerEtPublier(ctx: aaps.Contexte, entree: ImportAap, archive: boolean): Promise<Aap> {
  const { aap } = await aaps.importer(ctx, OI_DEMO, entree, ulid());
  if (aap.statut !== 'brouillon') return aap;
  return aaps.publier(ctx, OI_DEMO, aap.id, archive);
}

/** One organisation for each demo porteur (fixed, Luhn-valid SIRET: a restart finds them already there). */
export const ORGANISATIONS_DEMO: Array<{ email: string; sub: string; organisation: DemandeOrganisation }> = [
  {
    email: 'porteur@guichet.test',
    sub: 'demo-porteur',
    organisation: {
      siret: '44306184100047',
      raisonSociale: 'Association Cap Emploi Agenais',
      statutJuridique: 'association',
      adresse: { ligne1: '8 boulevard de la République', codePostal: '47000', commune: 'Agen' },
    },
  },
  {
    email: 'porteur2@guichet.test',
    sub: 'demo-porteur2',
    organisation: {
      siret: '50132445800022',
      raisonSociale: 'Régie de quartier Bordeaux Nord',
      statutJuridique: 'structure_insertion',
      adresse: { ligne1: '21 rue du Jardin Public', codePostal: '33000', commune: 'Bordeaux' },
    },
  },
];

async function organisationsDemo(maintenant: Date): Promise<void> {
  for (const o of ORGANISATIONS_DEMO) {
    const actor: Actor = { userId: o.sub, email: o.email, roles: ['porteur'], oi: null };
    if ((await organisationRepository.organisationsDe(o.email)).length > 0) continue;
    try {
      await enregistrer({ store: organisationRepository, maintenant }, actor, o.organisation, ulid());
    } catch (e) {
      if (!(e instanceof Conflit)) throw e;
    }
  }
}

export async function seed(maintenant = new Date()): Promise<{ agape: Aap; demo: Aap }> {
  const ctx: aaps.Contexte = { store: aapRepository, maintenant };
  const agape = await importerEtPublier(ctx, lireAgape(), true);
  const demo = await importerEtPublier(ctx, aapDemo(maintenant), false);
  await organisationsDemo(maintenant);
  return { agape, demo };
}
