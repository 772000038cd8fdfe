/**
 * What the PLIE counters' handler reads of a DynamoDB Stream batch (the counterpart of ./flux.ts for participants):
 * each INSERT, MODIFY or REMOVE of a participant record (pk DOSSIER#<id>, sk PART#<id>), with its new image read as
 * the repository reads an item (null for a REMOVE), and the record's sequence number (the batch item id).
 */
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import type { EvenementParticipant } from '../domain/consolidation/agregats';
import { lire } from '../repositories/participant-repository';

/** A stream image's attribute as a plain value (the stream's JSON: S, N, BOOL, NULL, M, L and sets). */
function valeur(a: AttributeValue): unknown {
  if (a.S !== undefined) return a.S;
  if (a.N !== undefined) return Number(a.N);
  if (a.BOOL !== undefined) return a.BOOL;
  if (a.NULL) return null;
  if (a.M) return image(a.M);
  if (a.L) return a.L.map(valeur);
  if (a.SS) return a.SS;
  if (a.NS) return a.NS.map(Number);
  return undefined;
}
const image = (m: Record<string, AttributeValue>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, valeur(v)]));

export function evenementsParticipants(event: DynamoDBStreamEvent): EvenementParticipant[] {
  return event.Records.flatMap((r): EvenementParticipant[] => {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    const sk = r.dynamodb?.Keys?.sk?.S ?? '';
    if (!pk.startsWith('DOSSIER#') || !sk.startsWith('PART#')) return [];
    let nouvelle = null;
    if (r.eventName !== 'REMOVE') {
      // An item under these keys that is not a participant record (a bench's raw writes) counts nowhere.
      try {
        nouvelle = r.dynamodb?.NewImage ? lire(image(r.dynamodb.NewImage as Record<string, AttributeValue>)) : null;
      } catch {
        nouvelle = null;
      }
      if (!nouvelle) return [];
    }
    return [{ sequence: r.dynamodb?.SequenceNumber ?? '', dossierId: pk.slice('DOSSIER#'.length), participantId: sk.slice('PART#'.length), participant: nouvelle }];
  });
}
