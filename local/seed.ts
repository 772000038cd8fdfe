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
import { plieRepository } from '#shared/repositories/plie-repository';
import { canonique } from '#shared/storage/documents';
import { migrerTout } from '#shared/repositories/migrations';
import { annuaireLocal, DEMO_USERS } from './demo-users';
import * as plies from '#shared/domain/plie/use-cases';
import { ContenuPlie } from '#shared/schemas/plie';
import * as z from 'zod';
import { organisationRepository } from '#shared/repositories/organisation-repository';
import { enregistrer } from '#shared/domain/organisation/use-cases';
import { Conflit } from '#shared/domain/errors';
import type { DemandeOrganisation } from '#shared/schemas/organisation';
import { InstantanePlie } from '#shared/schemas/consolidation';
import { consolidationRepository } from '#shared/repositories/consolidation-repository';
import { reconstruire, verifier } from '#shared/domain/consolidation/agregats';
import { contexteAgregats } from '#shared/http/contexte-agregats';

export const REFERENCE_AGAPE = 'AAP-AGAPE-2021';
export const REFERENCE_DEMO = 'AAP-DEMO-FSEPLUS';

const OI_DEMO: Actor = { userId: 'demo-oi-admin', email: 'oi@guichet.test', roles: ['oi-admin'], oi: 'AGAPE', prenom: 'Claire', nom: 'Martin' };

const lireData = (fichier: string): unknown => JSON.parse(readFileSync(join(resolve(import.meta.dirname, '..'), 'data', fichier), 'utf8'));

export function lireAgape(): ImportAap {
  return ImportAap.parse(lireData('aap-agape-2021.json'));
}

const FichierPlies = z.object({ oi: z.string(), plies: z.array(ContenuPlie.extend({ id: z.string() })) });

/** The seven PLIE of seed 002, as the AGAPE keeps them (`data/plies-agape.json`). */
export const lirePliesAgape = () => FichierPlies.parse(lireData('plies-agape.json'));

/**
 * The PLIE of other OIs, one OI each (`data/plies-autres.json`): Mulhouse (seed 004, run by the MEF Mulhouse Sud Alsace)
 * and Dijon (seed 003, run by the GIP Creativ’), whose exit rules are seeded too (shared/domain/sortie/regles-plie.ts).
 */
export const lirePliesAutres = () => z.array(FichierPlies).parse(lireData('plies-autres.json'));

/** The demo admin of an OI (local/demo-users.ts): the seed writes the OI's PLIE as that person would. */
function adminDemo(oi: string): Actor {
  const u = DEMO_USERS.find((d) => d.oi === oi && d.roles.includes('oi-admin'));
  if (!u) throw new Error(`Aucun compte de démonstration n’administre l’OI ${oi}.`);
  return { userId: u.sub, email: u.email, roles: [...u.roles], oi, prenom: u.prenom, nom: u.nom };
}

/** The OS of the FSE+ regulation the PLIE fall under: inclusion active (Reg. 2021/1057, art. 4(1)(h)). */
const OS_FSE_PLUS_H = {
  code: 'OS-h',
  libelle:
    'Favoriser l’inclusion active afin de promouvoir l’égalité des chances, la non-discrimination et la participation active, et améliorer l’aptitude à l’emploi, en particulier pour les groupes défavorisés (règlement (UE) 2021/1057, art. 4, paragraphe 1, point h)',
};

const dateLocale = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(d);

