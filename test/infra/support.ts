/** Shared helpers of the infra tests: the app built with the real cdk.json context, cdk-nag findings, IAM lookups. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { fromRoot } from '#infra/paths';

/** The feature flags and settings of cdk.json, so that tests synthesize what `cdk synth` synthesizes. */
export function cdkContext(): Record<string, unknown> {
  const json: unknown = JSON.parse(readFileSync(fromRoot('cdk.json'), 'utf8'));
  if (typeof json !== 'object' || json === null || !('context' in json)) throw new Error('cdk.json has no context');
  return json.context as Record<string, unknown>;
}

export function newApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...cdkContext(), ...context } });
}

/** cdk-nag v3 findings (AwsSolutions pack) that no `Validations.of(...).acknowledge` covers. */
export function nagViolations(scope: IConstruct, severity: 'error' | 'warning'): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations
    .filter((v) => v.severity === severity)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

type Resources = Record<string, { Properties?: Record<string, unknown> }>;

/** Logical id of the Lambda function whose description starts with `METHOD /path ` (set by the api stack). */
export function functionFor(template: Template, method: string, path: string): { id: string; props: Record<string, unknown> } {
  const functions = template.findResources('AWS::Lambda::Function') as Resources;
  const found = Object.entries(functions).filter(([, r]) =>
    String(r.Properties?.Description ?? '').startsWith(`${method} ${path} `),
  );
  if (found.length !== 1) throw new Error(`expected one function for ${method} ${path}, found ${found.length}`);
  const [id, resource] = found[0]!;
  return { id, props: resource.Properties ?? {} };
}

export function environmentOf(props: Record<string, unknown>): Record<string, unknown> {
  const env = props.Environment as { Variables?: Record<string, unknown> } | undefined;
  return env?.Variables ?? {};
}

/** Every IAM action allowed to the execution role of a function. */
export function actionsOf(template: Template, fnProps: Record<string, unknown>): string[] {
  const roleArn = fnProps.Role as { 'Fn::GetAtt': [string, string] };
  const roleId = roleArn['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  const actions: string[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((r) => r.Ref === roleId)) continue;
    const doc = policy.Properties?.PolicyDocument as { Statement: { Effect: string; Action: string | string[] }[] };
    for (const s of doc.Statement) {
      if (s.Effect === 'Allow') actions.push(...(Array.isArray(s.Action) ? s.Action : [s.Action]));
    }
  }
  return actions;
}

/** Whether an IAM action list allows `action`, wildcards included (`s3:PutObject*` allows s3:PutObjectRetention). */
export function allows(actions: readonly string[], action: string): boolean {
  return actions.some((a) => {
    const escaped = a.replace(/[.+?^$()|[\]\\{}]/g, '\\$&').replace(/\*/g, '.*');
    return new RegExp('^' + escaped + '$', 'i').test(action);
  });
}

/** Every action allowed by any IAM policy or inline role policy of a template, with the resource holding it. */
export function allAllowedActions(template: Template): { holder: string; actions: string[] }[] {
  const out: { holder: string; actions: string[] }[] = [];
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  type Doc = { Statement: { Effect: string; Action: string | string[] }[] };
  for (const [id, r] of Object.entries(resources)) {
    const docs: Doc[] = [];
    if (r.Type === 'AWS::IAM::Policy') docs.push(r.Properties?.PolicyDocument as Doc);
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of (r.Properties?.Policies ?? []) as { PolicyDocument: Doc }[]) docs.push(p.PolicyDocument);
    }
    const actions = docs.flatMap((d) => d.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()));
    if (actions.length > 0) out.push({ holder: id, actions });
  }
  return out;
}
