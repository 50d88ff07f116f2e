import assert from 'node:assert/strict';
import { test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { compliancePacks } from '@financial-data-mesh/constructs';
import { DataProductStack } from '../lib/data-product-stack';

const app = new App();
const stack = new DataProductStack(app, 'Test');
const template = Template.fromStack(stack);

test('the stack synthesises the whole pipeline', () => {
  template.resourceCountIs('AWS::EventSchemas::Schema', 1);
  template.resourceCountIs('AWS::Pipes::Pipe', 1);
  template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
  template.hasResourceProperties('AWS::Glue::Table', {
    TableInput: Match.objectLike({ Name: '${{ values.table }}' }),
  });
});

test('the domain is imported: no domain-level resource in this stack', () => {
  for (const type of [
    'AWS::KMS::Key',
    'AWS::Events::EventBus',
    'AWS::Events::Archive',
    'AWS::EventSchemas::Registry',
    'AWS::Glue::Database',
    'AWS::Athena::WorkGroup',
    'AWS::S3::Bucket',
    'AWS::SNS::Topic',
    'AWS::SecretsManager::Secret',
    'AWS::SSM::Parameter',
  ]) {
    template.resourceCountIs(type, 0);
  }
});

test("the domain's attributes come from its SSM parameters", () => {
  const json = template.toJSON();
  assert.equal(JSON.stringify(json).includes('Fn::ImportValue'), false);
  const domainParameters = Object.values(
    json.Parameters as Record<string, { Type: string; Default?: string }>,
  ).filter(parameter =>
    parameter.Default?.startsWith('/datamesh/domains/${{ values.domain }}/'),
  );
  for (const parameter of domainParameters) {
    assert.equal(parameter.Type, 'AWS::SSM::Parameter::Value<String>');
  }
  // The bus it subscribes to, the key, the lake and the retention it
  // checks its contract against are the domain's.
  const names = domainParameters.map(parameter => parameter.Default);
  for (const attribute of [
    'event-bus-arn',
    'key-arn',
    'data-lake-bucket-name',
    'data-retention-days',
  ]) {
    assert.ok(
      names.includes('/datamesh/domains/${{ values.domain }}/' + attribute),
      `no parameter for ${attribute} in ${names.join(', ')}`,
    );
  }
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
