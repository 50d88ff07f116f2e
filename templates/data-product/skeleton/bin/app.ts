import { App, Validations } from 'aws-cdk-lib';
import { compliancePacks } from '../lib/compliance';
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
Validations.of(app).addPlugins(...compliancePacks(app));
app.synth();
