import { Stack, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** A CLOUDFRONT-scoped web ACL can only be created in us-east-1, whatever the region of the other stacks. */
export const WAF_REGION = 'us-east-1';

/** Requests per 5 minutes and client IP, overall and on anonymous documents (`.pdf` under /api/aaps/). */
export const WAF_LIMITS = { perIp: 2000, anonymousDocumentsPerIp: 100 } as const;

export interface WafStackProps extends StackProps {
  /** SSM parameter (in us-east-1) receiving the web ACL's ARN, which the web stack reads at deployment. */
  parameterName: string;
}

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

const managed = (name: string, priority: number, countOnly: string[] = []): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(countOnly.length ? { ruleActionOverrides: countOnly.map((r) => ({ name: r, actionToUse: { count: {} } })) } : {}),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * The web ACL in front of Guichet. The API is an HTTP API, which AWS WAF cannot protect directly (WAF associates with
 * REST API stages, not HTTP APIs), so the ACL is attached to the CloudFront distribution that serves `/api/*`; with
 * the API's custom domain configured, the execute-api endpoint is disabled and CloudFront is the only way in;
 * without one, the functions refuse any request that lacks the secret header CloudFront adds (shared/http/origine.ts).
 */
export class WafStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: WAF_REGION } });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Guichet - AWS managed rules and per-IP rate limits',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('Guichet'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        // JSON bodies of AAP imports and dossiers exceed the common set's 8 KB body limit: that rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'LimiteParIp',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: WAF_LIMITS.perIp, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('LimiteParIp'),
        },
        {
          name: 'LimiteDocumentsAnonymes',
          priority: 4,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: WAF_LIMITS.anonymousDocumentsPerIp,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: '/api/aaps/', textTransformations: [{ priority: 0, type: 'LOWERCASE' }] } },
                    { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'ENDS_WITH', searchString: '.pdf', textTransformations: [{ priority: 0, type: 'LOWERCASE' }] } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('LimiteDocumentsAnonymes'),
        },
      ],
    });
    new StringParameter(this, 'WebAclArn', {
      parameterName: props.parameterName,
      description: 'ARN of the web ACL of the Guichet CloudFront distribution (read by the web stack)',
      stringValue: this.webAcl.attrArn,
    });
  }
}
