import assert from 'node:assert/strict';
import { test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  compliancePacks,
  DOMAIN_PARAMETERS,
  domainParameterName,
  DomainParameter,
} from '@financial-data-mesh/constructs';
import {
  BYTES_SCANNED_CUTOFF_GIB,
  DATA_RETENTION_DAYS,
  DataDomainStack,
  DOMAIN,
} from '../lib/data-domain-stack';

const app = new App();
const stack = new DataDomainStack(app, 'Test');
const template = Template.fromStack(stack);

test('the stack holds what the products share', () => {
  template.hasResourceProperties('AWS::Events::EventBus', {
    Name: `datamesh-${DOMAIN}`,
  });
  template.resourceCountIs('AWS::Events::Archive', 1);
  template.resourceCountIs('AWS::EventSchemas::Registry', 1);
  template.resourceCountIs('AWS::Glue::Database', 1);
  template.hasResourceProperties('AWS::Athena::WorkGroup', {
    WorkGroupConfiguration: Match.objectLike({
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF_GIB * 1024 ** 3,
    }),
  });
});

test('every attribute a product stack imports is published in SSM', () => {
  const names = Object.values(
    template.findResources('AWS::SSM::Parameter'),
  ).map(parameter => parameter.Properties.Name);
  assert.deepEqual(
    names.sort(),
    (Object.keys(DOMAIN_PARAMETERS) as DomainParameter[])
      .map(attribute => domainParameterName(DOMAIN, attribute))
      .sort(),
  );
  template.hasResourceProperties('AWS::SSM::Parameter', {
    Name: domainParameterName(DOMAIN, 'dataRetentionDays'),
    Value: String(DATA_RETENTION_DAYS),
  });
});

test('the lake and the archive keep data for the domain retention', () => {
  template.hasResourceProperties('AWS::Events::Archive', {
    RetentionDays: DATA_RETENTION_DAYS,
  });
  template.hasResourceProperties('AWS::S3::Bucket', {
    LifecycleConfiguration: {
      Rules: Match.arrayWith([
        Match.objectLike({
          Id: 'retention-data',
          Prefix: 'data/',
          ExpirationInDays: DATA_RETENTION_DAYS,
        }),
      ]),
    },
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
