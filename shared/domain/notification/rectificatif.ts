/**
 * A rectificatif published: the members of every organisation with a draft on the AAP are told, with the link to the
 * AAP's page (its public diff). The rectificatif item, written in the AAP's own transaction, is the outbox event: the
 * sender reads it from the stream and writes one outbox item per draft and member here, under ids derived from
 * (AAP, version, dossier, address), so that a redelivered record adds nothing.
 */
import { createHash } from 'node:crypto';
import type { AapStore } from '../aap/use-cases';
import { auxPorteurs } from './evenements';
import type { ContexteRappels } from './rappels';

export interface ContexteRectificatif extends Omit<ContexteRappels, 'aaps'> {
  aaps: Pick<AapStore, 'referentiel'>;
}

export async function diffuserRectificatif(ctx: ContexteRectificatif, r: { aapId: string; version: number; motif: string }): Promise<number> {
  // The reference alone (one projected GetItem), not the whole AAP.
  const aap = (await ctx.aaps.referentiel({ entetes: [r.aapId], fiches: [], champs: ['reference'] })).entetes.get(r.aapId);
  if (!aap) return 0;
  let nouvelles = 0;
  for (const d of await ctx.brouillons(r.aapId)) {
    const ns = (await auxPorteurs({ ...ctx, nouvelId: () => 'rectificatif' }, d, 'rectificatif', { aap: aap.reference, motif: r.motif })).map((n) => ({
      ...n,
      lien: `/aaps/${r.aapId}`,
      id: `rectif-${r.aapId}-${r.version}-${d.id}-${createHash('sha256').update(n.destinataire.email.toLowerCase()).digest('hex').slice(0, 16)}`,
    }));
    nouvelles += await ctx.ecrireNouvelles(ns);
  }
  return nouvelles;
}
