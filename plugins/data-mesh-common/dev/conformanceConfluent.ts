/**
 * Measures how often `diffSchemas`' BACKWARD verdict agrees with Confluent
 * Schema Registry's on its own JSON Schema diff cases, read from a folder
 * outside this repository (their licence is not ours; see its ORIGIN.md).
 * Prints agreement per file, the confusion matrix and every mismatch.
 *
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs \
 *   plugins/data-mesh-common/dev/conformanceConfluent.ts \
 *   [casesDir] [--min-agreement 0.97]
 *
 * casesDir defaults to ../shared/confluent-json-schema-diff. Exits 1 on
 * any unsafe case (project compatible, Confluent breaking), any crash, or
 * agreement below --min-agreement (a fraction, default 0); 2 on bad
 * arguments or unreadable case files.
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { resolve } from 'node:path';
import { readCaseFiles } from '../src/compatibility/conformance/caseFiles';
import { judgeCases } from '../src/compatibility/conformance/judgeCases';
import {
  formatSummary,
  gateFailures,
  summarizeOutcomes,
} from '../src/compatibility/conformance/summarizeOutcomes';

function parseArguments(args: string[]): {
  directory: string;
  minAgreement: number;
} {
  let directory: string | undefined;
  let minAgreement = 0;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--min-agreement') {
      minAgreement = Number(args[i + 1]);
      i += 1;
      if (!(minAgreement >= 0 && minAgreement <= 1)) {
        throw new Error('--min-agreement takes a fraction from 0 to 1');
      }
    } else if (args[i].startsWith('--') || directory !== undefined) {
      throw new Error(`unexpected argument "${args[i]}"`);
    } else {
      directory = args[i];
    }
  }
  return {
    directory: resolve(directory ?? '../shared/confluent-json-schema-diff'),
    minAgreement,
  };
}

function main(): number {
  let options: ReturnType<typeof parseArguments>;
  let cases: ReturnType<typeof readCaseFiles>;
  try {
    options = parseArguments(process.argv.slice(2));
    cases = readCaseFiles(options.directory);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const summary = summarizeOutcomes(judgeCases(cases));
  console.log(`Cases from ${options.directory}`);
  console.log(formatSummary(summary).join('\n'));
  const failures = gateFailures(summary, options.minAgreement);
  if (failures.length > 0) {
    console.error(`\nFAILED: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
