/** Reads the local mail catcher's inbox over HTTP, as a person would open it (`/boite-mail`), no mocks. */
import type { Guichet } from '#local/server';
import type { MessageRecu } from '#local/boite-mail';

export async function courriels(g: Guichet, a?: string): Promise<MessageRecu[]> {
  const r = await fetch(`${g.url}/boite-mail/messages.json${a ? `?a=${encodeURIComponent(a)}` : ''}`);
  if (r.status !== 200) throw new Error(`boîte mail : ${r.status}`);
  return ((await r.json()) as { items: MessageRecu[] }).items;
}

/** Waits until `a` has received a message whose subject matches (the sender runs from the table's stream). */
export async function attendreCourriel(g: Guichet, a: string, sujet: RegExp, delaiMs = 15_000): Promise<MessageRecu> {
  const fin = Date.now() + delaiMs;
  for (;;) {
    const m = (await courriels(g, a)).find((x) => sujet.test(x.sujet));
    if (m) return m;
    if (Date.now() > fin) {
      const recus = (await courriels(g, a)).map((x) => x.sujet);
      throw new Error(`Aucun courriel « ${sujet} » pour ${a} ; reçus : ${JSON.stringify(recus)}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
}
