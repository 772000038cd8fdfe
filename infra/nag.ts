/**
 * cdk-nag v3 helpers. Findings are acknowledged with `Validations.of(construct).acknowledge({ id, reason })`, one exact
 * finding id at a time (`AwsSolutions-IAM5[Resource::...]`), so ids that name resources are computed here the way
 * cdk-nag prints them.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** cdk-nag's flattening of a CloudFormation value (utils/flatten-cfn-reference in cdk-nag). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o['Fn::ImportValue'] !== undefined) return flatten(o['Fn::ImportValue']);
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/**
 * How cdk-nag names a resource ARN in IAM findings, seen from `scope`'s stack. Only valid for values of that stack
 * (its own resources or explicit `Fn.importValue`s): CDK's automatic cross-stack references are rewritten at synth.
 */
export function nagResourceName(scope: IConstruct, arn: string): string {
  return flatten(Stack.of(scope).resolve(arn));
}

/** The AwsSolutions-IAM5 finding ids cdk-nag would report for the policies under `scope`, as they stand now. */
export function wildcardFindings(scope: IConstruct): string[] {
  const findings = new Set<string>();
  for (const child of scope.node.findAll()) {
    if (!(child instanceof CfnPolicy)) continue;
    const doc = Stack.of(child).resolve(child.policyDocument) as {
      Statement?: { Effect: string; Action: string | string[]; Resource: unknown }[];
    };
    for (const s of doc.Statement ?? []) {
      if (s.Effect !== 'Allow') continue;
      for (const a of [s.Action].flat()) if (a.includes('*')) findings.add(`AwsSolutions-IAM5[Action::${a}]`);
      for (const r of [s.Resource].flat()) {
        const name = flatten(r);
        if (name.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${name}]`);
      }
    }
  }
  return [...findings];
}

/**
 * The provider function of `BucketDeployment` is a CDK-owned singleton whose role, statements and runtime we do not
 * control; its findings are acknowledged on that construct only (deploy-time function, never invoked by users).
 */
export function acknowledgeBucketDeployment(stack: Stack): void {
  const providers = stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const provider of providers) {
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK BucketDeployment provider (deploy-time only): CDK attaches the AWS-managed basic execution policy to its singleton role.',
      },
      {
        id: 'AwsSolutions-L1',
        reason: 'CDK BucketDeployment provider: its Python runtime is pinned by aws-cdk-lib and upgraded with it.',
      },
      ...wildcardFindings(provider).map((id) => ({
        id,
        reason: 'CDK BucketDeployment provider (deploy-time only): copies the asset zip from the CDK staging bucket into the SPA bucket (object wildcards on those two buckets) and invalidates the distribution (cloudfront:CreateInvalidation has no resource-level scoping in CDK’s grant).',
      })),
    );
  }
}

/**
 * Notifications on an imported bucket go through CDK's `BucketNotifications` custom resource, whose provider is a
 * CDK-owned singleton (inline Python function and role) we do not control either; its findings are acknowledged on
 * that construct only. It is a deploy-time function: CloudFormation invokes it to put the bucket's notification
 * configuration, with s3:PutBucketNotification/GetBucketNotification on the files bucket only.
 */
export function acknowledgeBucketNotifications(stack: Stack): void {
  const providers = stack.node.children.filter((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  for (const provider of providers) {
    Validations.of(provider).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK BucketNotifications provider (deploy-time only): CDK attaches the AWS-managed basic execution policy to its singleton role; its own statements are limited to the files bucket’s notification configuration.',
      },
    );
  }
}
