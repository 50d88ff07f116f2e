import { IConstruct } from 'constructs';
import {
  AwsSolutionsChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';

/**
 * The cdk-nag packs the platform holds every stack of the data mesh to. The app
 * runs them at synth (a finding fails it); the tests check them too.
 */
export function compliancePacks(scope?: IConstruct) {
  return [
    new AwsSolutionsChecks(scope),
    new NIST80053R5Checks(scope),
    new PCIDSS321Checks(scope),
  ];
}
