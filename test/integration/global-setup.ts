import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { demarrerDynamo, demarrerS3 } from '#local/services';

declare module 'vitest' {
  export interface ProvidedContext {
    services: { dynamoEndpoint: string; s3Endpoint: string; dataDir: string };
  }
}

/** One DynamoDB Local and one s3rver for the whole integration run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-it-'));
  const dynamo = await demarrerDynamo({});
  const s3 = await demarrerS3({ dossier: join(dataDir, 's3') });
  project.provide('services', { dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, dataDir });
  return async () => {
    await s3.stop();
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
