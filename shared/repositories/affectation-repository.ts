/**
 * Assignments (the instructeur of a dossier) and follows (« suivre »), one partition per OI: the tableau de bord reads
 * them all in one Query, the dossier page reads one dossier's with a key range. People are named by user id (`sub`);
 * the name is kept for display.
 *
 * | item        | pk               | sk                              |
 * |-------------|------------------|---------------------------------|
 * | instructeur | AFFECT#<oi>      | INSTR#<dossierId>               |
 * | suivi       | AFFECT#<oi>      | SUIVI#<dossierId>#<userId>      |
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { tableName } from '../config';
import type { AffectationStore, Personne } from '../domain/dossier/gestion';
import { dynamo } from './clients';
import { toutesLesPages } from './pagination';

const Stockee = z.object({ dossierId: z.string(), userId: z.string(), nom: z.string(), le: z.string(), email: z.string().optional() });
const pk = (oi: string) => `AFFECT#${oi}`;
const personne = (i: z.infer<typeof Stockee>): Personne => ({ userId: i.userId, nom: i.nom, le: i.le, ...(i.email ? { email: i.email } : {}) });

/** The OI's partition, or the items whose sort key starts with `prefixe`. */
async function lister(oi: string, prefixe?: string) {
  return toutesLesPages(
    {
      TableName: tableName(),
      KeyConditionExpression: prefixe ? 'pk = :pk AND begins_with(sk, :s)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk(oi), ...(prefixe ? { ':s': prefixe } : {}) },
      ConsistentRead: true,
    },
    (i) => ({ sk: String(i.sk), ...Stockee.parse(i) }),
  );
}

export const affectationRepository: AffectationStore = {
  async deLOi(oi) {
    const tous = await lister(oi);
    const instructeurs = new Map<string, Personne>();
    const suivis: Array<Personne & { dossierId: string }> = [];
    for (const i of tous) {
      if (i.sk.startsWith('INSTR#')) instructeurs.set(i.dossierId, personne(i));
      else if (i.sk.startsWith('SUIVI#')) suivis.push({ dossierId: i.dossierId, ...personne(i) });
    }
    return { instructeurs, suivis };
  },

  async duDossier(oi, dossierId) {
    const [r, suiveurs] = await Promise.all([
      dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: pk(oi), sk: `INSTR#${dossierId}` }, ConsistentRead: true })),
      lister(oi, `SUIVI#${dossierId}#`),
    ]);
    return { instructeur: r.Item ? personne(Stockee.parse(r.Item)) : null, suiveurs: suiveurs.map(personne) };
  },

  async definirInstructeur(oi, dossierId, p) {
    const Key = { pk: pk(oi), sk: `INSTR#${dossierId}` };
    if (!p) await dynamo().send(new DeleteCommand({ TableName: tableName(), Key }));
    else await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...Key, entite: 'INSTRUCTEUR', dossierId, ...p } }));
  },

  async definirSuivi(oi, dossierId, p, oui) {
    const Key = { pk: pk(oi), sk: `SUIVI#${dossierId}#${p.userId}` };
    if (!oui) await dynamo().send(new DeleteCommand({ TableName: tableName(), Key }));
    else await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...Key, entite: 'SUIVI', dossierId, ...p } }));
  },
};
