import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Fn, Stack, Stage } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { grantObjectLock, OBJECT_LOCK_ACTIONS, OBJECT_WRITE_ACTIONS } from '#infra/constructs/bucket-grants';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { BUCKET, ENV } from '#infra/definitions';
import { actionsOf, allows, environmentOf, functionFor, nagViolations, newApp } from './support';

/** A small existing handler: what is bundled does not matter here, only the grants. */
const HANDLER = 'functions/systeme/get-health.ts';

describe('GuichetFunction', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    stack = new Stack(newApp(), 'Test-Function');
    const table = Table.fromTableAttributes(stack, 'Table', {
      tableArn: Fn.importValue('Test-TableArn'),
      globalIndexes: ['gsi1', 'gsi2'],
    });
    const bucket = Bucket.fromBucketAttributes(stack, 'Files', { bucketArn: Fn.importValue('Test-BucketArn') });
    new GuichetFunction(stack, 'Writer', {
      handler: HANDLER,
      description: 'POST /pieces test',
      access: { table: 'readwrite', bucket: 'readwrite' },
      table,
      bucket,
    });
    new GuichetFunction(stack, 'Reader', {
      handler: HANDLER,
      description: 'GET /pieces test',
      access: { bucket: 'read' },
      table,
      bucket,
    });
    new GuichetFunction(stack, 'Verifier', {
      handler: HANDLER,
      description: 'S3 /verification test',
      access: { table: 'readwrite', bucket: 'read', verifie: 'write' },
      table,
      bucket,
    });
    template = Template.fromStack(stack);
  }, 120_000);

  /** The role of a function, its tags and the Allow statements of its policies. */
  const roleOf = (method: string, path: string) => {
    const roleId = (functionFor(template, method, path).props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = template.findResources('AWS::IAM::Role')[roleId]!;
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Effect: string; Action: string | string[]; Resource: unknown }>);
    return { tags: (role.Properties.Tags ?? []) as Array<{ Key: string; Value: string }>, statements };
  };

  it('ships the handler as index.mjs with the chunks it imports dynamically (code splitting), not one single file', () => {
    const { props } = functionFor(template, 'POST', '/pieces');
    expect(props.Handler).toBe('index.handler');
    const asset = stack.node.findAll().find((c): c is Asset => c instanceof Asset && c.node.path.startsWith(`${stack.node.path}/Writer/`))!;
    const dossier = join(Stage.of(stack)!.outdir, asset.assetPath);
    const index = readFileSync(join(dossier, 'index.mjs'), 'utf8');
    expect(index).toMatch(/export\s*\{[^}]*\bhandler\b/);
    // The bearer token's check (jose) is a chunk of its own, read with the first request that sends a token.
    const chunks = readdirSync(join(dossier, 'chunks')).filter((f) => f.endsWith('.mjs'));
    expect(chunks.some((f) => f.startsWith('acteur-jeton-'))).toBe(true);
    expect(existsSync(join(dossier, 'index.mjs.map'))).toBe(true);
  });

  it('binds BUCKET_NAME and grants object reads and writes when bucket access is readwrite', () => {
    const { props } = functionFor(template, 'POST', '/pieces');
    expect(environmentOf(props)).toHaveProperty(ENV.bucket);
    expect(environmentOf(props)).toHaveProperty(ENV.table);
    expect(actionsOf(template, props)).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 'dynamodb:PutItem']));
  });

  it('grants the explicit write set but no Object Lock, ACL or version deletion action when bucket access is readwrite', () => {
    const actions = actionsOf(template, functionFor(template, 'POST', '/pieces').props);
    expect(actions).toEqual(expect.arrayContaining([...OBJECT_WRITE_ACTIONS]));
    for (const a of ['s3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:PutObjectAcl', 's3:DeleteObjectVersion', 's3:PutBucketPolicy']) {
      expect(allows(actions, a), a).toBe(false);
    }
  });

  it('tags the role as the verified-copy writer and lets it put objects under the verified prefix only when access.verifie is write', () => {
    const { tags, statements } = roleOf('S3', '/verification');
    expect(tags).toContainEqual({ Key: BUCKET.verifiedWriterTag.key, Value: BUCKET.verifiedWriterTag.value });
    const puts = statements.filter((s) => s.Effect === 'Allow' && ([] as string[]).concat(s.Action).includes('s3:PutObject'));
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0]!.Resource)).toContain(`/${BUCKET.verifiedPrefix}*`);
    expect(allows(actionsOf(template, functionFor(template, 'S3', '/verification').props), 's3:DeleteObject')).toBe(false);
  });

  it('never tags a route role as the verified-copy writer, readwrite ones included', () => {
    for (const [m, p] of [['POST', '/pieces'], ['GET', '/pieces']] as const) {
      expect(roleOf(m, p).tags.map((t) => t.Key)).not.toContain(BUCKET.verifiedWriterTag.key);
    }
  });

  it('grants no s3:PutObject and no table access when bucket access is read only', () => {
    const { props } = functionFor(template, 'GET', '/pieces');
    expect(environmentOf(props)).not.toHaveProperty(ENV.table);
    const actions = actionsOf(template, props);
    expect(actions).toContain('s3:GetObject*');
    expect(actions).not.toContain('s3:PutObject');
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('leaves no cdk-nag finding when bucket and table grants are acknowledged with reasons', () => {
    expect(nagViolations(stack, 'error')).toEqual([]);
    expect(nagViolations(stack, 'warning')).toEqual([]);
  });

  it('lets only the dedicated archiving grant put retention and legal holds', () => {
    const archiving = new Stack(newApp(), 'Test-Archiving');
    const bucket = Bucket.fromBucketAttributes(archiving, 'Files', { bucketArn: Fn.importValue('Test-BucketArn') });
    const archiver = new GuichetFunction(archiving, 'Archiver', {
      handler: HANDLER,
      description: 'POST /archivage test',
      access: { bucket: 'readwrite' },
      bucket,
    });
    new GuichetFunction(archiving, 'Writer', {
      handler: HANDLER,
      description: 'POST /autre test',
      access: { bucket: 'readwrite' },
      bucket,
    });
    grantObjectLock(bucket, archiver.function, 'dossiers/*');
    const t = Template.fromStack(archiving);
    const archiverActions = actionsOf(t, functionFor(t, 'POST', '/archivage').props);
    expect(archiverActions).toEqual(expect.arrayContaining([...OBJECT_LOCK_ACTIONS]));
    const writerActions = actionsOf(t, functionFor(t, 'POST', '/autre').props);
    expect(allows(writerActions, 's3:PutObjectRetention')).toBe(false);
    expect(allows(writerActions, 's3:PutObjectLegalHold')).toBe(false);
  });

  it('refuses a table of another stack when granting', () => {
    const app = newApp();
    const other = new Stack(app, 'Other');
    const table = new Table(other, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(
      () =>
        new GuichetFunction(new Stack(app, 'Consumer'), 'Fn', {
          handler: HANDLER,
          description: 'GET /x test',
          access: { table: 'read' },
          table,
        }),
    ).toThrow(/Fn.importValue/);
  });
});
