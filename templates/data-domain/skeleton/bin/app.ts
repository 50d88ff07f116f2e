import { App } from 'aws-cdk-lib';
import { addCompliancePacks } from '@financial-data-mesh/constructs';
import { DataDomainStack } from '../lib/data-domain-stack';

// Account and region come from the deploying credentials (cdk deploy) or
// stay unresolved for an offline `cdk synth`. Product stacks must deploy to
// the same account and region: they read the domain's SSM parameters.
const app = new App();
new DataDomainStack(
  app,
  'DataMeshDomain${{ values.domain | replace("-", " ") | title | replace(" ", "") }}',
  {
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION,
    },
    description: 'Data domain ${{ values.domain }}',
  },
);
addCompliancePacks(app);
app.synth();
