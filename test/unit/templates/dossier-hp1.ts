import { Dossier } from '#shared/schemas/dossier';
import { aapAgape } from './aap-agape';

export const REFERENCE_HP1 = 'AAP-AGAPE-2021-HP1-732829320';

/**
 * The dossier the document tests print: the Maison de l’Emploi du Haut Périgord on fiche HP1 of the AGAPE AAP,
 * deposited two milliseconds before midnight (Paris) on the DST day of 2027, with a small plan (45 600 € of staff,
 * 60 % FSE). Each test gives its statut, version and whatever else its document reads.
 */
export function dossierHp1(overrides: Partial<Dossier> & Pick<Dossier, 'statut' | 'version' | 'modifieLe'>): Dossier {
  const aap = aapAgape();
  const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
  return Dossier.parse({
    id: '01J0DOSSIERHP1000000000000A',
    reference: REFERENCE_HP1,
    aapId: aap.id,
    aapReference: aap.reference,
    oi: aap.organismeIntermediaire.sigle,
    ficheCode: fiche.code,
    ficheTitre: fiche.titre,
    plie: fiche.plie,
    organisationId: '01J0ORGANISATION0000000000A',
    organisationNom: 'Maison de l’Emploi et de la Formation du Haut Périgord',
    siret: '73282932000074',
    creeLe: '2027-03-01T08:15:00.000Z',
    creePar: 'chloe.dupre@mef-haut-perigord.fr',
    contenu: {
      intitule: 'Animation et coordination du PLIE du Haut Périgord — « l’accompagnement renforcé » 2027',
      description: { objectifs: 'Coordonner les parcours.', publicVise: 'DELD, bénéficiaires du RSA.', modalites: 'Référents.', territoire: 'Haut Périgord' },
      calendrier: { debut: '2027-01-01', fin: '2027-12-31' },
      indicateurs: [],
      planFinancement: {
        depenses: { personnel: [{ libelle: 'Coordinatrice du PLIE (1 ETP)', montantCentimes: 4_560_000 }], fonctionnement: [], prestations: [], participants: [] },
        indirects: { mode: 'aucun' },
        ressources: { fseCentimes: 2_736_000, cofinancements: [], autofinancementCentimes: 1_824_000, recettesCentimes: 0 },
      },
    },
    depot: { deposeLe: '2027-03-28T21:59:59.998Z', deposePar: 'chloe.dupre@mef-haut-perigord.fr', fuseau: 'Europe/Paris', empreinte: 'a'.repeat(64) },
    empreinteJournal: 'b'.repeat(64),
    ...overrides,
  });
}
