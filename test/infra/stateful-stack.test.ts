import { cleExport } from '#shared/exports/job-export';
import { cleDocument, EXPIRATION_DOCUMENTS_JOURS, PREFIXE_DOCUMENTS } from '#shared/storage/documents';
import { Stack } from 'aws-cdk-lib';
import { Template, Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#shared/auth/roles';
import { evenementsS3 } from '#shared/http/routes';
import { PLACEHOLDER_FROM_EMAIL } from '#infra/config';
import { AUTH_CALLBACK_PATH, REFRESH_TOKEN_ROTATION_GRACE } from '#infra/constructs/identity';
import { MALWARE_PROTECTION_PRINCIPAL } from '#infra/constructs/malware-protection';
import { BUCKET, TABLE } from '#infra/definitions';
import { NONCURRENT_VERSION_DAYS, StatefulStack } from '#infra/stacks/stateful-stack';
import { allAllowedActions, allows, nagViolations, newApp } from './support';

describe('StatefulStack', () => {
  const origins = ['https://guichet.example.fr', 'https://d123.cloudfront.net'];
  const email = { fromEmail: PLACEHOLDER_FROM_EMAIL, fromName: 'Guichet' };
  let stack: StatefulStack;
  let template: Template;
  /** With a managed login domain (and an SES domain identity in another region). */
  let withDomain: Template;

  beforeAll(() => {
    const app = newApp();
    stack = new StatefulStack(app, 'Test-Stateful', { allowedOrigins: origins, email });
    template = Template.fromStack(stack);
    const domainStack = new StatefulStack(newApp(), 'Test-Stateful-Domain', {
      allowedOrigins: origins,
      cognitoDomainPrefix: 'guichet-recette',
      email: { fromEmail: 'ne-pas-repondre@guichet.example.fr', fromName: 'Guichet', sesRegion: 'eu-west-1', sesVerifiedDomain: 'guichet.example.fr', replyTo: 'contact@guichet.example.fr' },
    });
    withDomain = Template.fromStack(domainStack);
    expect(nagViolations(domainStack, 'error')).toEqual([]);
    expect(nagViolations(domainStack, 'warning')).toEqual([]);
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

    it('denies writes and deletions under the verified prefix to every principal without the verified-copy writer tag', () => {
      const [id] = files();
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'DenyVerifiedOverwrites',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject'],
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, `/${BUCKET.verifiedPrefix}*`]] },
              Condition: { StringNotEquals: { [`aws:PrincipalTag/${BUCKET.verifiedWriterTag.key}`]: BUCKET.verifiedWriterTag.value } },
            },
          ]),
        },
      });
    });

    it('keeps the verified prefix out of every upload key, S3 event and malware-scan prefix', () => {
      expect(BUCKET.piecesPrefix.startsWith(BUCKET.verifiedPrefix) || BUCKET.verifiedPrefix.startsWith(BUCKET.piecesPrefix)).toBe(false);
      for (const e of evenementsS3) expect(BUCKET.verifiedPrefix.startsWith(e.prefixe)).toBe(false);
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

    it('allows POST (presigned POST uploads) and GET (presigned downloads) from the web origin only', () => {
      const [, bucket] = files();
      const [rule] = bucket.Properties.CorsConfiguration.CorsRules as { AllowedMethods: string[]; AllowedOrigins: string[] }[];
      expect(rule!.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'GET']));
      expect(rule!.AllowedMethods).not.toContain('PUT');
      expect(rule!.AllowedMethods).not.toContain('DELETE');
      expect(rule!.AllowedOrigins).toEqual(origins);
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

    it('keeps noncurrent versions of the whole bucket ten years when no other rule applies', () => {
      const [, bucket] = files();
      const rule = (bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[]).find(
        (r) => r.Id === 'expire-noncurrent-versions',
      );
      expect(rule).toEqual({
        Id: 'expire-noncurrent-versions',
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_VERSION_DAYS },
      });
    });

    it('removes pièces tagged statut=rejetee after 30 days, current and noncurrent versions alike', () => {
      const [, bucket] = files();
      const rule = (bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[]).find(
        (r) => r.Id === 'expire-rejected-pieces',
      );
      expect(rule).toEqual({
        Id: 'expire-rejected-pieces',
        Status: 'Enabled',
        Prefix: 'dossiers/',
        TagFilters: [{ Key: 'statut', Value: 'rejetee' }],
        ExpirationInDays: 30,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      });
    });

    it('removes export files (personal data, one download) a week after they were written, where the export jobs write them', () => {
      const [, bucket] = files();
      const rule = (bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[]).find((r) => r.Id === 'expire-exports');
      expect(rule).toEqual({ Id: 'expire-exports', Status: 'Enabled', Prefix: 'exports/', ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
      expect(cleExport({ oi: 'AGAPE', id: 'x', demande: { format: 'csv' } } as Parameters<typeof cleExport>[0]).startsWith(BUCKET.exportsPrefix)).toBe(true);
    });

    it('expires cached document renders (they can be rendered again) under the prefix the cache writes to', () => {
      const [, bucket] = files();
      const rule = (bucket.Properties.LifecycleConfiguration.Rules as Record<string, unknown>[]).find((r) => r.Id === 'expire-documents');
      expect(rule).toEqual({ Id: 'expire-documents', Status: 'Enabled', Prefix: 'documents/', ExpirationInDays: 30, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
      expect(cleDocument('aap', 'x', {}).startsWith(BUCKET.documentsPrefix)).toBe(true);
      expect(PREFIXE_DOCUMENTS).toBe(BUCKET.documentsPrefix);
      // A warm function remembers a document found until a day before this rule could remove it.
      expect(EXPIRATION_DOCUMENTS_JOURS).toBe(BUCKET.documentsExpirationDays);
    });

    it('declares no notification configuration on the bucket, which GuardDuty and the api stack share', () => {
      const [, bucket] = files();
      expect(bucket.Properties.NotificationConfiguration).toBeUndefined();
    });

    it('writes server access logs to a separate bucket when synthesized', () => {
      const [id, bucket] = files();
      const target = bucket.Properties.LoggingConfiguration.DestinationBucketName as { Ref: string };
      expect(target.Ref).not.toBe(id);
      template.hasResource('AWS::S3::Bucket', { Properties: Match.objectLike({}), DeletionPolicy: 'Retain' });
      expect(template.toJSON().Resources[target.Ref].Type).toBe('AWS::S3::Bucket');
    });
  });

  describe('malware protection', () => {
    const plan = () => {
      const plans = template.findResources('AWS::GuardDuty::MalwareProtectionPlan');
      expect(Object.keys(plans)).toHaveLength(1);
      return Object.values(plans)[0]!;
    };
    const filesId = () =>
      Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { ObjectLockEnabled: true } }))[0]!;

    it('scans and tags new objects under dossiers/ of the files bucket when the plan is deployed', () => {
      const p = plan();
      expect(p.Properties.ProtectedResource).toEqual({
        S3Bucket: { BucketName: { Ref: filesId() }, ObjectPrefixes: ['dossiers/'] },
      });
      expect(p.Properties.Actions).toEqual({ Tagging: { Status: 'ENABLED' } });
    });

    it('covers every prefix the S3-triggered handlers verify', () => {
      const scanned = plan().Properties.ProtectedResource.S3Bucket.ObjectPrefixes as string[];
      for (const e of evenementsS3) expect(scanned.some((prefix) => e.prefixe.startsWith(prefix)), e.prefixe).toBe(true);
    });

    it('uses a role only GuardDuty assumes, created with its permissions before the plan', () => {
      const p = plan();
      const roleId = (p.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(p.DependsOn).toContain(roleId);
      const role = template.toJSON().Resources[roleId];
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: MALWARE_PROTECTION_PRINCIPAL } },
      ]);
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const statements = role.Properties.Policies[0].PolicyDocument.Statement as {
        Sid: string;
        Action: string | string[];
        Resource: unknown;
        Condition?: unknown;
      }[];
      const bySid = (sid: string) => statements.find((st) => st.Sid === sid);
      const bucketArn = { 'Fn::GetAtt': [filesId(), 'Arn'] };
      const objects = { 'Fn::Join': ['', [bucketArn, '/*']] };
      expect(bySid('AllowMalwareScan')).toMatchObject({ Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: objects });
      expect(bySid('AllowPostScanTag')).toMatchObject({ Resource: objects });
      expect(bySid('AllowPostScanTag')!.Action).toEqual(expect.arrayContaining(['s3:PutObjectTagging', 's3:PutObjectVersionTagging']));
      expect(bySid('AllowEnableS3EventBridgeEvents')).toMatchObject({
        Action: ['s3:GetBucketNotification', 's3:PutBucketNotification'],
        Resource: bucketArn,
      });
      expect(bySid('AllowCheckBucketOwnership')).toMatchObject({ Action: 's3:ListBucket', Resource: bucketArn });
      expect(bySid('AllowPutValidationObject')).toMatchObject({
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [bucketArn, '/malware-protection-resource-validation-object']] },
      });
      expect(bySid('AllowManagedRuleToSendS3EventsToGuardDuty')).toMatchObject({
        Condition: { StringLike: { 'events:ManagedBy': MALWARE_PROTECTION_PRINCIPAL } },
      });
      expect(JSON.stringify(bySid('AllowManagedRuleToSendS3EventsToGuardDuty')!.Resource)).toContain(
        ':rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
      );
      // SSE-S3: no KMS statement.
      expect(statements.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith('kms:'))).toEqual([]);
    });

    it('grants no Object Lock action to any role of the stateful stack', () => {
      for (const { holder, actions } of allAllowedActions(template)) {
        expect(allows(actions, 's3:PutObjectRetention'), holder).toBe(false);
        expect(allows(actions, 's3:PutObjectLegalHold'), holder).toBe(false);
      }
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
        CallbackURLs: origins.map((o) => `${o}/auth/callback`),
      });
      expect(client!.Properties.ReadAttributes).toContain('custom:oi');
      expect(client!.Properties.WriteAttributes).not.toContain('custom:oi');
    });

    it('sends back to /auth/callback of every origin, and signs out to each origin’s root', () => {
      const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
      expect(client!.Properties.CallbackURLs).toEqual(origins.map((o) => `${o}${AUTH_CALLBACK_PATH}`));
      expect(client!.Properties.CallbackURLs).toEqual(['https://guichet.example.fr/auth/callback', 'https://d123.cloudfront.net/auth/callback']);
      expect(client!.Properties.LogoutURLs).toEqual(origins.map((o) => `${o}/`));
      expect(client!.Properties.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile', 'aws.cognito.signin.user.admin']);
    });

    it('revokes refresh tokens at sign-out and rotates them on refresh', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        EnableTokenRevocation: true,
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: REFRESH_TOKEN_ROTATION_GRACE.toSeconds() },
      });
    });

    it('serves the managed login (version 2) with Cognito’s branding for the SPA client when a domain prefix is set', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
      withDomain.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'guichet-recette', ManagedLoginVersion: 2 });
      const [clientId] = Object.keys(withDomain.findResources('AWS::Cognito::UserPoolClient'));
      withDomain.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
        ClientId: { Ref: clientId },
        UseCognitoProvidedValues: true,
      });
    });

    it('keeps MFA optional with TOTP only and attaches the Pre Token Generation trigger (event version 2)', () => {
      const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
      expect(pool!.Properties.MfaConfiguration).toBe('OPTIONAL');
      expect(pool!.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      const config = pool!.Properties.LambdaConfig.PreTokenGenerationConfig as { LambdaArn: { 'Fn::GetAtt': [string, string] }; LambdaVersion: string };
      expect(config.LambdaVersion).toBe('V2_0');
      const trigger = config.LambdaArn['Fn::GetAtt'][0];
      const fn = template.findResources('AWS::Lambda::Function')[trigger]!;
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'cognito-idp.amazonaws.com', FunctionName: { 'Fn::GetAtt': [trigger, 'Arn'] } });
      // AdminGetUser on this pool only, through a policy apart from the role (no pool ↔ function cycle).
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role));
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
      const cognito = statements.filter((x) => [x.Action].flat().some((a) => a.startsWith('cognito-idp:')));
      expect(cognito).toEqual([expect.objectContaining({ Action: 'cognito-idp:AdminGetUser', Resource: { 'Fn::GetAtt': [expect.stringMatching(/UserPool/), 'Arn'] } })]);
    });

    it('sends its e-mails through SES from the configured address', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          From: `Guichet <${PLACEHOLDER_FROM_EMAIL}>`,
          SourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([`:identity/${PLACEHOLDER_FROM_EMAIL}`])]) }),
        },
        VerificationMessageTemplate: Match.objectLike({ EmailSubject: Match.stringLikeRegexp('confirmez') }),
        AdminCreateUserConfig: Match.objectLike({
          InviteMessageTemplate: Match.objectLike({ EmailSubject: 'Guichet : votre accès' }),
        }),
      });
      withDomain.hasResourceProperties('AWS::Cognito::UserPool', {
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          From: 'Guichet <ne-pas-repondre@guichet.example.fr>',
          ReplyToEmailAddress: 'contact@guichet.example.fr',
          SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':ses:eu-west-1:'), Match.stringLikeRegexp(':identity/guichet.example.fr$')])] },
        },
      });
    });

    it('exports the issuer, the client id and the managed login URL under explicit names', () => {
      expect(stack.exportNames.oidcIssuer).toBe('Test-Stateful-OidcIssuer');
      expect(stack.exportNames.userPoolClientId).toBe('Test-Stateful-UserPoolClientId');
      expect(stack.exportNames.loginBaseUrl).toBeUndefined();
      const issuer = template.findOutputs('OidcIssuer').OidcIssuer!;
      expect(issuer.Export).toEqual({ Name: 'Test-Stateful-OidcIssuer' });
      expect(JSON.stringify(issuer.Value)).toMatch(/https:\/\/cognito-idp\.".*AWS::Region.*AWS::URLSuffix/);
      expect(Object.keys(withDomain.findOutputs('LoginBaseUrl'))).toEqual(['LoginBaseUrl']);
    });

    it('puts self-registered users in the porteur group through a PostConfirmation trigger that may do nothing else', () => {
      const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
      const trigger = (pool!.Properties.LambdaConfig as { PostConfirmation: { 'Fn::GetAtt': [string, string] } }).PostConfirmation['Fn::GetAtt'][0];
      const fn = template.findResources('AWS::Lambda::Function')[trigger]!;
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com', FunctionName: { 'Fn::GetAtt': [trigger, 'Arn'] } });
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === role));
      const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
      const cognito = statements.filter((x) => [x.Action].flat().some((a) => a.startsWith('cognito-idp:')));
      expect(cognito).toEqual([expect.objectContaining({ Action: 'cognito-idp:AdminAddUserToGroup', Resource: { 'Fn::GetAtt': [expect.stringMatching(/UserPool/), 'Arn'] } })]);
      const autres = statements.flatMap((x) => [x.Action].flat()).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:') && a !== 'cognito-idp:AdminAddUserToGroup');
      expect(autres).toEqual([]);
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
