import type { client } from './helpers';

type Api = ReturnType<typeof client>;

/** Starts an export job, follows it until done (the local stream runs it), and downloads the file from its link. */
export async function exporter(api: Api, as: string, demande: Record<string, unknown>, delaiMs = 60_000): Promise<{ fichier: Buffer; suivi: any; etapes: any[] }> {
  const r = await api.post('/gestion/dossiers/exports', { as, body: demande });
  if (r.status !== 202) throw new Error(`export: ${r.status} ${JSON.stringify(r.body)}`);
  const etapes: any[] = [r.body];
  const fin = Date.now() + delaiMs;
  for (;;) {
    const s = await api.get(`/gestion/exports/${r.body.id}`, { as });
    etapes.push(s.body);
    if (s.body.etat === 'termine') {
      const f = await fetch(s.body.url);
      if (!f.ok) throw new Error(`téléchargement: ${f.status}`);
      return { fichier: Buffer.from(await f.arrayBuffer()), suivi: s.body, etapes };
    }
    if (s.body.etat === 'echoue' || Date.now() > fin) throw new Error(`export ${s.body.etat}: ${JSON.stringify(s.body)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}
