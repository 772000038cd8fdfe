/** Direct API calls for test setup: what the browser does not need to show is prepared through the API. */
import { pdfValide, sha256, siretAleatoire } from './porteur';

export async function jeton(url: string, email: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  return ((await r.json()) as { token: string }).token;
}

/** JSON call as `token`; throws on any non-2xx answer. */
export async function appel<T = any>(url: string, token: string, methode: string, chemin: string, corps?: unknown, entetes: Record<string, string> = {}): Promise<T> {
  const r = await fetch(`${url}/api${chemin}`, {
    method: methode,
    headers: { authorization: `Bearer ${token}`, ...(corps ? { 'content-type': 'application/json' } : {}), ...entetes },
    body: corps ? JSON.stringify(corps) : undefined,
  });
  const texte = await r.text();
  if (!r.ok) throw new Error(`${methode} ${chemin} → ${r.status} ${texte}`);
  return (texte ? JSON.parse(texte) : null) as T;
}

/** 43 400 € of direct costs, 7 % flat rate (46 438 €), FSE 80 %, one counted cofinancing (`cofinancement` cents). */
export function planFseplus(fse = 3_715_040, cofinancement = 928_760) {
  return {
    depenses: {
      personnel: [{ libelle: 'Conseillère en insertion (1 ETP)', montantCentimes: 3_200_000 }, { libelle: 'Coordinatrice (0,2 ETP)', montantCentimes: 900_000 }],
      fonctionnement: [{ libelle: 'Location de salle', montantCentimes: 240_000 }],
      prestations: [],
      participants: [],
    },
    indirects: { mode: 'forfait', option: 'FORFAIT_7_DIRECTS' },
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
export function remplir(url: string, token: string, d: Brouillon, plan: unknown = planFseplus()) {
  return appel<Brouillon>(url, token, 'PUT', `/dossiers/${d.id}`, {
    ...d.contenu,
    description: { objectifs: 'Accompagner 60 participants vers l’emploi durable.', publicVise: 'Demandeurs d’emploi de longue durée.', modalites: 'Entretiens individuels, ateliers collectifs.', territoire: 'Agglomération d’Agen' },
    indicateurs: d.contenu.indicateurs.map((i) => ({ ...i, valeurPrevue: 10 })),
    planFinancement: plan,
  }, { 'if-match': `"${d.version}"` });
}

/** Uploads a valid PDF for every required line, as a browser form would post it, and waits for the verdicts. */
export async function piecesObligatoires(url: string, token: string, dossierId: string): Promise<void> {
  const { lignes } = await appel<{ lignes: { code: string; obligatoire: boolean }[] }>(url, token, 'GET', `/dossiers/${dossierId}/pieces`);
  for (const l of lignes.filter((x) => x.obligatoire)) {
    const octets = await pdfValide(l.code);
    const a = await appel(url, token, 'POST', `/dossiers/${dossierId}/pieces`, { typePiece: l.code, nomFichier: `${l.code.toLowerCase()}.pdf`, taille: octets.length, typeContenu: 'application/pdf', sha256: sha256(octets) });
    const form = new FormData();
    for (const [k, v] of Object.entries(a.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(octets)]), 'piece.pdf');
    await (await fetch(a.upload.url, { method: 'POST', body: form })).arrayBuffer();
  }
  for (let i = 0; i < 200; i++) {
    const { lignes: apres } = await appel<{ lignes: { obligatoire: boolean; etat: string }[] }>(url, token, 'GET', `/dossiers/${dossierId}/pieces`);
    if (apres.filter((l) => l.obligatoire).every((l) => l.etat === 'valide')) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('Pièces restées en vérification');
}

/** A new porteur's organisation and a deposited dossier on `fiche` of the AAP `aapId`. */
export async function dossierDepose(url: string, email: string, aapId: string, fiche: string) {
  const token = await jeton(url, email);
  const org = await appel(url, token, 'POST', '/organisations', {
    siret: siretAleatoire(), raisonSociale: `Atelier ${fiche} ${email.slice(8, 12)}`, statutJuridique: 'entreprise',
    adresse: { ligne1: '5 cours de l’Intendance', codePostal: '33000', commune: 'Bordeaux' },
  });
  const d = await appel<Brouillon>(url, token, 'POST', '/dossiers', { aapId, ficheCode: fiche, organisationId: org.id });
  await remplir(url, token, d);
  await piecesObligatoires(url, token, d.id);
  const depose = await appel<Brouillon>(url, token, 'POST', `/dossiers/${d.id}/depot`, undefined, { 'idempotency-key': `e2e-${d.id}` });
  return { token, dossier: depose, organisation: org as { id: string; raisonSociale: string } };
}
