/**
 * What the sender reads of a DynamoDB Stream batch (the stream's counterpart of parse.ts): the new outbox items and
 * the new rectificatifs, each with the record's sequence number (the batch item id of a partial failure).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { PREFIXE_OUTBOX, SK_LOT } from '../repositories/notification-repository';

/** The outbox items (`lots: false`) or lots of items (`lots: true`) the INSERT records of a stream batch bring. */
function outbox(event: DynamoDBStreamEvent, lots: boolean): Array<{ id: string; sequence: string }> {
  return event.Records.flatMap((r) => {
    const pk = r.dynamodb?.Keys?.pk?.S ?? r.dynamodb?.NewImage?.pk?.S;
    const estLot = (r.dynamodb?.Keys?.sk?.S ?? r.dynamodb?.NewImage?.sk?.S) === SK_LOT;
    if (r.eventName !== 'INSERT' || !pk?.startsWith(PREFIXE_OUTBOX) || estLot !== lots) return [];
    return [{ id: pk.slice(PREFIXE_OUTBOX.length), sequence: r.dynamodb?.SequenceNumber ?? '' }];
  });
}

/** The outbox ids of the INSERT records of a stream batch, with their sequence numbers. */
export const idsOutbox = (event: DynamoDBStreamEvent) => outbox(event, false);

/** The lots of outbox items inserted in a stream batch (see notification-repository). */
export const lotsOutbox = (event: DynamoDBStreamEvent) => outbox(event, true);

/** The rectificatifs inserted in a stream batch (pk AAP#<id>, sk RECTIF#<version>). */
export function rectificatifs(event: DynamoDBStreamEvent): Array<{ aapId: string; version: number; motif: string; sequence: string }> {
  return event.Records.flatMap((r) => {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    const sk = r.dynamodb?.Keys?.sk?.S ?? '';
    if (r.eventName !== 'INSERT' || !pk.startsWith('AAP#') || !sk.startsWith('RECTIF#')) return [];
    return [{ aapId: pk.slice(4), version: Number(sk.slice(7)), motif: r.dynamodb?.NewImage?.motif?.S ?? '', sequence: r.dynamodb?.SequenceNumber ?? '' }];
  });
}
