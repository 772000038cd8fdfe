/**
 * What an acknowledged write risks when DynamoDB Local dies at the moment of the answer (`kill -9`: a crash, a power
 * cut of the machine aside): writers keep putting items (single puts and two-item transactions, as Guichet writes),
 * the process is killed right after the N-th acknowledgement, restarted on the same files, and every acknowledged
 * item is read back. The figure is the number of acknowledged writes lost; the README quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { demarrerDynamo } from '#local/services';

const TABLE = 'durabilite';

const client = (endpoint: string) => {
  const c = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  return DynamoDBDocumentClient.from(c);
};

async function mesurer(arret: 'tuer' | 'stop', manches: number, ecrivains: number) {
  const dossier = mkdtempSync(join(tmpdir(), 'guichet-durabilite-'));
  const acquittes: string[] = [];
  const parManche: Array<{ acquittes: number; perdus: number }> = [];
  try {
    for (let m = 0; m < manches; m++) {
      const db = await demarrerDynamo({ dossier });
      const doc = client(db.endpoint);
      if (m === 0) {
        await doc.send(new CreateTableCommand({
          TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }));
      }
      // Killed right after a random acknowledgement between the 100th and the 400th of this round.
      const seuil = 100 + Math.floor(Math.random() * 300);
      const avant = acquittes.length;
      let tue: Promise<void> | null = null;
      const ecrire = async (w: number) => {
        for (let i = 0; !tue; i++) {
          const id = `m${m}-w${w}-${i}`;
          try {
            if (i % 2) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: id, n: i } }));
            else await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { pk: id, n: i } } }, { Put: { TableName: TABLE, Item: { pk: `${id}-b`, n: i } } }] }));
          } catch {
            return; // The answer never came: not acknowledged, so not counted.
          }
          acquittes.push(id);
          if (!(i % 2)) acquittes.push(`${id}-b`);
          if (acquittes.length - avant >= seuil && !tue) tue = db[arret]();
        }
      };
      await Promise.all(Array.from({ length: ecrivains }, (_, w) => ecrire(w)));
      await tue;
      doc.destroy();

      const relance = await demarrerDynamo({ dossier });
      const lecture = client(relance.endpoint);
      let perdus = 0;
      for (const id of acquittes) {
        const r = await lecture.send(new GetCommand({ TableName: TABLE, Key: { pk: id }, ConsistentRead: true }));
        if (!r.Item) perdus++;
      }
      parManche.push({ acquittes: acquittes.length, perdus });
      lecture.destroy();
      await relance.stop();
    }
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
  return { manches, ecrivainsConcurrents: ecrivains, ecrituresAcquittees: acquittes.length, ecrituresPerdues: parManche.at(-1)?.perdus ?? 0, parManche };
}

/** kill -9 (a crash) and SIGTERM (the stop `npm start` does on Ctrl-C), each right after an acknowledgement. */
export async function mesurerDurabilite(manches = 5, ecrivains = 4) {
  return {
    durabiliteDynamoLocal: {
      methode: 'DynamoDB Local arrêté juste après un acquittement, relancé sur les mêmes fichiers ; chaque écriture acquittée est relue',
      killMoins9: await mesurer('tuer', manches, ecrivains),
      sigterm: await mesurer('stop', Math.min(manches, 3), ecrivains),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await mesurerDurabilite(Number(process.argv[2] ?? 5)), null, 2));
