import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  diffSchemas,
  JsonSchema,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readFile } from 'node:fs/promises';
import { RegistrySnapshotClient } from '../registry/RegistrySnapshotClient';
import { throwIfInvalid } from './inputIssues';

export const SCHEMA_COMPATIBILITY_ACTION_ID = 'datamesh:schema:compatibility';

/**
 * Compares a new event schema with the latest version in the registry
 * snapshot, using the platform's compatibility rules; a breaking change
 * fails the step with the list of changes unless explicitly allowed.
 */
export function createSchemaCompatibilityAction(options: {
  readonly registry: RegistrySnapshotClient;
}) {
  return createTemplateAction({
    id: SCHEMA_COMPATIBILITY_ACTION_ID,
    description:
      "Compares a new event schema with the registry's latest version (BACKWARD, FORWARD, FULL or breaking) and fails on a breaking change with the list of changes, unless allowBreaking is set. A schema not yet in the registry passes.",
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
        allowBreaking: z =>
          z
            .boolean()
            .optional()
            .describe('Pass even when the change is breaking (default false)'),
      },
      output: {
        existing: z =>
          z.boolean().describe('Whether the schema is already in the registry'),
        latestVersion: z => z.string().optional(),
        compatibility: z =>
          z.string().describe('FULL, BACKWARD, FORWARD, NONE, or NEW'),
        changes: z =>
          z.array(z.string()).describe('The changes, one line each'),
      },
    },
    async handler(ctx) {
      const { registry, schemaName, schemaPath, allowBreaking } = ctx.input;
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
        ctx.output('changes', []);
        return;
      }
      const latest = await options.registry.getEventVersion(
        registry,
        schemaName,
        event.latestVersion,
      );
      if (!latest?.detail) {
        throw new Error(
          `${SCHEMA_COMPATIBILITY_ACTION_ID}: version ${event.latestVersion} of ${schemaName} in ${registry} has no readable detail schema (${latest?.problems.join('; ') || 'not found'}); fix the registry before comparing`,
        );
      }
      const diff = diffSchemas(latest.detail, next);
      const changes = diff.changes.map(
        change => `${change.path} ${change.kind}: ${change.description}`,
      );
      const summary = `${schemaName}: v${event.latestVersion} -> new is ${diff.breaking ? 'BREAKING' : diff.compatibility} (${changes.length} change(s))`;
      if (diff.breaking && !allowBreaking) {
        throw new InputError(
          `${SCHEMA_COMPATIBILITY_ACTION_ID}: ${summary}. Consumers of ${registry} would break:\n${changes.map(c => `  - ${c}`).join('\n')}\nAdd a new event (or a new version with a migration plan) instead, or set allowBreaking to accept it.`,
        );
      }
      ctx.logger.info(summary);
      ctx.output('existing', true);
      ctx.output('latestVersion', event.latestVersion);
      ctx.output('compatibility', diff.compatibility);
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
