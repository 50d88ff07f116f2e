import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkCompatibilityMode,
  COMPATIBILITY_MODES,
  DEFAULT_COMPATIBILITY_MODE,
  describeModeViolations,
  diffSchemas,
  isTransitiveMode,
  JsonSchema,
  SchemaVersionEntry,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readFile } from 'node:fs/promises';
import { RegistrySnapshotClient } from '../registry/RegistrySnapshotClient';
import { throwIfInvalid } from './inputIssues';

export const SCHEMA_COMPATIBILITY_ACTION_ID = 'datamesh:schema:compatibility';

/**
 * Checks a new event schema against the registry snapshot under the
 * product's compatibility mode (the latest version, or every earlier one
 * for a transitive mode); a version that breaks the mode fails the step
 * with which change breaks which rule and how to ship it instead, unless
 * explicitly allowed.
 * @public
 */
export function createSchemaCompatibilityAction(options: {
  readonly registry: RegistrySnapshotClient;
}) {
  return createTemplateAction({
    id: SCHEMA_COMPATIBILITY_ACTION_ID,
    description:
      "Checks a new event schema against the registry under the product's compatibility mode (BACKWARD by default; the _TRANSITIVE modes against every earlier version) and fails when the mode is broken, naming each breaking change, unless allowBreaking is set. A schema not yet in the registry passes.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Check the schema built from the form',
        example: [
          'steps:',
          '  - action: datamesh:schema:compatibility',
          '    input:',
          '      registry: trading',
          '      schemaName: com.fintech.trading@TradeExecuted',
          '      schema: ${{ steps.schema.output.schema }}',
        ].join('\n'),
      },
      {
        description: 'Accept a deliberate breaking change of a schema file',
        example: [
          'steps:',
          '  - action: datamesh:schema:compatibility',
          '    input:',
          '      registry: trading',
          '      schemaName: com.fintech.trading@TradeExecuted',
          '      schemaPath: schemas/trade-executed.json',
          '      compatibility: FULL_TRANSITIVE',
          '      allowBreaking: true',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        registry: z => z.string().describe('The schema registry'),
        schemaName: z =>
          z
            .string()
            .describe('The registry schema name, <source>@<DetailType>'),
        schema: z =>
          z
            .record(z.unknown())
            .optional()
            .describe('The new detail schema (give this or schemaPath)'),
        schemaPath: z =>
          z
            .string()
            .optional()
            .describe(
              'The new schema as a workspace file (give this or schema)',
            ),
        compatibility: z =>
          z
            .enum(COMPATIBILITY_MODES)
            .optional()
            .describe(
              `The product's compatibility mode (default ${DEFAULT_COMPATIBILITY_MODE})`,
            ),
        allowBreaking: z =>
          z
            .boolean()
            .optional()
            .describe('Pass even when the mode is broken (default false)'),
      },
      output: {
        existing: z =>
          z.boolean().describe('Whether the schema is already in the registry'),
        latestVersion: z => z.string().optional(),
        compatibility: z =>
          z
            .string()
            .describe(
              'The verdict against the latest version: FULL, BACKWARD, FORWARD, NONE, or NEW',
            ),
        honoursMode: z =>
          z
            .boolean()
            .describe("Whether the new schema honours the product's mode"),
        changes: z =>
          z.array(z.string()).describe('The changes, one line each'),
      },
    },
    async handler(ctx) {
      const { registry, schemaName, schemaPath, allowBreaking } = ctx.input;
      const mode = ctx.input.compatibility ?? DEFAULT_COMPATIBILITY_MODE;
      if ((ctx.input.schema === undefined) === (schemaPath === undefined)) {
        throwIfInvalid(SCHEMA_COMPATIBILITY_ACTION_ID, [
          {
            path: 'schema',
            message:
              'give exactly one of "schema" (an object) or "schemaPath" (a file)',
          },
        ]);
      }
      const next = ctx.input.schema
        ? (ctx.input.schema as JsonSchema)
        : await readSchemaFile(ctx.workspacePath, schemaPath!);

      const event = await options.registry.getEvent(registry, schemaName);
      if (!event) {
        ctx.logger.info(
          `${schemaName} is new in ${registry}: nothing to compare`,
        );
        ctx.output('existing', false);
        ctx.output('compatibility', 'NEW');
        ctx.output('honoursMode', true);
        ctx.output('changes', []);
        return;
      }
      // A transitive mode compares with every earlier version, the others
      // with the latest only: read just what the mode needs.
      const labels = isTransitiveMode(mode)
        ? event.versions.map(({ version }) => version)
        : [event.latestVersion];
      const earlier: SchemaVersionEntry[] = [];
      for (const version of labels) {
        const content = await options.registry.getEventVersion(
          registry,
          schemaName,
          version,
        );
        if (!content?.detail) {
          throw new Error(
            `${SCHEMA_COMPATIBILITY_ACTION_ID}: version ${version} of ${schemaName} in ${registry} has no readable detail schema (${content?.problems.join('; ') || 'not found'}); fix the registry before comparing`,
          );
        }
        earlier.push({ version, schema: content.detail });
      }
      const diff = diffSchemas(earlier[earlier.length - 1].schema, next);
      const changes = diff.changes.map(
        change => `${change.path} ${change.kind}: ${change.description}`,
      );
      const check = checkCompatibilityMode(mode, earlier, next);
      const summary = `${schemaName}: v${event.latestVersion} -> new is ${diff.breaking ? 'BREAKING' : diff.compatibility} (${changes.length} change(s)); mode ${mode} ${check.honoured ? 'honoured' : 'broken'}`;
      if (!check.honoured && !allowBreaking) {
        throw new InputError(
          `${SCHEMA_COMPATIBILITY_ACTION_ID}: ${describeModeViolations(check, `The new version of ${schemaName} in ${registry}`)}\nOr set allowBreaking to accept it.`,
        );
      }
      ctx.logger.info(summary);
      ctx.output('existing', true);
      ctx.output('latestVersion', event.latestVersion);
      ctx.output('compatibility', diff.compatibility);
      ctx.output('honoursMode', check.honoured);
      ctx.output('changes', changes);
    },
  });
}

async function readSchemaFile(
  workspacePath: string,
  schemaPath: string,
): Promise<JsonSchema> {
  const file = resolveSafeChildPath(workspacePath, schemaPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `${SCHEMA_COMPATIBILITY_ACTION_ID}: cannot read schemaPath "${schemaPath}": ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as JsonSchema;
  } catch (error) {
    throw new InputError(
      `${SCHEMA_COMPATIBILITY_ACTION_ID}: schemaPath "${schemaPath}" is not valid JSON: ${(error as Error).message}`,
    );
  }
}
