import { piecesObligatoires, type ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { siretDepuis } from '#shared/domain/organisation/siret';
import { accuse } from '#shared/domain/dossier/use-cases';
import { contexteDossier } from '#shared/http/contexte';
import { renderAccuseDepot } from '#templates/accuse-depot';
import { mesurer, stats } from './stats';

export const PORTEUR = 'porteur@guichet.test';

/** n complete, balanced drafts (fiche GP2, no cofinancing rule) ready to deposit, one per fresh organisation. */
export async function brouillons(api: ClientApi, aapId: string, n: number, decalage = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const siret = siretDepuis(`9${String(i + decalage).padStart(12, '0')}`);
    const org = await api.appel<{ id: string }>(PORTEUR, 'POST', '/organisations', { siret, raisonSociale: `Banc ${i}`, statutJuridique: 'association', adresse: { ligne1: '1 rue', codePostal: '47000', commune: 'Agen' } });
    const d = await api.appel<{ id: string; contenu: { indicateurs: Array<{ valeurPrevue: number | null }> } }>(PORTEUR, 'POST', '/dossiers', { aapId, ficheCode: 'GP2', organisationId: org.id });
    await piecesObligatoires(api, PORTEUR, d.id);
    await api.appel(PORTEUR, 'PUT', `/dossiers/${d.id}`, {
      ...d.contenu,
      description: { objectifs: 'o', publicVise: 'p', modalites: 'm', territoire: 't' },
      indicateurs: d.contenu.indicateurs.map((x) => ({ ...x, valeurPrevue: x.valeurPrevue ?? 1 })),
      planFinancement: {
        depenses: { personnel: [{ libelle: 'ETP', montantCentimes: 1_000_000 }], fonctionnement: [], prestations: [], participants: [] },
        indirects: { mode: 'forfait', option: 'FORFAIT_7_DIRECTS' },
        ressources: { fseCentimes: 535_000, cofinancements: [], autofinancementCentimes: 535_000, recettesCentimes: 0 },
      },
    }, { 'if-match': '1' });
    ids.push(d.id);
  }
  return ids;
}

export async function aapDemoId(g: Guichet): Promise<string> {
  const aaps = (await (await fetch(`${g.url}/api/aaps?statut=publie`)).json()) as { items: Array<{ id: string; reference: string }> };
  const aap = aaps.items.find((a) => a.reference === 'AAP-DEMO-FSEPLUS');
  if (!aap) throw new Error('AAP de démonstration absent');
  return aap.id;
}

/** The accusé de dépôt's render time, on a deposited draft (the dépôt itself against its floor: ./requetes.ts). */
export async function benchDepot(g: Guichet, api: ClientApi) {
  const [id] = await brouillons(api, await aapDemoId(g), 1);
  await api.appel(PORTEUR, 'POST', `/dossiers/${id}/depot`, undefined, { 'idempotency-key': `bench-accuse-${Date.now()}` });
  const ctx = contexteDossier({ maintenant: new Date(), nouvelId: () => 'x' });
  const donnees = await accuse(ctx, { userId: 'demo-porteur', email: PORTEUR, roles: ['porteur'], oi: null, prenom: null, nom: null }, id!);
  const rendu = stats(await mesurer(50, () => renderAccuseDepot(donnees), 5));
  return { accuseDepot: rendu };
}
