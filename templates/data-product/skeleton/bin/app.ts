import { App } from 'aws-cdk-lib';
import { addCompliancePacks } from '@financial-data-mesh/constructs';
import { DataProductStack } from '../lib/data-product-stack';

// Account and region come from the deploying credentials (cdk deploy) or
// stay unresolved for an offline `cdk synth`.
const app = new App();
new DataProductStack(
  app,
  '${{ values.domain | replace("-", " ") | title | replace(" ", "") }}${{ values.name | replace("-", " ") | title | replace(" ", "") }}',
  {
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION,
    },
    description: 'Data product ${{ values.domain }}/${{ values.name }}',
  },
);
addCompliancePacks(app);
app.synth();
