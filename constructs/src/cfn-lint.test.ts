import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SAMPLE_DOMAINS_WITH_OPTIONS,
  synthSampleDomains,
  TemplateResources,
} from './testing/synthSampleDomains';

/** One finding of `cfn-lint --format json`. */
interface CfnLintMatch {
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Rule: { readonly Id: string; readonly ShortDescription: string };
  readonly Filename: string;
  readonly Location: { readonly Path: ReadonlyArray<string | number> };
  readonly Message: string;
}

/**
 * The warnings accepted, each for the resource types it is known for and
 * why it cannot be fixed here. Errors are never accepted.
 */
const ACCEPTED_WARNINGS: ReadonlyArray<{
  readonly rule: string;
  readonly resourceTypes: readonly string[];
  readonly reason: string;
}> = [
  {
    rule: 'W3005',
    resourceTypes: [
      'AWS::Lambda::Function',
      'AWS::StepFunctions::StateMachine',
    ],
    reason:
      "aws-cdk-lib's Function and StateMachine add a dependency on their whole role construct, rendered as DependsOn on the role and its policy; the role entry repeats the role ARN reference (aws/aws-cdk#24578). Harmless, and the policy entry is needed.",
  },
];

const CFN_LINT = 'cfn-lint';
/**
 * The sample stack is environment-agnostic; these are the regions the docs
 * and tests use, so region-specific rules (resource types, properties) run.
 */
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
/** Two syntheses, then cfn-lint over two templates in three regions. */
const TIMEOUT_MS = 120_000;

/** Runs cfn-lint on the templates; fails with what to install when it is missing. */
function cfnLint(files: readonly string[]): CfnLintMatch[] {
  const args = ['--format', 'json', '--regions', ...REGIONS, '--', ...files];
  const run = spawnSync(CFN_LINT, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    throw new Error(
      `${CFN_LINT} could not be run (${run.error.message}): install it with \`pip install cfn-lint\` and put it on PATH; CI has it`,
    );
  }
  // Exit codes are a bit mask of the levels found (2 error, 4 warning,
  // 8 informational); only a parse of the output tells findings from failure.
  try {
    return JSON.parse(run.stdout) as CfnLintMatch[];
  } catch {
    throw new Error(
      `${CFN_LINT} exited with ${run.status} and no JSON findings:\n${run.stderr}`,
    );
  }
}

describe('cfn-lint on every synthesised template', () => {
  let workDir: string;
  const templates = new Map<string, { Resources: TemplateResources }>();

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'datamesh-cfn-lint-'));
    for (const [name, props] of [
      ['sample-domains', {}],
      ['sample-domains-with-options', SAMPLE_DOMAINS_WITH_OPTIONS],
    ] as const) {
      const synth = synthSampleDomains({}, props);
      const template = synth.assembly.getStackByName(
        synth.stack.stackName,
      ).template;
      const file = join(workDir, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(template, null, 1));
      templates.set(file, template);
    }
  }, TIMEOUT_MS);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it(
    'finds no errors, and no warnings but the accepted ones',
    () => {
      const matches = cfnLint([...templates.keys()]);
      const resourceTypeOf = (match: CfnLintMatch): string | undefined => {
        const [section, logicalId] = match.Location.Path;
        return section === 'Resources'
          ? templates.get(match.Filename)?.Resources[String(logicalId)]?.Type
          : undefined;
      };
      const accepts = (
        accepted: (typeof ACCEPTED_WARNINGS)[number],
        match: CfnLintMatch,
      ): boolean =>
        match.Level === 'Warning' &&
        accepted.rule === match.Rule.Id &&
        accepted.resourceTypes.includes(resourceTypeOf(match) ?? '');
      const problems = matches
        .filter(match => !ACCEPTED_WARNINGS.some(a => accepts(a, match)))
        .map(
          match =>
            `${match.Level} ${match.Rule.Id} ${match.Location.Path.join('/')}: ${match.Message}`,
        );
      expect(problems).toEqual([]);
      // An accepted warning that no longer occurs should leave the list.
      const stale = ACCEPTED_WARNINGS.filter(
        accepted => !matches.some(match => accepts(accepted, match)),
      ).map(accepted => accepted.rule);
      expect(stale).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
