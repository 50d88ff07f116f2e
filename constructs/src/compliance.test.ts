import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { synthSampleDomains } from './testing/synthSampleDomains';

describe('compliance of the sample domains', () => {
  const { app } = synthSampleDomains();

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

  it('does report findings (the packs are live, not vacuous)', () => {
    const stack = new Stack(new App(), 'Insecure');
    new Bucket(stack, 'Plain');
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map(v => v.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
    );
  });
});
