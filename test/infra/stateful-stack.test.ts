import { Stack } from 'aws-cdk-lib';
import { Template, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#shared/auth/roles';
import { BUCKET, TABLE } from '#infra/definitions';
import { StatefulStack } from '#infra/stacks/stateful-stack';
import { nagViolations, newApp } from './support';

describe('StatefulStack', () => {
  const origins = ['https://guichet.example.fr'];
  let stack: StatefulStack;
  let template: Template;

  beforeAll(() => {
    const app = newApp();
    stack = new StatefulStack(app, 'Test-Stateful', { allowedOrigins: origins });
    template = Template.fromStack(stack);
  });

  describe('table', () => {
    it('keys items on pk/sk strings when synthesized from the shared definitions', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
        ]),
      });
    });

    it('declares gsi1 and gsi2 with string keys when synthesized', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        GlobalSecondaryIndexes: TABLE.gsis.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it('bills per request with PITR, TTL and encryption when synthesized', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        TableName: Match.absent(),
      });
    });

    it('retains the table when the stack is deleted or the table replaced', () => {
      template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('files bucket', () => {
    const files = () => {
      const buckets = template.findResources('AWS::S3::Bucket', {
        Properties: { ObjectLockEnabled: true },
      });
      expect(Object.keys(buckets)).toHaveLength(1);
      return Object.entries(buckets)[0]!;
    };

    it('encrypts, versions and blocks public access when synthesized', () => {
      const [, bucket] = files();
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      expect(bucket.Properties.BucketName).toBeUndefined();
      expect(bucket.DeletionPolicy).toBe('Retain');
    });

    it('enables object lock without a default retention when synthesized', () => {
      const [, bucket] = files();
      expect(bucket.Properties.ObjectLockEnabled).toBe(true);
      expect(bucket.Properties.ObjectLockConfiguration?.Rule).toBeUndefined();
    });

    it('denies every request without TLS when synthesized', () => {
      const [id] = files();
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('allows browser uploads only from the configured origins when CORS is rendered', () => {
      const [, bucket] = files();
      expect(bucket.Properties.CorsConfiguration).toEqual({
        CorsRules: [
          {
            AllowedOrigins: origins,
            AllowedMethods: [...BUCKET.cors.allowedMethods],
            AllowedHeaders: [...BUCKET.cors.allowedHeaders],
            ExposedHeaders: [...BUCKET.cors.exposedHeaders],
            MaxAge: BUCKET.cors.maxAgeSeconds,
          },
        ],
      });
    });

    it('aborts multipart uploads and expires old versions when lifecycle rules apply', () => {
      const [, bucket] = files();
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: BUCKET.abandonedUploadDays } }),
          expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 3650 } }),
        ]),
      );
    });

    it('writes server access logs to a separate bucket when synthesized', () => {
      const [id, bucket] = files();
      const target = bucket.Properties.LoggingConfiguration.DestinationBucketName as { Ref: string };
      expect(target.Ref).not.toBe(id);
      template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({}), DeletionPolicy: 'Retain' });
      expect(template.toJSON().Resources[target.Ref].Type).toBe('AWS::S3::Bucket');
    });
  });

  describe('user pool', () => {
    it('lets porteurs sign up with their email under a strong password policy', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        UserPoolTier: 'PLUS',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'oi', AttributeDataType: 'String', Mutable: true }),
        ]),
      });
      template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    });

    it('creates one group per role when synthesized', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
      for (const role of ROLES) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    });

    it('gives the SPA a public PKCE code-flow client that cannot write custom:oi', () => {
      const clients = template.findResources('AWS::Cognito::UserPoolClient');
      const [client] = Object.values(clients);
      expect(Object.keys(clients)).toHaveLength(1);
      expect(client!.Properties).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: ['https://guichet.example.fr/auth/callback'],
      });
      expect(client!.Properties.ReadAttributes).toContain('custom:oi');
      expect(client!.Properties.WriteAttributes).not.toContain('custom:oi');
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error when every finding is fixed or acknowledged with a reason', () => {
      expect(nagViolations(stack, 'error')).toEqual([]);
    });

    it('reports no warning when every finding is fixed or acknowledged with a reason', () => {
      expect(nagViolations(stack, 'warning')).toEqual([]);
    });

    it('flags a bare bucket when nothing is fixed or acknowledged (control)', () => {
      const bare = new Stack(newApp(), 'Test-Bare');
      new Bucket(bare, 'Bare');
      Template.fromStack(bare);
      expect(nagViolations(bare, 'error')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^AwsSolutions-S1 /), expect.stringMatching(/^AwsSolutions-S10 /)]),
      );
    });
  });
});
