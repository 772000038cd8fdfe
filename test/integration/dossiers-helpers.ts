import { randomUUID } from 'node:crypto';
import { siretDepuis } from '#shared/domain/organisation/siret';
import type { client } from './helpers';

type Api = ReturnType<typeof client>;

/** A Luhn-valid SIRET from 13 digits. */
export const siret = siretDepuis;

let compteur = 0;
export const siretUnique = () => siret(`${Date.now()}`.slice(-8) + String(++compteur).padStart(5, '0'));

export async function organisation(api: Api, as: string, nom = 'Association Cap Emploi') {
  const r = await api.post('/organisations', {
    as,
    body: {
      siret: siretUnique(),
      raisonSociale: nom,
      statutJuridique: 'association',
      adresse: { ligne1: '12 rue des Cornières', codePostal: '47000', commune: 'Agen' },
    },
  });
  if (r.status !== 201) throw new Error(`organisation: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: string; siret: string };
}

/** The open demo AAP of the seed. */
export async function aapOuvert(api: Api): Promise<{ id: string; reference: string }> {
  const r = await api.get('/aaps?statut=publie&limit=100');
  const aap = r.body.items.find((a: { reference: string }) => a.reference === 'AAP-DEMO-FSEPLUS');
  if (!aap) throw new Error('AAP de démonstration absent');
  return aap;
}

/** A balanced plan: personnel P, 7 % forfait, FSE `fsePct` of the total, the rest as counted cofinancing. */
export function planEquilibre(personnelCentimes: number, fseCentimes: number, options: { option?: string } = {}) {
  const indirects = Math.floor((personnelCentimes * 7) / 100);
  const total = personnelCentimes + indirects;
  return {
    depenses: { personnel: [{ libelle: 'Conseillère en insertion (1 ETP)', montantCentimes: personnelCentimes }], fonctionnement: [], prestations: [], participants: [] },
    indirects: { mode: 'forfait', option: options.option ?? 'FORFAIT_7_DIRECTS' },
    ressources: {
      fseCentimes,
      cofinancements: [{ financeur: 'Conseil départemental', nature: 'public', contrepartieFse: true, attestation: 'obtenue', montantCentimes: total - fseCentimes }],
      autofinancementCentimes: 0,
      recettesCentimes: 0,
    },
  };
}

/** A complete draft content for `dossier` (as returned by POST /dossiers), with the given plan. */
export function complet(dossier: { contenu: Record<string, any> }, plan: unknown) {
  return {
    ...dossier.contenu,
    description: {
      objectifs: 'Accompagner 60 participants vers l’emploi durable.',
      publicVise: 'Demandeurs d’emploi de longue durée, allocataires du RSA.',
      modalites: 'Entretiens individuels hebdomadaires, ateliers collectifs, mises en situation.',
      territoire: 'Agglomération d’Agen',
    },
    indicateurs: dossier.contenu.indicateurs.map((i: { valeurPrevue: number | null }) => ({ ...i, valeurPrevue: i.valeurPrevue ?? 10 })),
    planFinancement: plan,
  };
}

export const cle = () => `depot-${randomUUID()}`;
