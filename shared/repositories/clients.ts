import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

let doc: DynamoDBDocumentClient | undefined;

/** Module-level singleton, created on first use so the local runtime can set its endpoint first. */
export function dynamo(): DynamoDBDocumentClient {
  if (!doc) {
    const c = config();
    const local = c.GUICHET_DYNAMODB_ENDPOINT;
    const client = new DynamoDBClient({
      region: c.AWS_REGION,
      ...(local ? { endpoint: local, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return doc;
}
