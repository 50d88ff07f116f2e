import {
  LoggerService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  applyContractDefaults,
  checkContractSchemas,
  CONTRACT_NUMBER_SETTINGS,
  ContractValidationError,
  formatContractIssue,
  parseDataProductContract,
  registryNameFor,
  resolveStorage,
  sampleAthenaQuery,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, posix, relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { Document } from 'yaml';
import { throwIfInvalid } from './inputIssues';

export const VALIDATE_CONTRACT_ACTION_ID = 'datamesh:contract:validate';

const HEADER =
  ' The data product contract: what the platform builds, publishes and\n' +
  ' catalogs. Format: docs/data-contract.md of the data mesh platform.';

/**
 * Validates a data product contract, given as an object (from the form) or
 * as a file in the workspace, together with the event schemas it refers to.
 * Every problem is reported at once, each naming its field.
 * @public
 */
export function createValidateContractAction() {
  return createTemplateAction({
    id: VALIDATE_CONTRACT_ACTION_ID,
    description:
      'Validates a data product contract (data-product.yaml) and the event schemas it references; reports every problem with its field path. Outputs the canonical YAML and the Athena names.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate the contract assembled from the form',
        example: [
          'steps:',
          '  - id: contract',
          '    action: datamesh:contract:validate',
          '    input:',
          '      contract:',
          '        apiVersion: datamesh.fintech/v1',
          '        kind: DataProduct',
          '        name: trade-executions',
          '        domain: trading',
          '        version: 1.0.0',
          '        owner: group:trading-data',
          '        description: Every executed trade.',
          '        classification: confidential',
          '        retention: { days: 2555 }',
          '        sla: { freshnessMinutes: 15, latencyP95Ms: 500 }',
          '        events:',
          '          - detailType: TradeExecuted',
          '            source: com.fintech.trading',
          '            schema: schemas/trade-executed.json',
          '            version: 1',
          '            piiFields: [trader_id]',
          '      schemas:',
          '        schemas/trade-executed.json: ${{ steps.schema.output.schema }}',
        ].join('\n'),
      },
      {
        description: 'Validate a contract file in the workspace',
        example: [
          'steps:',
          '  - action: datamesh:contract:validate',
          '    input:',
          '      path: data-product.yaml',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        contract: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              'The contract as an object (give this or path); omitted retention and SLA settings get the defaults the form shows',
            ),
        path: z =>
          z
            .string()
            .optional()
            .describe(
              'A contract file in the workspace (give this or contract)',
            ),
        schemas: z =>
          z
            .record(z.record(z.unknown()))
            .optional()
            .describe(
              'Event schemas by the path the contract gives them; otherwise they are read from the workspace',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Write the canonical YAML to this workspace path'),
        domainDataRetentionDays: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              "How long the domain's lake keeps data (datamesh:product:check-name outputs it); a longer retention.days is refused",
            ),
      },
      output: {
        yaml: z => z.string().describe('The contract as canonical YAML'),
        contract: z =>
          z.record(z.unknown()).describe('The contract, with defaults applied'),
        registry: z => z.string().describe("The domain's schema registry"),
        database: z => z.string(),
        table: z => z.string(),
        workgroup: z => z.string(),
        sampleQuery: z => z.string().describe('A ready-to-run Athena query'),
      },
    },
    async handler(ctx) {
      const {
        contract,
        path,
        schemas = {},
        targetPath,
        domainDataRetentionDays,
      } = ctx.input;
      if ((contract === undefined) === (path === undefined)) {
        throwIfInvalid(VALIDATE_CONTRACT_ACTION_ID, [
          {
            path: 'contract',
            message:
              'give exactly one of "contract" (an object) or "path" (a file)',
          },
        ]);
      }
      const contractFile = path
        ? resolveSafeChildPath(ctx.workspacePath, path)
        : undefined;
      const text = contractFile
        ? await readContractFile(contractFile, path!)
        : toYaml(withFormDefaults(contract!, ctx.logger));
      const fileLabel = path ?? 'input.contract';
      // Schema paths are relative to the contract, as in a domain repository.
      const contractDir = contractFile
        ? relative(ctx.workspacePath, dirname(contractFile))
        : '';
      const readSchema = (schemaPath: string) => {
        const key = posix.normalize(schemaPath);
        // Own keys only: an inherited name is no schema the caller gave.
        if (Object.prototype.hasOwnProperty.call(schemas, key)) {
          return JSON.stringify(schemas[key]);
        }
        return readFileSync(
          resolveSafeChildPath(
            ctx.workspacePath,
            join(contractDir, schemaPath),
          ),
          'utf8',
        );
      };

      let parsedContract;
      try {
        const parsed = parseDataProductContract(text, { file: fileLabel });
        checkContractSchemas(parsed, readSchema);
        parsedContract = parsed.contract;
      } catch (error) {
        if (error instanceof ContractValidationError) {
          throw new InputError(describeIssues(error, path === undefined));
        }
        throw error;
      }
      checkRetentionFitsDomain(
        parsedContract.retention.days,
        domainDataRetentionDays,
        path === undefined
          ? 'contract.retention.days'
          : `${path}: retention.days`,
        parsedContract.domain,
      );
      const yaml = text;

      if (targetPath && !ctx.isDryRun) {
        const target = resolveSafeChildPath(ctx.workspacePath, targetPath);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, yaml, 'utf8');
      }
      const storage = resolveStorage(parsedContract);
      ctx.logger.info(
        `Contract ${parsedContract.domain}/${parsedContract.name} is valid: ${parsedContract.events.length} event(s), table ${storage.database}.${storage.table}`,
      );
      ctx.output('yaml', yaml);
      ctx.output('contract', JSON.parse(JSON.stringify(parsedContract)));
      ctx.output('registry', registryNameFor(parsedContract.domain));
      ctx.output('database', storage.database);
      ctx.output('table', storage.table);
      ctx.output('workgroup', storage.workgroup);
      ctx.output('sampleQuery', sampleAthenaQuery(parsedContract));
    },
  });
}

