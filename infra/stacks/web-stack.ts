import { Annotations, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionEventType,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { accessLogsBucket, privateBucket } from '#infra/constructs/buckets';
import { SPA_SCOPES } from '#infra/constructs/identity';
import { securityHeadersPolicy } from '#infra/constructs/security-headers';
import { spaRewriteFunction } from '#infra/constructs/spa-rewrite';
import { acknowledgeBucketDeployment } from '#infra/nag';
import { ENTETE_ORIGINE } from '#shared/http/origine';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';

export interface WebStackProps extends StackProps {
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`); its stage is named like the `/api` prefix. */
  apiDomainName: string;
  /** Built SPA folder (`web/dist`); when undefined nothing is uploaded and a note is emitted. */
  webAssetsPath?: string;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
  /**
   * Where the WAF stack (us-east-1) wrote its web ACL's ARN, read at deployment by a custom resource when no
   * `webAclArn` is given: the web stack stays region-agnostic and the distribution always has a web ACL.
   */
  webAclParameter?: { name: string; region: string };
  /** The Cognito user pool the SPA signs in with, written to `/config.json`. */
  auth: WebAuthProps;
  /**
   * ARN of the secret CloudFront adds to every request it forwards to the API (header ENTETE_ORIGINE): the API
   * refuses requests without it, so its default endpoint cannot be used to go around this distribution's web ACL.
   */
  secretOrigineArn?: string;
}

export interface WebAuthProps {
  /** OpenID issuer of the user pool (`https://cognito-idp.<region>.amazonaws.com/<poolId>`). */
  authority: string;
  /** The SPA client id. */
  clientId: string;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`, when a managed login domain exists: gives `urlDeconnexion`. */
  loginBaseUrl?: string;
}

/** Construct id of CDK's singleton provider function behind every AwsCustomResource of a stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';

/** Object key of the SPA's runtime configuration, read by the SPA at start (`fetch('/config.json')`). */
export const SPA_CONFIG_KEY = 'config.json';

/** What `/config.json` holds (the SPA's oidc-client-ts settings). */
export interface SpaConfig {
  authority: string;
  clientId: string;
  scopes?: string;
  /** Extra parameters of the authorization request: `lang=fr` for the French managed login. */
  parametresAutorisation?: Record<string, string>;
  /** Cognito's logout endpoint, back to the SPA's origin (a logout URL of the client). */
  urlDeconnexion?: string;
}

/** `/config.json` for a SPA served at `origin` (`https://host`), deploy-time tokens allowed. */
export function spaConfig(auth: WebAuthProps, origin: string): SpaConfig {
  return {
    authority: auth.authority,
    clientId: auth.clientId,
    scopes: SPA_SCOPES.map((s) => s.scopeName).join(' '),
    parametresAutorisation: { lang: 'fr' },
    ...(auth.loginBaseUrl
      ? { urlDeconnexion: `${auth.loginBaseUrl}/logout?client_id=${auth.clientId}&logout_uri=${origin}/` }
      : {}),
  };
}

/** The SPA bucket and the CloudFront distribution that serves it and forwards `/api/*` to the HTTP API. */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly siteBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    const logs = accessLogsBucket(this, 'AccessLogs', { acls: true });
    this.siteBucket = privateBucket(this, 'Site', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'site/' });
    const headers = securityHeadersPolicy(this, 'SecurityHeaders');
    const certificate = props.certificateArn
      ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;

    const webAclId = props.webAclArn ?? (props.webAclParameter ? this.readWebAclArn(props.webAclParameter) : undefined);
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Guichet',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { function: spaRewriteFunction(this, 'SpaRewrite'), eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        // Never cached at the edge: a redeployment of the stateful stack (new client id) reaches browsers at once.
        [`/${SPA_CONFIG_KEY}`]: {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: headers,
        },
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
            // Resolved by CloudFormation at deployment (a dynamic reference, not in the template).
            ...(props.secretOrigineArn
              ? { customHeaders: { [ENTETE_ORIGINE]: Secret.fromSecretCompleteArn(this, 'SecretOrigine', props.secretOrigineArn).secretValue.unsafeUnwrap() } }
              : {}),
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            readTimeout: Duration.seconds(30),
          }),
          // A redirect would drop POST bodies: plain HTTP is refused instead.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      ...(certificate && props.domainName
        ? { certificate, domainNames: [props.domainName], minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(webAclId ? { webAclId } : {}),
    });
    this.suppressDistributionFindings(Boolean(certificate), Boolean(webAclId));

    const origin = `https://${props.domainName ?? this.distribution.distributionDomainName}`;
    // Deploy-time values (pool issuer, client id, distribution domain) are filled in by the deployment's provider.
    new BucketDeployment(this, 'DeployConfig', {
      sources: [Source.jsonData(SPA_CONFIG_KEY, spaConfig(props.auth, origin))],
      destinationBucket: this.siteBucket,
      // The SPA deployment below prunes everything but this file; this one prunes nothing.
      prune: false,
      cacheControl: [CacheControl.noCache()],
      contentType: 'application/json',
      distribution: this.distribution,
      distributionPaths: [`/${SPA_CONFIG_KEY}`],
    });
    if (props.webAssetsPath) {
      new BucketDeployment(this, 'DeploySpa', {
        // Source maps are never uploaded: they would publish the whole source.
        sources: [Source.asset(props.webAssetsPath, { exclude: [SPA_CONFIG_KEY, '*.map', '**/*.map'] })],
        destinationBucket: this.siteBucket,
        exclude: [SPA_CONFIG_KEY, '*.map', '**/*.map'],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
    } else {
      Annotations.of(this).addInfo(
        'web/dist is absent at synth time: the SPA is not deployed. Run `npm run build:web`, then synth/deploy again.',
      );
    }

    acknowledgeBucketDeployment(this);

    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'Url', { value: `https://${props.domainName ?? this.distribution.distributionDomainName}` });
  }

  /** The web ACL's ARN from the SSM parameter the WAF stack writes in us-east-1 (read on every deployment). */
  private readWebAclArn(parameter: { name: string; region: string }): string {
    const reader = new AwsCustomResource(this, 'WebAclArn', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: parameter.name },
        region: parameter.region,
        physicalResourceId: PhysicalResourceId.of(parameter.name),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: [`arn:${this.partition}:ssm:${parameter.region}:${this.account}:parameter${parameter.name}`],
      }),
      installLatestAwsSdk: false,
    });
    const provider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER);
    if (provider) {
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK AwsCustomResource provider (deploy-time only): CDK attaches the AWS-managed basic execution policy to its singleton role; its own statement is ssm:GetParameter on the one web ACL parameter.',
        },
        { id: 'AwsSolutions-L1', reason: 'CDK AwsCustomResource provider: its Node.js runtime is pinned by aws-cdk-lib and upgraded with it.' },
      );
    }
    return reader.getResponseField('Parameter.Value');
  }

  private suppressDistributionFindings(customCertificate: boolean, webAcl: boolean): void {
    const suppressions = [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: porteurs de projet, OI staff and comité members connect from metropolitan France, the overseas departments and abroad (partners, travel); access is controlled by authentication, not geography.',
      },
    ];
    if (!customCertificate) {
      suppressions.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, for which CloudFront does not allow choosing the minimum protocol; set the domainName/certificateArn context to enforce TLSv1.2_2021.',
      });
    }
    if (!webAcl) {
      suppressions.push({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 while these stacks are region-agnostic; it is attached through the webAclArn context when provisioned. The HTTP API stage is throttled meanwhile.',
      });
    }
    Validations.of(this.distribution).acknowledge(...suppressions);
  }
}
