import { IConstruct } from 'constructs';
import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';

/**
 * The cdk-nag packs the platform holds every stack of the data mesh to:
 * AWS Solutions, NIST 800-53 R5 and PCI DSS 3.2.1. One list, so the
 * library's tests, the example apps and every generated domain and
 * product repository check the same rules.
 *
 * @public
 */
export function compliancePacks(scope?: IConstruct) {
  return [
    new AwsSolutionsChecks(scope),
    new NIST80053R5Checks(scope),
    new PCIDSS321Checks(scope),
  ];
}

/**
 * Registers the packs as validation plugins of the app: at the end of
 * `app.synth()` every stack is checked, and any unacknowledged finding
 * fails synth (an exception in tests, exit code 1 under `cdk synth`). A
 * passing pack leaves no entry in `cdk.out/validation-report.json`
 * (`"pluginReports": []`): aws-cdk-lib only lists plugins with violations
 * or acknowledged ones.
 *
 * @public
 */
export function addCompliancePacks(app: App): void {
  Validations.of(app).addPlugins(...compliancePacks(app));
}
