/**
 * Exports EventBridge Schema Registries of one AWS account and region into
 * a local mirror folder that the `directory` source reads.
 *
 * Usage (from the repository root):
 *   npm run registry:export -- --region eu-west-1 --out ./mirror \
 *     [--registry trading --registry credit] [--prefix fin-] [--endpoint URL]
 *
 * Credentials come from the standard AWS chain (environment, profile, SSO,
 * instance role): run it where `aws sts get-caller-identity` works.
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SchemasClient } from '@aws-sdk/client-schemas';
import { exportRegistries } from '../src/export/exportRegistries';
import { AwsRegistrySource } from '../src/sources/aws/AwsRegistrySource';

async function main() {
  const { values } = parseArgs({
    options: {
      region: { type: 'string' },
      out: { type: 'string' },
      registry: { type: 'string', multiple: true },
      prefix: { type: 'string' },
      endpoint: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const region = values.region ?? process.env.AWS_REGION;
  if (!region || !values.out) {
    throw new Error(
      'usage: registry:export -- --region <region> --out <folder> [--registry <name>]... [--prefix <p>] [--endpoint <url>]',
    );
  }
  const source = new AwsRegistrySource({
    id: 'export',
    client: new SchemasClient({
      region,
      endpoint: values.endpoint,
      maxAttempts: 6,
    }),
    region,
    registries: { names: values.registry, prefix: values.prefix },
    concurrency: Number(values.concurrency),
  });
  const summary = await exportRegistries(
    source,
    resolve(values.out),
    console.log,
  );
  for (const warning of summary.warnings) {
    console.warn(`warning: ${warning}`);
  }
  console.log(
    `Exported ${summary.registries.length} registries to ${values.out}`,
  );
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
