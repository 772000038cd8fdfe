import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument } from 'pdf-lib';
import type { Guichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { accuse } from '#shared/domain/dossier/use-cases';
import { contexteDossier } from '#shared/http/contexte';
import { renderAccuseDepot } from '#templates/accuse-depot';
import { comparaison, mesurer, stats } from './stats';

const PORTEUR = 'porteur@guichet.test';

async function appel(g: Guichet, methode: string, chemin: string, jeton: string, corps?: unknown, entetes: Record<string, string> = {}) {
  const r = await fetch(`${g.url}/api${chemin}`, {
    method: methode,
    headers: { authorization: `Bearer ${jeton}`, 'content-type': 'application/json', ...entetes },
    ...(corps === undefined ? {} : { body: JSON.stringify(corps) }),
  });
  const body: any = await r.json();
  if (r.status >= 300) throw new Error(`${methode} ${chemin} → ${r.status} ${JSON.stringify(body)}`);
  return body;
}

/** n complete, balanced drafts (fiche GP2, no cofinancing rule) ready to deposit, one per fresh organisation. */
export async function brouillons(g: Guichet, jeton: string, aapId: string, n: number, decalage = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const base = `9${String(i + decalage).padStart(12, '0')}`;
    let siret = '';
    for (let d = 0; d <= 9 && !siret; d++) {
      const s = `${base}${d}`;
      const somme = [...s].reverse().reduce((a, c, k) => { let x = Number(c) * (k % 2 ? 2 : 1); if (x > 9) x -= 9; return a + x; }, 0);
      if (somme % 10 === 0) siret = s;
    }
    const org = await appel(g, 'POST', '/organisations', jeton, { siret, raisonSociale: `Banc ${i}`, statutJuridique: 'association', adresse: { ligne1: '1 rue', codePostal: '47000', commune: 'Agen' } });
    const d = await appel(g, 'POST', '/dossiers', jeton, { aapId, ficheCode: 'GP2', organisationId: org.id });
    await piecesValides(g, jeton, d.id);
    await appel(g, 'PUT', `/dossiers/${d.id}`, jeton, {
      ...d.contenu,
      description: { objectifs: 'o', publicVise: 'p', modalites: 'm', territoire: 't' },
      indicateurs: d.contenu.indicateurs.map((x: { valeurPrevue: number | null }) => ({ ...x, valeurPrevue: x.valeurPrevue ?? 1 })),
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

/** Puts a valid tiny PDF behind every required line of the checklist, through the real presigned POST. */
async function piecesValides(g: Guichet, jeton: string, dossierId: string) {
  const { lignes } = await appel(g, 'GET', `/dossiers/${dossierId}/pieces`, jeton);
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const octets = await doc.save();
  const empreinte = createHash('sha256').update(octets).digest('hex');
  for (const l of lignes.filter((x: { obligatoire: boolean }) => x.obligatoire)) {
    const r = await appel(g, 'POST', `/dossiers/${dossierId}/pieces`, jeton, { typePiece: l.code, nomFichier: 'p.pdf', taille: octets.length, typeContenu: 'application/pdf', sha256: empreinte });
    const form = new FormData();
    for (const [k, v] of Object.entries(r.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([Buffer.from(octets)]));
    await (await fetch(r.upload.url, { method: 'POST', body: form })).arrayBuffer();
  }
  for (let i = 0; i < 200; i++) {
    const { lignes: l } = await appel(g, 'GET', `/dossiers/${dossierId}/pieces`, jeton);
    if (l.filter((x: { obligatoire: boolean; etat: string }) => x.obligatoire).every((x: { etat: string }) => x.etat === 'valide')) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('pièces non vérifiées');
}

/**
 * POST /dossiers/{id}/depot through the local API vs the DynamoDB calls it makes (Get idempotency, Get dossier,
 * Get membership, Query AAP with fiches, Query pièces, TransactWrite of 3 items), on distinct fresh drafts; receipt
 * render time.
 */
export async function jetonPorteur(g: Guichet): Promise<string> {
  const r = await fetch(`${g.url}/api/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: PORTEUR }) });
  return ((await r.json()) as { token: string }).token;
}

export async function aapDemoId(g: Guichet): Promise<string> {
  const aaps = (await (await fetch(`${g.url}/api/aaps?statut=publie`)).json()) as { items: Array<{ id: string; reference: string }> };
  const aap = aaps.items.find((a) => a.reference === 'AAP-DEMO-FSEPLUS');
  if (!aap) throw new Error('AAP de démonstration absent');
  return aap.id;
}

export async function benchDepot(g: Guichet, n: number) {
  const jeton = await jetonPorteur(g);
  const aap = { id: await aapDemoId(g) };
  const echauffement = 10;
  const ids = await brouillons(g, jeton, aap.id, 2 * n + 2 * echauffement);
  const viaApi = ids.slice(0, n + echauffement);
  const pourBrut = ids.slice(n + echauffement);
  const api = await mesurer(n, (i) => appel(g, 'POST', `/dossiers/${viaApi[i < 0 ? -1 - i : echauffement + i]}/depot`, jeton, undefined, { 'idempotency-key': `bench-${i}-${Date.now()}` }), echauffement);

  const t = g.tableName;
  const brut = await mesurer(n, async (i) => {
    const id = pourBrut[i < 0 ? -1 - i : echauffement + i]!;
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `IDEMP#brut-${id}`, sk: 'IDEMP' }, ConsistentRead: true }));
    const d = (await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `DOSSIER#${id}`, sk: 'META' }, ConsistentRead: true }))).Item!;
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `ORG#${d.organisationId}`, sk: `MEMBRE#${PORTEUR}` } }));
    await dynamo().send(new QueryCommand({ TableName: t, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':pk': `AAP#${d.aapId}`, ':a': 'FICHE#', ':b': 'META' } }));
    await dynamo().send(new GetCommand({ TableName: t, Key: { pk: `ORG#${d.organisationId}`, sk: 'META' } }));
    await dynamo().send(new QueryCommand({ TableName: t, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': `DOSSIER#${id}`, ':p': 'PIECE#' }, ConsistentRead: true }));
    await dynamo().send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: t, Item: { ...d, statut: 'depose', version: d.version + 1 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': d.version } } },
        { Put: { TableName: t, Item: { pk: `DOSSIER#${id}`, sk: `EVT#brut`, type: 'depot' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: t, Item: { pk: `IDEMP#brut-${id}`, sk: 'IDEMP', resultat: d }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
  }, echauffement);

  const ctx = contexteDossier({ maintenant: new Date(), nouvelId: () => 'x' });
  const donnees = await accuse(ctx, { userId: 'demo-porteur', email: PORTEUR, roles: ['porteur'], oi: null }, viaApi[0]!);
  const rendu = stats(await mesurer(50, () => renderAccuseDepot(donnees), 5));
  return { depot: { iterations: n, ...comparaison(stats(api), stats(brut)) }, accuseDepot: rendu };
}
