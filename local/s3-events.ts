/**
 * Delivers s3rver's object events to the S3-triggered handlers of the manifest, as a bucket notification would
 * on AWS (same S3Event shape, filtered by key prefix). Deliveries run in the background; `vider` awaits them.
 */
import { join, resolve } from 'node:path';
import type { Context, S3Event } from 'aws-lambda';
import type S3rver from 's3rver';
import type { S3rverEvent } from 's3rver';
import * as z from 'zod';
import { evenementsS3 } from '#shared/http/routes';

const RACINE = resolve(import.meta.dirname, '..');
type S3Handler = (e: S3Event, c: Context) => Promise<void>;
const Module = z.object({ handler: z.custom<S3Handler>((h) => typeof h === 'function') });

export function brancherEvenementsS3(serveur: S3rver) {
  const enCours = new Set<Promise<void>>();
  const charges = new Map<string, Promise<S3Handler>>();
  const charger = (chemin: string) => {
    if (!charges.has(chemin)) charges.set(chemin, import(join(RACINE, chemin)).then((m: unknown) => Module.parse(m).handler));
    return charges.get(chemin)!;
  };
  serveur.on('event', (e: S3rverEvent) => {
    for (const abonnement of evenementsS3) {
      const records = e.Records.filter((r) => r.eventName.startsWith('ObjectCreated') && r.s3.object.key.startsWith(abonnement.prefixe));
      if (records.length === 0) continue;
      const evenement = { Records: records } as unknown as S3Event;
      const contexte = { awsRequestId: `s3-${Date.now()}`, functionName: abonnement.handler } as Context;
      const p = charger(abonnement.handler)
        .then((h) => h(evenement, contexte))
        .catch((err: unknown) => console.error('Erreur du traitement d’un événement S3', err))
        .finally(() => enCours.delete(p));
      enCours.add(p);
    }
  });
  return { vider: async () => void (await Promise.all([...enCours])) };
}
