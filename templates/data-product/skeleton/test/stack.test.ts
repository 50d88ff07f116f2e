import assert from 'node:assert/strict';
import { test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { compliancePacks } from '../lib/compliance';
import { DataProductStack } from '../lib/data-product-stack';

const app = new App();
const stack = new DataProductStack(app, 'Test');
const template = Template.fromStack(stack);

test('the stack synthesises the whole pipeline', () => {
  template.resourceCountIs('AWS::Events::EventBus', 1);
  template.resourceCountIs('AWS::EventSchemas::Schema', 1);
  template.resourceCountIs('AWS::Pipes::Pipe', 1);
  template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
  template.hasResourceProperties('AWS::Glue::Table', {
    TableInput: Match.objectLike({ Name: '${{ values.table }}' }),
  });
  template.hasResourceProperties('AWS::Athena::WorkGroup', {
    Name: '${{ values.workgroup }}',
  });
});

test('the Firehose stream writes Parquet', () => {
  template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
    ExtendedS3DestinationConfiguration: Match.objectLike({
      DataFormatConversionConfiguration: Match.objectLike({
        Enabled: true,
        OutputFormatConfiguration: {
          Serializer: { ParquetSerDe: Match.anyValue() },
        },
      }),
    }),
  });
});

test('cdk-nag (AWS Solutions, NIST 800-53 R5, PCI DSS 3.2.1) reports nothing', () => {
  const findings = compliancePacks().flatMap(pack =>
    pack
      .validateScope(app)
      .violations.flatMap(violation =>
        violation.violatingResources.map(
          resource => `${violation.ruleName} at ${resource.resourceLogicalId}`,
        ),
      ),
  );
  assert.deepEqual(findings, []);
});
