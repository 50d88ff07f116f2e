import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { addCompliancePacks } from './compliance/compliancePacks';
import { SampleDomainsStackProps } from '../examples/sampleDomainsStack';
import {
  SAMPLE_DOMAINS_WITH_OPTIONS,
  synthSampleDomains,
} from './testing/synthSampleDomains';

describe.each<[string, SampleDomainsStackProps]>([
  ['the sample domains', {}],
  [
    'the sample domains with latestState and scheduledQuery on',
    SAMPLE_DOMAINS_WITH_OPTIONS,
  ],
])('compliance of %s', (_variant, props) => {
  const { app } = synthSampleDomains({}, props);

  it.each([
    ['AWS Solutions', new AwsSolutionsChecks()],
    ['NIST 800-53 R5', new NIST80053R5Checks()],
    ['PCI DSS 3.2.1', new PCIDSS321Checks()],
  ])('has no unacknowledged %s finding', (_name, pack) => {
    const report = pack.validateScope(app);
    const findings = report.violations.flatMap(violation =>
      violation.violatingResources.map(
        resource =>
          `${violation.ruleName} at ${resource.locations.join(', ') || resource.resourceLogicalId}`,
      ),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('gives a reason with every acknowledgement', () => {
    const reasons = app.node
      .findAll()
      .flatMap(construct => construct.node.metadata)
      .filter(entry => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap(entry => Object.entries(entry.data as Record<string, string>));
    expect(reasons.length).toBeGreaterThan(10);
    for (const [rule, reason] of reasons) {
      expect([rule, reason.length > 60]).toEqual([rule, true]);
    }
  });
});

describe('the compliance packs', () => {
  const insecureApp = () => {
    const app = new App();
    new Bucket(new Stack(app, 'Insecure'), 'Plain');
    return app;
  };

  it('do report findings (the packs are live, not vacuous)', () => {
    const report = new AwsSolutionsChecks().validateScope(insecureApp());
    expect(report.violations.map(v => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });

  it('fail synth of an app registered as the example app registers them', () => {
    const app = insecureApp();
    addCompliancePacks(app);
    expect(() => app.synth()).toThrow(
      /AwsSolutions-S1[\s\S]*NIST\.800\.53\.R5-S3BucketLoggingEnabled[\s\S]*PCI\.DSS\.321-S3BucketLoggingEnabled/,
    );
  });
});
