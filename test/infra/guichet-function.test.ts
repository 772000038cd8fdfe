import { Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { ENV } from '#infra/definitions';
import { actionsOf, environmentOf, functionFor, nagViolations, newApp } from './support';

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
    template = Template.fromStack(stack);
  }, 120_000);

  it('binds BUCKET_NAME and grants object reads and writes when bucket access is readwrite', () => {
    const { props } = functionFor(template, 'POST', '/pieces');
    expect(environmentOf(props)).toHaveProperty(ENV.bucket);
    expect(environmentOf(props)).toHaveProperty(ENV.table);
    expect(actionsOf(template, props)).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 'dynamodb:PutItem']));
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
