import { App } from 'aws-cdk-lib';
import { addCompliancePacks } from '../src/compliance/compliancePacks';
import { SampleDomainsStack } from './sampleDomainsStack';

/**
 * The sample domains as one CDK app: `npm run synth --workspace constructs`
 * writes it to constructs/cdk.out, offline, checked by three cdk-nag packs
 * (synth fails on any unacknowledged finding; see `src/compliance/compliancePacks.ts`).
 */
const app = new App();
new SampleDomainsStack(app, 'DataMeshSampleDomains', {
  description: 'Financial data mesh: sample domains trading, credit, customer',
});
addCompliancePacks(app);
app.synth();
