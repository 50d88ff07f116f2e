import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  checkName,
  schemaNameFor,
  toKebabCase,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import {
  buildEventSchema,
  buildSampleDetail,
} from '../schema/buildEventSchema';
import {
  checkEventFields,
  EVENT_FIELD_TYPES,
  EventField,
} from '../schema/eventFields';
import { InputIssue, throwIfInvalid } from './inputIssues';

export const SCHEMA_FROM_FIELDS_ACTION_ID = 'datamesh:schema:from-fields';

/** Forms edit enum values as one comma-separated text; templates may pass an array. */
function toValues(values: string | string[] | undefined): string[] | undefined {
  if (values === undefined) {
    return undefined;
  }
  const list = Array.isArray(values) ? values : values.split(',');
  const trimmed = list.map(value => value.trim()).filter(Boolean);
  return trimmed.length > 0 ? trimmed : undefined;
}

/**
 * Builds an event's JSON Schema (draft-04, as the registry stores it) from
 * the template form's field list, plus what the generated repository needs
 * around it: a sample event and the PII field list. (Its TypeScript types
 * are generated from the schema by the repository's own build, with
 * `@financial-data-mesh/event-types`, so they follow every schema change.)
 * @public
 */
export function createSchemaFromFieldsAction() {
  return createTemplateAction({
    id: SCHEMA_FROM_FIELDS_ACTION_ID,
    description:
      "Builds an event's JSON Schema (JSONSchemaDraft4) from a list of fields, with a sample event and the PII field list. Optionally writes the schema into the workspace.",
    supportsDryRun: true,
    examples: [
      {
        description: 'The first event of a trading data product',
        example: [
          'steps:',
          '  - id: schema',
          '    action: datamesh:schema:from-fields',
          '    input:',
          '      detailType: TradeExecuted',
          '      source: com.fintech.trading',
          '      description: A trade was executed on a venue.',
          '      fields:',
          '        - { name: trade_id, type: string, required: true }',
          '        - { name: price, type: decimal, required: true }',
          '        - { name: direction, type: enum, values: "BUY, SELL" }',
          '        - { name: trader_id, type: string, pii: true }',
          '      targetDir: schemas',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        detailType: z =>
          z
            .string()
            .describe('The event detail-type, PascalCase (e.g. TradeExecuted)'),
        source: z =>
          z
            .string()
            .describe(
              'The EventBridge source, reverse-DNS (e.g. com.fintech.trading)',
            ),
        description: z =>
          z.string().optional().describe('What the event means'),
        fields: z =>
          z
            .array(
              z.object({
                name: z.string().describe('Column name, snake_case'),
                type: z
                  .string()
                  .describe(`One of ${EVENT_FIELD_TYPES.join(', ')}`),
                required: z.boolean().optional(),
                pii: z.boolean().optional().describe('Holds personal data'),
                description: z.string().optional(),
                values: z
                  .union([z.array(z.string()), z.string()])
                  .optional()
                  .describe(
                    'Allowed values of an enum field (list or comma-separated)',
                  ),
              }),
            )
            .describe("The event's fields, in order"),
        targetDir: z =>
          z
            .string()
            .optional()
            .describe(
              'Write the schema as <targetDir>/<kebab-case detail-type>.json in the workspace (e.g. schemas)',
            ),
      },
      output: {
        schema: z => z.record(z.unknown()).describe('The JSON Schema'),
        schemaJson: z => z.string().describe('The JSON Schema, formatted'),
        schemaName: z =>
          z
            .string()
            .describe('The registry schema name, <source>@<DetailType>'),
        schemaPath: z =>
          z
            .string()
            .describe(
              'Workspace path of the schema file, <targetDir or schemas>/<fileBaseName>.json',
            ),
        fileBaseName: z =>
          z
            .string()
            .describe('Kebab-case base name for files (trade-executed)'),
        piiFields: z => z.array(z.string()).describe('Names of the PII fields'),
        sampleDetail: z =>
          z
            .record(z.unknown())
            .describe('An event detail valid against the schema'),
        sampleDetailJson: z =>
          z.string().describe('The sample detail, formatted'),
      },
    },
    async handler(ctx) {
      const { detailType, source, description, targetDir } = ctx.input;
      const fields: EventField[] = ctx.input.fields.map(field => ({
        ...field,
        type: field.type as EventField['type'],
        values: toValues(field.values),
      }));
      const issues: InputIssue[] = [];
      for (const [path, kind, value] of [
        ['detailType', 'detailType', detailType],
        ['source', 'source', source],
      ] as const) {
        const problem = checkName(kind, value);
        if (problem) {
          issues.push({ path, message: problem });
        }
      }
      issues.push(...checkEventFields(fields));
      throwIfInvalid(SCHEMA_FROM_FIELDS_ACTION_ID, issues);

      const schema = buildEventSchema({ detailType, description, fields });
      const schemaJson = `${JSON.stringify(schema, null, 2)}\n`;
      const fileBaseName = toKebabCase(detailType);
      const schemaPath = posix.join(
        targetDir ?? 'schemas',
        `${fileBaseName}.json`,
      );
      if (targetDir) {
        const file = resolveSafeChildPath(ctx.workspacePath, schemaPath);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, schemaJson, 'utf8');
        ctx.logger.info(`Wrote the ${detailType} schema to ${schemaPath}`);
      }
      const sampleDetail = buildSampleDetail(fields);
      ctx.output('schema', schema);
      ctx.output('schemaJson', schemaJson);
      ctx.output('schemaName', schemaNameFor(source, detailType));
      ctx.output('schemaPath', schemaPath);
      ctx.output('fileBaseName', fileBaseName);
      ctx.output(
        'piiFields',
        fields.filter(field => field.pii).map(field => field.name),
      );
      ctx.output('sampleDetail', sampleDetail);
      ctx.output(
        'sampleDetailJson',
        `${JSON.stringify(sampleDetail, null, 2)}\n`,
      );
    },
  });
}
