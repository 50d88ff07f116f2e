import { App, Validations } from 'aws-cdk-lib';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';

/**
 * Registers the three cdk-nag packs as validation plugins of the app: at
 * the end of `app.synth()` every stack is checked, and any unacknowledged
 * finding fails synth (an exception in tests, exit code 1 under
 * `cdk synth`). A passing pack leaves no entry in
 * `cdk.out/validation-report.json` (`"pluginReports": []`): aws-cdk-lib
 * only lists plugins with violations or acknowledged ones.
 */
export function addCompliancePacks(app: App): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
  );
}
