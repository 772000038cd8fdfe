import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { demarrerDynamo } from '#local/services';

declare module 'vitest' {
  export interface ProvidedContext {
    services: { dynamoEndpoint: string; dataDir: string };
  }
}

/** One DynamoDB Local for the whole integration run; each test file makes its own table and runs its own s3rver. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-it-'));
  const dynamo = await demarrerDynamo({});
  project.provide('services', { dynamoEndpoint: dynamo.endpoint, dataDir });
  return async () => {
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