/**
 * Answers an API caller left out get what the form would have given them,
 * so the written contract states every setting; the log says which.
 */
function withFormDefaults(
  contract: Record<string, unknown>,
  logger: LoggerService,
): Record<string, unknown> {
  const { contract: completed, defaulted } = applyContractDefaults(contract);
  for (const path of defaulted) {
    logger.info(
      `contract.${path} was not given; using the default ${CONTRACT_NUMBER_SETTINGS[path].default}`,
    );
  }
  return completed;
}

/**
 * The domain owns the lake's lifecycle: a product cannot keep data longer
 * than the domain does (its stack would refuse to synthesize), so say it
 * before anything is generated.
 */
function checkRetentionFitsDomain(
  days: number,
  domainDays: number | undefined,
  path: string,
  domain: string,
): void {
  if (domainDays !== undefined && days > domainDays) {
    throwIfInvalid(VALIDATE_CONTRACT_ACTION_ID, [
      {
        path,
        message: `${days} days is longer than the ${domain} domain keeps data (${domainDays} days, its data retention); choose at most ${domainDays}, or ask the domain's team to raise its dataRetention first`,
      },
    ]);
  }
}

function toYaml(contract: Record<string, unknown>): string {
  const document = new Document(contract);
  document.commentBefore = HEADER;
  return document.toString({ lineWidth: 80 });
}

async function readContractFile(file: string, label: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `${VALIDATE_CONTRACT_ACTION_ID}: cannot read the contract "${label}" in the workspace: ${(error as Error).message}`,
    );
  }
}

/**
 * For a contract given as an object, line numbers would point into YAML
 * the user never saw: name the input field instead.
 */
function describeIssues(
  error: ContractValidationError,
  fromObject: boolean,
): string {
  const lines = error.issues.map(issue =>
    fromObject && issue.file === error.file
      ? `  - contract.${issue.path || '(root)'}: ${issue.message}`
      : `  - ${formatContractIssue(issue)}`,
  );
  const count =
    error.issues.length === 1 ? '1 problem' : `${error.issues.length} problems`;
  return `${VALIDATE_CONTRACT_ACTION_ID}: the data product contract is invalid (${count}):\n${lines.join('\n')}`;
}