/** The AGAPE fiches moved to next year under FSE+, with a dépôt open now and closing in 60 days. */
export function aapDemo(maintenant: Date): ImportAap {
  // The demo is not an archive: it has no source history of its own.
  const { historique: _archive, ...agape } = lireAgape();
  const annee = Number(dateLocale(maintenant).slice(0, 4)) + 1;
  return {
    ...agape,
    reference: REFERENCE_DEMO,
    titre: `Appel à projets ${annee} — FSE+ 2021-2027 — inclusion active des publics éloignés de l’emploi (démonstration)`,
    // FSE+ has no objectif thématique nor priorité d'investissement: its specific objectives are those of art. 4(1).
    programme: {
      code: 'FSE-PLUS-2021-2027',
      libelle: 'Programme national FSE+ « Emploi-Inclusion-Jeunesse-Compétences » 2021-2027',
      axe: '1',
      axeLibelle: 'Favoriser l’inclusion active des personnes les plus éloignées du marché du travail',
      objectifThematique: undefined,
      prioriteInvestissement: undefined,
      objectifsSpecifiques: [OS_FSE_PLUS_H],
      tauxForfaitaires: [],
    },
    selection: {
      ...agape.selection,
      criteresCommuns: [
        'Capacité à répondre à l’objectif spécifique h) du FSE+ (inclusion active) et à ses déclinaisons par PLIE',
        ...agape.selection.criteresCommuns.slice(1),
      ],
    },
    sections: [],
    notesInternes: [
      'Appel à projets de démonstration : fiches de l’AGAPE 2021 transposées au FSE+ 2021-2027 ; enveloppe et dates fictives.',
    ],
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
    // The fiches' contexte quotes the 2014-2020 PON: the demo keeps their objectives, modalities and results only.
    fiches: agape.fiches.map((f) => ({
      ...f,
      objectifsSpecifiques: [OS_FSE_PLUS_H.code],
      contexte: null,
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
    const actor: Actor = { userId: o.sub, email: o.email, roles: ['porteur'], oi: null, prenom: null, nom: null };
    if ((await organisationRepository.organisationsDe(actor)).length > 0) continue;
    try {
      await enregistrer({ store: organisationRepository, maintenant }, actor, o.organisation, ulid());
    } catch (e) {
      if (!(e instanceof Conflit)) throw e;
    }
  }
}

/**
 * The AGAPE's PLIE and those of the other OIs: reference data, written on every start (even without demo data), once
 * (a restart finds them there). AAPs name PLIE by id, so no AAP can be written before them.
 */
export async function referentielPlies(maintenant = new Date()): Promise<void> {
  const ctx = { store: plieRepository, maintenant };
  const fichiers = [
    { ...lirePliesAgape(), admin: OI_DEMO },
    ...lirePliesAutres().map((f) => ({ ...f, admin: adminDemo(f.oi) })),
  ];
  for (const { plies: liste, admin } of fichiers) {
    for (const { id, ...contenu } of liste) {
      if (await plieRepository.lire(id)) continue;
      await plies.enregistrer(ctx, admin, id, contenu, null).catch((e) => {
        if (!(e instanceof Conflit)) throw e;
      });
    }
  }
  // Data kept from an earlier version (`.local/` survives restarts) brought to the current shapes: the migrations that
  // run after each deployment on AWS (functions/systeme/migrer.ts), over every OI.
  const { brouillons, parOi } = await migrerTout(annuaireLocal);
  const total = (k: string) => Object.values(parOi).reduce((s, x) => s + (x[k] ?? 0), 0);
  const messages: Array<[number, string]> = [
    [total('plies-par-nom'), 'appel(s) à projets mis à jour : PLIE désignés par identifiant.'],
    [brouillons ?? 0, 'brouillon(s) indexé(s) pour les rappels de clôture.'],
    [total('dossiers-par-statut'), 'dossier(s) déposé(s) indexé(s) par statut.'],
    [total('dossiers-par-filtres'), 'dossier(s) indexé(s) pour les filtres de la liste (organisation, PLIE).'],
    [total('comites-par-email'), 'comité(s) mis à jour : membres désignés par identifiant de compte.'],
  ];
  for (const [n, texte] of messages) if (n > 0) console.log(`${n} ${texte}`);
}

export async function seed(maintenant = new Date()): Promise<{ agape: Aap; demo: Aap }> {
  const ctx: aaps.Contexte = { store: aapRepository, plies: plieRepository, maintenant };
  const agape = await importerEtPublier(ctx, lireAgape(), true);
  const demo = await importerEtPublier(ctx, aapDemo(maintenant), false);
  await organisationsDemo(maintenant);
  await consolidationDemo(maintenant);
  await agregatsDemo();
  return { agape, demo };
}

/**
 * The PLIE-year counters of the current year's live report, checked against the participant records before the
 * stream is read (nothing writes meanwhile): data kept in `.local/` from before they were maintained, or whose stream
 * records DynamoDB Local no longer holds (24 hours), is rebuilt; the demo's later participants come through the stream.
 */
export async function agregatsDemo(): Promise<void> {
  const ctx = contexteAgregats();
  for (const p of await plieRepository.listerPourOi(OI_DEMO.oi!)) {
    if ((await verifier(ctx, p.oi, p.id)).concordent) continue;
    const r = await reconstruire(ctx, p.oi, p.id);
    console.log(`Compteurs du ${p.nom} reconstruits à partir de ${r.participants} participant(s).`);
  }
}

/** The 2006 national consolidation of seed 000, shipped as a snapshot the AGAPE OI reads (once: kept across restarts). */
export async function consolidationDemo(maintenant = new Date()): Promise<void> {
  const i = InstantanePlie.parse(lireData('consolidation-plie-2006.json'));
  const deja = (await consolidationRepository.annee(OI_DEMO.oi!, i.annee)).find((x) => x.plie === i.plie);
  // Kept across restarts; a later version of the shipped figures (more of the seed's tables) replaces the one shipped
  // before, never what an OI imported itself for that PLIE-year.
  if (deja) {
    const { oi: _o, importe, ...contenu } = deja;
    if (importe.par !== 'seed' || canonique(InstantanePlie.parse(contenu)) === canonique(i)) return;
  }
  await consolidationRepository.ecrire([{ ...i, oi: OI_DEMO.oi!, importe: { le: maintenant.toISOString(), par: 'seed', nom: 'Consolidation nationale des PLIE (Alliance Villes Emploi)' } }]);
}
