/**
 * Bilans to deposit and payment deadlines, on a dossier conventioned through the API: the due-date line of the OI's
 * tableau de bord, and the daily reminders run by hand at chosen dates, read back from the mail catcher.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { rappels } from '#functions/notifications/rappels-bilans';
import { aujourdhui, conventionEnvoyee, dossierProgramme, GESTIONNAIRE, OI, P1 } from './comite-helpers';
import { aapOuvert } from './dossiers-helpers';
import { attendreCourriel, courriels } from './boite-mail-helpers';
import { client, demarrerGuichet } from './helpers';
import { ClientApi, piecesRealisation } from '#local/client-api';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
}, 120_000);
afterAll(async () => g?.stop());

type Echeance = { numero: number; nature: 'intermediaire' | 'final'; echeance: string };
type LigneBilan = { dossierId: string; etape: string; numero: number | null; nature: string | null; deposerAvant: string | null; payerAvant: string | null; enRetard: boolean };

const fr = (iso: string) => iso.split('-').reverse().join('/');
const echapper = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const decaler = (iso: string, jours: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + jours * 86_400_000).toISOString().slice(0, 10);
/** The job's run at 08:00, Paris time, on a local date. */
const le = (iso: string) => new Date(`${iso}T07:00:00Z`);
const attendre = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const libelle = (e: Pick<Echeance, 'numero' | 'nature'>) => `n° ${e.numero} (${e.nature === 'final' ? 'final' : 'intermédiaire'})`;

async function tableauDeBord(dossierId: string): Promise<LigneBilan[]> {
  const r = await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE });
  expect(r.status).toBe(200);
  return (r.body.bilans as LigneBilan[]).filter((l) => l.dossierId === dossierId);
}

