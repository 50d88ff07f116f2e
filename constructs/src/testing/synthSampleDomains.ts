import { join } from 'node:path';
import { App, Duration, TimeZone } from 'aws-cdk-lib';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Template } from 'aws-cdk-lib/assertions';
import {
  SampleDomainsStack,
  SampleDomainsStackProps,
} from '../../examples/sampleDomainsStack';

/** The sample domains synthesised once, for a test file to share. */
export interface SynthesisedSampleDomains {
  readonly app: App;
  readonly stack: SampleDomainsStack;
  readonly assembly: ReturnType<App['synth']>;
  readonly template: Template;
}

export function synthSampleDomains(
  context: Record<string, unknown> = {},
  props: SampleDomainsStackProps = {},
): SynthesisedSampleDomains {
  const app = new App({ context });
  const stack = new SampleDomainsStack(app, 'SampleDomains', props);
  const assembly = app.synth();
  const template = Template.fromJSON(
    assembly.getStackByName(stack.stackName).template,
  );
  return { app, stack, assembly, template };
}

/** A synthesised template's resources, by logical id. */
export type TemplateResources = Record<
  string,
  { Type: string; Properties?: any; DeletionPolicy?: string }
>;

/**
 * Where the synth staged the enrichment function of the product whose
 * logical id contains `productIdPart` (its `index.js` and `config.json`).
 */
export function enrichmentAssetDir(
  synth: SynthesisedSampleDomains,
  productIdPart: string,
): string {
  const resources: TemplateResources = synth.template.toJSON().Resources;
  const [, fn] = Object.entries(resources).find(
    ([id, resource]) =>
      resource.Type === 'AWS::Lambda::Function' && id.includes(productIdPart),
  )!;
  return functionAssetDirectory(synth.assembly.directory, fn);
}

/** Where the synth staged a function's code: `asset.<hash>`, named by its S3 key. */
export function functionAssetDirectory(
  assembly: string,
  resource: { readonly Properties?: Record<string, unknown> },
): string {
  const code = resource.Properties?.Code as { S3Key?: string } | undefined;
  return join(
    assembly,
    `asset.${String(code?.S3Key ?? '').replace(/\.zip$/, '')}`,
  );
}

/**
 * The sample domains with both optional features on, each product keyed
 * and scheduled its own way: a saved query by default, a saved query by
 * name, and the product's own SQL.
 */
export const SAMPLE_DOMAINS_WITH_OPTIONS: SampleDomainsStackProps = {
  optionsFor: contract => {
    switch (contract.name) {
      case 'trade-executions':
        return {
          latestState: { keyField: 'trade_id' },
          scheduledQuery: {
            schedule: ScheduleExpression.cron({
              minute: '0',
              hour: '6',
              timeZone: TimeZone.EUROPE_LONDON,
            }),
          },
        };
      case 'credit-decisions':
        return {
          latestState: { keyField: 'application_id' },
          scheduledQuery: {
            schedule: ScheduleExpression.rate(Duration.hours(1)),
            query: 'daily-aggregates',
          },
        };
      default:
        return {
          // A PII field: the state is keyed by its hash, as in the data lake.
          latestState: { keyField: 'customer_id' },
          scheduledQuery: {
            schedule: ScheduleExpression.rate(Duration.days(1)),
            sql: 'SELECT kyc_status, count(*) AS customers FROM "customer"."customer_onboarding" GROUP BY 1',
          },
        };
    }
  },
};
