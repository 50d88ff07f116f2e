import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { SampleDomainsStack } from './sampleDomainsStack';

/**
 * The sample domains as one CDK app: `npm run synth --workspace constructs`
 * writes it to constructs/cdk.out, offline, checked by three cdk-nag packs
 * (synth fails on any unacknowledged finding).
 */
const app = new App();
new SampleDomainsStack(app, 'DataMeshSampleDomains', {
  description: 'Financial data mesh: sample domains trading, credit, customer',
});
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new PCIDSS321Checks(app),
);
app.synth();
