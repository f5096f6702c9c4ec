/**
 * CDK app entry (`cdk.json`: `npx tsx infra/app.ts`). Synthesis runs the AWS Solutions
 * cdk-nag checks; an unacknowledged finding fails `npm run synth` and `cdk deploy`.
 * See docs/deploy.md for the context values.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defineWoodpecker } from './stacks/woodpecker.js';

const app = new App();
defineWoodpecker(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