describe('bilans to deposit and payment deadlines', () => {
  let d: { id: string; reference: string; version: number };
  let calendrier: Echeance[];
  let premier: Echeance;
  let payerAvant: string;

  it('lists the next bilan to deposit on the OI’s tableau de bord once the convention is in force, with its due date', async () => {
    d = await dossierProgramme(api, aap.id, 856_000, 856_000);
    expect(await tableauDeBord(d.id)).toEqual([]);
    const sha256 = await conventionEnvoyee(api, d);
    expect((await api.post(`/dossiers/${d.id}/convention/signatures`, { as: P1, body: { numero: 1, sha256, qualite: 'Présidente' } })).status).toBe(200);
    // Signed by the porteur only: not in force, nothing to deposit yet.
    expect((await tableauDeBord(d.id)).filter((l) => l.etape === 'a_deposer')).toEqual([]);
    const oi = await api.post(`/dossiers/${d.id}/convention/signatures`, { as: OI, body: { numero: 1, sha256, qualite: 'Directrice' } });
    expect(oi.status).toBe(200);
    expect(oi.body.suivi.echeances.length).toBeGreaterThan(0);

    const lus = await api.get(`/dossiers/${d.id}/bilans`, { as: P1 });
    calendrier = (lus.body.echeances as Echeance[]).map((x) => ({ numero: x.numero, nature: x.nature, echeance: x.echeance }));
    expect(oi.body.suivi.echeances).toEqual(calendrier);
    premier = calendrier[0]!;
    expect(premier.echeance > aujourdhui()).toBe(true);
    expect(await tableauDeBord(d.id)).toEqual([
      { dossierId: d.id, reference: d.reference, organisationNom: expect.any(String), intitule: expect.any(String), etape: 'a_deposer', numero: premier.numero, nature: premier.nature, nombre: null, deposerAvant: premier.echeance, payerAvant: null, enRetard: false },
    ].map((x) => expect.objectContaining(x)));
  }, 180_000);

  it('e-mails the porteur 15 days before the due date, once however often the job runs', async () => {
    const sujet = new RegExp(`^Bilan ${echapper(libelle(premier))} du dossier ${echapper(d.reference)} à déposer avant le ${echapper(fr(premier.echeance))}$`);
    expect((await rappels(le(decaler(premier.echeance, -16)))).envoyes).toBe(0);
    const j15 = await rappels(le(decaler(premier.echeance, -15)));
    expect(j15).toMatchObject({ dossiers: 1, rappels: 1 });
    expect(j15.envoyes).toBeGreaterThan(0);
    const m = await attendreCourriel(g, P1, sujet);
    expect(m.texte).toContain(`est à déposer au plus tard le ${fr(premier.echeance)} (dans 15 jours).`);
    expect(m.texte).toContain(`${g.url}/dossiers/${d.id}#section-bilans`);
    // The same day again, and the following days: nothing new.
    expect((await rappels(le(decaler(premier.echeance, -15)))).envoyes).toBe(0);
    expect((await rappels(le(decaler(premier.echeance, -3)))).envoyes).toBe(0);
    expect((await rappels(le(premier.echeance))).envoyes).toBe(0);
    await attendre(1000);
    expect((await courriels(g, P1)).filter((x) => sujet.test(x.sujet))).toHaveLength(1);
  });

  it('e-mails the porteur once the bilan is overdue (the tableau de bord’s « en retard » needs a past date: test/unit/domain/rappels-bilans.test.ts)', async () => {
    const sujet = new RegExp(`^Bilan ${echapper(libelle(premier))} du dossier ${echapper(d.reference)} en retard — attendu le ${echapper(fr(premier.echeance))}$`);
    const lendemain = decaler(premier.echeance, 1);
    expect((await rappels(le(lendemain))).envoyes).toBeGreaterThan(0);
    const m = await attendreCourriel(g, P1, sujet);
    expect(m.texte).toContain(`devait être déposé au plus tard le ${fr(premier.echeance)} : il ne l’est pas encore.`);
    expect((await rappels(le(decaler(lendemain, 5)))).envoyes).toBe(0);
    await attendre(1000);
    expect((await courriels(g, P1)).filter((x) => sujet.test(x.sujet))).toHaveLength(1);
  });

  it('e-mails the OI’s admins 10 days before the payment deadline of the deposited bilan, then once it has passed', async () => {
    const periode = (await api.get(`/dossiers/${d.id}/bilans`, { as: P1 })).body.convention.periode as { debut: string; fin: string };
    const corps = {
      nature: premier.nature, numero: premier.numero,
      depenses: [{ id: 'L1', categorie: 'fonctionnement', libelle: 'Location de salle', montantCentimes: 50_000, date: periode.debut, acquittee: true }],
      ressources: { fsePercuCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 },
    };
    const brouillon = await api.put(`/dossiers/${d.id}/bilans/${premier.numero}`, { as: P1, body: corps });
    expect(brouillon.status).toBe(200);
    // A final bilan's dépôt asks the fiche's evidence of realisation.
    if (premier.nature === 'final') await piecesRealisation(new ClientApi(`${g.url}/api`), P1, d.id, premier.numero);
    const depot = await api.post(`/dossiers/${d.id}/bilans/${premier.numero}/depot`, { as: P1, headers: { 'if-match': String(brouillon.body.version) } });
    expect(depot.status).toBe(200);

    // Deposited: no longer to deposit; to control with its payment deadline; the next bilan is the one to deposit.
    const lignes = await tableauDeBord(d.id);
    const controle = lignes.find((l) => l.etape === 'a_controler')!;
    expect(controle).toMatchObject({ numero: premier.numero, deposerAvant: null, enRetard: false });
    payerAvant = controle.payerAvant!;
    expect(lignes.filter((l) => l.etape === 'a_deposer').map((l) => l.numero)).toEqual(calendrier.length > 1 ? [calendrier[1]!.numero] : []);

    const sujet = new RegExp(`^Bilan ${echapper(libelle(premier))} du dossier ${echapper(d.reference)} à payer avant le ${echapper(fr(payerAvant))}$`);
    await rappels(le(decaler(payerAvant, -10)));
    const m = await attendreCourriel(g, OI, sujet);
    expect(m.texte).toContain(`le FSE dû est à payer au plus tard le ${fr(payerAvant)} (dans 10 jours).`);
    expect(m.texte).toContain(`${g.url}/gestion/dossiers/${d.id}?onglet=bilans`);
    await rappels(le(decaler(payerAvant, -2)));

    const depasse = new RegExp(`^Délai de paiement dépassé — bilan ${echapper(libelle(premier))} du dossier ${echapper(d.reference)}$`);
    await rappels(le(decaler(payerAvant, 1)));
    await attendreCourriel(g, OI, depasse);
    await rappels(le(decaler(payerAvant, 2)));
    await attendre(1000);
    const recus = (await courriels(g)).filter((x) => sujet.test(x.sujet) || depasse.test(x.sujet));
    // Each once, to the OI's admin only (not the gestionnaire, not the porteur).
    expect(recus.map((x) => [x.a, depasse.test(x.sujet)]).sort()).toEqual([[[OI], false], [[OI], true]]);
  });
});
