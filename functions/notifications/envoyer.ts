/**
 * DynamoDB Stream (NEW_IMAGE, filtered to INSERTs of OUTBOX# items and of rectificatifs) → one e-mail per new outbox
 * item; a new rectificatif writes the outbox items of the owners of drafts on its AAP (which come back through here). Idempotent on
 * the outbox id: the same record delivered twice sends once. A transient failure is reported as a batch item
 * failure (the event source mapping retries, bisecting, then sends the record to the DLQ); a permanent one is
 * recorded on the item and not retried.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '#shared/config';
import { envoyer, type ContexteEnvoi } from '#shared/domain/notification/envoi';
import { transport } from '#shared/email/transport';
import { logger } from '#shared/http/logger';
import { notificationRepository, PREFIXE_OUTBOX } from '#shared/repositories/notification-repository';
import { aapRepository } from '#shared/repositories/aap-repository';
import { organisationRepository } from '#shared/repositories/organisation-repository';
import { diffuserRectificatif } from '#shared/domain/notification/rectificatif';

export const contexteEnvoi = (): ContexteEnvoi => {
  const c = config();
  if (!c.GUICHET_PUBLIC_URL) throw new Error('GUICHET_PUBLIC_URL n’est pas défini : les courriels n’auraient pas de lien.');
  return {
    store: notificationRepository, transport: transport(), origine: c.GUICHET_PUBLIC_URL,
    expediteur: c.GUICHET_EMAIL_FROM ?? 'Guichet <ne-pas-repondre@guichet.example>', maintenant: () => new Date(),
  };
};

/** The outbox ids of the INSERT records of a stream batch, with their sequence numbers. */
export function idsOutbox(event: DynamoDBStreamEvent): Array<{ id: string; sequence: string }> {
  return event.Records.flatMap((r) => {
    const pk = r.dynamodb?.Keys?.pk?.S ?? r.dynamodb?.NewImage?.pk?.S;
    if (r.eventName !== 'INSERT' || !pk?.startsWith(PREFIXE_OUTBOX)) return [];
    return [{ id: pk.slice(PREFIXE_OUTBOX.length), sequence: r.dynamodb?.SequenceNumber ?? '' }];
  });
}

/** The rectificatifs inserted in a stream batch (pk AAP#<id>, sk RECTIF#<version>). */
export function rectificatifs(event: DynamoDBStreamEvent): Array<{ aapId: string; version: number; motif: string; sequence: string }> {
  return event.Records.flatMap((r) => {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    const sk = r.dynamodb?.Keys?.sk?.S ?? '';
    if (r.eventName !== 'INSERT' || !pk.startsWith('AAP#') || !sk.startsWith('RECTIF#')) return [];
    return [{ aapId: pk.slice(4), version: Number(sk.slice(7)), motif: r.dynamodb?.NewImage?.motif?.S ?? '', sequence: r.dynamodb?.SequenceNumber ?? '' }];
  });
}

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const ctx = contexteEnvoi();
  const echecs: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const r of rectificatifs(event)) {
    try {
      await diffuserRectificatif({
        aaps: aapRepository, orgs: organisationRepository, maintenant: new Date(),
        brouillons: (id) => notificationRepository.brouillons(id), ecrireNouvelles: (ns) => notificationRepository.ecrireNouvelles(ns),
      }, r);
    } catch (e) {
      logger.error('Diffusion d’un rectificatif', { aapId: r.aapId, erreur: e instanceof Error ? e.message : String(e) });
      echecs.push({ itemIdentifier: r.sequence });
    }
  }
  for (const { id, sequence } of idsOutbox(event)) {
    try {
      const r = await envoyer(ctx, id);
      if (r === 'a_reessayer') echecs.push({ itemIdentifier: sequence });
      if (r === 'echec_definitif') logger.warn('Courriel non délivré', { notificationId: id });
    } catch (e) {
      logger.error('Envoi d’une notification', { notificationId: id, erreur: e instanceof Error ? e.message : String(e) });
      echecs.push({ itemIdentifier: sequence });
    }
  }
  return { batchItemFailures: echecs };
};
