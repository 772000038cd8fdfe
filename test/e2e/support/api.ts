/** Direct API calls for test setup: what the browser does not need to show is prepared through the API. */
import { ClientApi, piecesObligatoires } from '#local/client-api';
import { siretAleatoire } from './porteur';

export { ClientApi, piecesObligatoires };

/**
 * 41 000 € of staff costs and the 40 % flat rate (16 400 €): 57 400 €, under the FSE+ threshold of 200 000 € where
 * simplified costs are mandatory. FSE 80 %, one counted cofinancing (`cofinancement` cents).
 */
export function planFseplus(fse = 4_592_000, cofinancement = 1_148_000) {
  return {
    depenses: {
      personnel: [{ libelle: 'Conseillère en insertion (1 ETP)', montantCentimes: 3_200_000 }, { libelle: 'Coordinatrice (0,2 ETP)', montantCentimes: 900_000 }],
      fonctionnement: [],
      prestations: [],
      participants: [],
      remunerationsParticipants: [],
    },
    personnelForfaitaire: null,
    indirects: { mode: 'forfait', option: 'FORFAIT_40_PERSONNEL' },
    ressources: {
      fseCentimes: fse,
      cofinancements: [{ financeur: 'Conseil départemental de Lot-et-Garonne', nature: 'public', contrepartieFse: true, attestation: 'obtenue', montantCentimes: cofinancement }],
      autofinancementCentimes: 0,
      recettesCentimes: 0,
    },
  };
}

type Brouillon = { id: string; reference: string; version: number; contenu: Record<string, unknown> & { indicateurs: object[] } };

/** Saves a complete content (description, indicators, plan) on a fresh draft (version 1). */
export function remplir(api: ClientApi, email: string, d: Brouillon, plan: unknown = planFseplus()) {
  return api.appel<Brouillon>(email, 'PUT', `/dossiers/${d.id}`, {
    ...d.contenu,
    description: { objectifs: 'Accompagner 60 participants vers l’emploi durable.', publicVise: 'Demandeurs d’emploi de longue durée.', modalites: 'Entretiens individuels, ateliers collectifs.', territoire: 'Agglomération d’Agen' },
    indicateurs: d.contenu.indicateurs.map((i) => ({ ...i, valeurPrevue: 10 })),
    planFinancement: plan,
  }, { 'if-match': `"${d.version}"` });
}

/** A new porteur's organisation and a deposited dossier on `fiche` of the AAP `aapId`. */
export async function dossierDepose(url: string, email: string, aapId: string, fiche: string) {
  const api = new ClientApi(`${url}/api`);
  const org = await api.appel<{ id: string; raisonSociale: string }>(email, 'POST', '/organisations', {
    siret: siretAleatoire(), raisonSociale: `Atelier ${fiche} ${email.slice(8, 12)}`, statutJuridique: 'entreprise',
    adresse: { ligne1: '5 cours de l’Intendance', codePostal: '33000', commune: 'Bordeaux' },
  });
  const d = await api.appel<Brouillon>(email, 'POST', '/dossiers', { aapId, ficheCode: fiche, organisationId: org.id });
  await remplir(api, email, d);
  await piecesObligatoires(api, email, d.id);
  const depose = await api.appel<Brouillon>(email, 'POST', `/dossiers/${d.id}/depot`, undefined, { 'idempotency-key': `e2e-${d.id}` });
  return { dossier: depose, organisation: org };
}
