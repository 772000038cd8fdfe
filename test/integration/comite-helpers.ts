import { expect } from 'vitest';
import type { client } from './helpers';
import { cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { piecesObligatoires } from './pieces-helpers';

type Api = ReturnType<typeof client>;
export const OI = 'oi@guichet.test';
export const GESTIONNAIRE = 'gestionnaire@guichet.test';
export const P1 = 'porteur@guichet.test';
export const MEMBRES = [1, 2, 3, 4, 5].map((n) => `comite${n}@guichet.test`);
/** The demo members' user ids (`sub`), as a closing lists them present. */
export const PRESENTS = [1, 2, 3, 4, 5].map((n) => `demo-comite${n}`);

/** A deposited dossier (10 700 € total, FSE 8 560 €) answering `fiche`, by a fresh organisation. */
export async function dossierDepose(api: Api, aapId: string, fiche: string): Promise<{ id: string; version: number; reference: string }> {
  const org = await organisation(api, P1, `Structure ${Math.random().toString(36).slice(2, 8)}`);
  const d = (await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: fiche, organisationId: org.id } })).body;
  await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
  await piecesObligatoires(api, P1, d.id);
  const r = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
  if (r.status !== 200) throw new Error(`dépôt : ${JSON.stringify(r.body)}`);
  return { id: d.id, version: r.body.version, reference: r.body.reference };
}

/** Notes for every criterion of the dossier's grille. */
export async function notes(api: Api, dossierId: string, note = 4) {
  const { grille } = (await api.get(`/dossiers/${dossierId}/instruction`, { as: GESTIONNAIRE })).body;
  return grille.map((c: { id: string }) => ({ critere: c.id, note, justification: `Critère ${c.id} : éléments probants dans le dossier.` }));
}

/** deposited → recevable → instruit, with `montant` proposed. */
export async function dossierInstruit(api: Api, aapId: string, fiche: string, montant = 856_000) {
  const d = await dossierDepose(api, aapId, fiche);
  const { conditionsRecevabilite } = (await api.get(`/aaps/${aapId}/fiches/${fiche}`)).body as { conditionsRecevabilite: string[] };
  const conditions = conditionsRecevabilite.map((condition) => ({ condition, remplie: true }));
  const rec = await api.post(`/dossiers/${d.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { decision: 'recevable', conditions } });
  if (rec.status !== 200) throw new Error(`recevabilité : ${JSON.stringify(rec.body)}`);
  const i = await api.put(`/dossiers/${d.id}/instruction`, {
    as: GESTIONNAIRE,
    headers: { 'if-match': String(rec.body.version) },
    body: { notes: await notes(api, d.id), avis: 'favorable', montantFsePropose: montant, commentaire: 'Opération cohérente avec la fiche.' },
  });
  if (i.status !== 200) throw new Error(`instruction : ${JSON.stringify(i.body)}`);
  return { ...d, version: i.body.dossier.version as number };
}

/** Today in Paris: a session may only be closed from its scheduled instant (the sessions below are held at 00:00). */
export const aujourdhui = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());

/** A comité of the five demo members (comite1 presides) on `plie`, with `dossiers` on its published agenda. */
export async function comiteOuvert(api: Api, aapId: string, plie: string, dossiers: string[], regles?: unknown) {
  const c = await api.post('/comites', {
    as: OI,
    body: { aapId, plie, date: aujourdhui(), heure: '00:00', lieu: 'Périgueux', membres: MEMBRES, president: MEMBRES[0], ...(regles ? { regles } : {}) },
  });
  if (c.status !== 201) throw new Error(`comité : ${JSON.stringify(c.body)}`);
  const o = await api.post(`/comites/${c.body.id}/ordre-du-jour`, { as: OI, body: { dossierIds: dossiers, publier: true } });
  if (o.status !== 200) throw new Error(`ordre du jour : ${JSON.stringify(o.body)}`);
  return o.body as { id: string };
}

export const declarer = (api: Api, comiteId: string, membre: string, dossierId: string, conflit = false) =>
  api.post(`/comites/${comiteId}/conflits`, { as: membre, body: { dossierId, conflit, commentaire: conflit ? 'Administrateur de la structure porteuse.' : '' } });

export const voter = (api: Api, comiteId: string, membre: string, dossierId: string, vote: 'pour' | 'contre' | 'abstention') =>
  api.post(`/comites/${comiteId}/votes`, { as: membre, body: { dossierId, vote } });

/**
 * A dossier of `fiche` the comité of `plie` selected for `selectionne` and the OI's board programmed for `programme`
 * (with a motif below), by a fresh organisation of P1.
 */
export async function dossierProgramme(api: Api, aapId: string, selectionne: number, programme: number, fiche = 'HP1', plie = 'PLIE du Haut Périgord') {
  const d = await dossierInstruit(api, aapId, fiche, selectionne);
  const c = await comiteOuvert(api, aapId, plie, [d.id]);
  for (const m of MEMBRES) expect((await declarer(api, c.id, m, d.id)).status).toBe(201);
  for (const m of MEMBRES.slice(0, 4)) await voter(api, c.id, m, d.id, 'pour');
  const close = await api.post(`/comites/${c.id}/cloture`, { as: MEMBRES[0]!, body: { presents: PRESENTS } });
  expect(close.status).toBe(200);
  const lu = (await api.get(`/dossiers/${d.id}`, { as: OI })).body;
  const motif = programme < selectionne ? { motif: 'Dépenses de prestations non retenues.' } : {};
  const p = await api.post(`/dossiers/${d.id}/programmation`, {
    as: OI, headers: { 'if-match': String(lu.version) }, body: { montantFseCentimes: programme, dateDecision: aujourdhui(), referenceDeliberation: 'CA-2027-03', ...motif },
  });
  expect(p.status).toBe(200);
  return { id: d.id, reference: d.reference, version: p.body.version as number };
}

/** What a gestionnaire fills in to prepare a convention. */
export const DEMANDE_CONVENTION = { regimeAide: 'hors_aide_etat', representant: { nom: 'Marie Lacombe', qualite: 'Présidente' } };

/** The convention of a programmed dossier prepared and sent for signature (version 1): its document's SHA-256. */
export async function conventionEnvoyee(api: Api, d: { id: string; version: number }): Promise<string> {
  const p = await api.post(`/dossiers/${d.id}/convention`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: DEMANDE_CONVENTION });
  expect(p.status).toBe(201);
  const e = await api.post(`/dossiers/${d.id}/convention/envoi`, { as: GESTIONNAIRE, headers: { 'if-match': String(p.body.version) } });
  expect(e.status).toBe(200);
  return e.body.versions[0].document.sha256 as string;
}

/** Signed by the porteur's président, then by the OI: the version 1 in force. The dossier's version after. */
export async function conventionSignee(api: Api, dossierId: string, sha256: string): Promise<number> {
  expect((await api.post(`/dossiers/${dossierId}/convention/signatures`, { as: P1, body: { numero: 1, sha256, qualite: 'Présidente' } })).status).toBe(200);
  const oi = await api.post(`/dossiers/${dossierId}/convention/signatures`, { as: OI, body: { numero: 1, sha256, qualite: 'Directrice' } });
  expect(oi.status).toBe(200);
  return oi.body.version as number;
}

/** A dossier programmed for `fse`, its convention prepared, sent and signed by both parties. */
export async function conventionEnVigueur(api: Api, aapId: string, fse = 856_000) {
  const d = await dossierProgramme(api, aapId, fse, fse);
  const sha256 = await conventionEnvoyee(api, d);
  return { ...d, version: await conventionSignee(api, d.id, sha256), sha256 };
}
