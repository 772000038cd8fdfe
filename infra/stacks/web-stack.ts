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
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { accessLogsBucket, privateBucket } from '#infra/constructs/buckets';
import { securityHeadersPolicy } from '#infra/constructs/security-headers';
import { spaRewriteFunction } from '#infra/constructs/spa-rewrite';
import { acknowledgeBucketDeployment } from '#infra/nag';

export interface WebStackProps extends StackProps {
  /** Host name of the HTTP API (`<id>.execute-api.<region>.amazonaws.com`); its stage is named like the `/api` prefix. */
  apiDomainName: string;
  /** Built SPA folder (`web/dist`); when undefined nothing is uploaded and a note is emitted. */
  webAssetsPath?: string;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
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

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Guichet',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [
          { function: spaRewriteFunction(this, 'SpaRewrite'), eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomainName, {
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
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.suppressDistributionFindings(Boolean(certificate), Boolean(props.webAclArn));

    if (props.webAssetsPath) {
      new BucketDeployment(this, 'DeploySpa', {
        sources: [Source.asset(props.webAssetsPath)],
        destinationBucket: this.siteBucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      acknowledgeBucketDeployment(this);
    } else {
      Annotations.of(this).addInfo(
        'web/dist is absent at synth time: the SPA is not deployed. Run `npm run build:web`, then synth/deploy again.',
      );
    }

    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'Url', { value: `https://${props.domainName ?? this.distribution.distributionDomainName}` });
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
