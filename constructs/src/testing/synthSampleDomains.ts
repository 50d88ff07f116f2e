import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SampleDomainsStack } from '../../examples/sampleDomainsStack';

/** The sample domains synthesised once, for a test file to share. */
export interface SynthesisedSampleDomains {
  readonly app: App;
  readonly stack: SampleDomainsStack;
  readonly assembly: ReturnType<App['synth']>;
  readonly template: Template;
}

export function synthSampleDomains(
  context: Record<string, unknown> = {},
): SynthesisedSampleDomains {
  const app = new App({ context });
  const stack = new SampleDomainsStack(app, 'SampleDomains');
  const assembly = app.synth();
  const template = Template.fromJSON(
    assembly.getStackByName(stack.stackName).template,
  );
  return { app, stack, assembly, template };
}
