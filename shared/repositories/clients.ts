import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { tracerClient } from '../http/observabilite';

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
    // X-Ray subsegments per call on AWS; the Tracer is off locally (no Lambda environment), so nothing is wrapped.
    doc = DynamoDBDocumentClient.from(tracerClient(client), {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return doc;
}
