/**
 * CDK entry point (`cdk.json` → `npx tsx infra/app.ts`). Context keys: see infra/config.ts. cdk-nag AwsSolutions
 * runs on every stack, so a finding without a written suppression fails `cdk synth`.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '#infra/config';
import { buildGuichet } from '#infra/guichet';
import { builtWebAssets } from '#infra/paths';

const app = new App();
buildGuichet(app, { ...readConfig(app), webAssetsPath: builtWebAssets() });
Tags.of(app).add('application', 'guichet');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
