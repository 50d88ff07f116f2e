import { LineCounter, parseDocument } from 'yaml';
import {
  checkFieldColumn,
  columnNameFor,
  DERIVED_PARTITION_KEYS,
} from '../columns';
import {
  ContractIssue,
  ContractValidationError,
  formatFieldPath,
} from './errors';
import { ParsedContract } from './parseContract';
import { findSchemaField } from '../schema/fields';
import { readEventSchema } from '../schema/readEventSchema';
import { JsonSchema, SchemaFormatError, typesOf } from '../schema/types';

/**
 * Reads a schema file referenced by a contract; `path` is relative to the
 * contract. Returns the file's text, or throws if it cannot be read.
 * @public
 */
export type ReadSchemaFile = (path: string) => string;

/**
 * Loads every event schema a contract references and checks the contract
 * against them: each file is a JSON Schema of an object, each PII field,
 * the enrichment key, each quality rule field and each partition key exists,
 * and no top-level field takes a platform column or shares its column
 * with another field.
 *
 * @returns each event's detail schema, keyed by detail-type.
 * @throws ContractValidationError listing every problem, in the contract
 *   or in the schema files, with file, line and column.
 * @public
 */
export function checkContractSchemas(
  parsed: ParsedContract,
  readSchemaFile: ReadSchemaFile,
): Record<string, JsonSchema> {
  const { contract } = parsed;
  const issues: ContractIssue[] = [];
  const contractIssue = (path: Array<string | number>, message: string) => {
    const position = parsed.positionOf(path);
    issues.push({
      path: formatFieldPath(path),
      message,
      file: parsed.file,
      line: position?.line,
      column: position?.column,
    });
  };

  const schemas: Record<string, JsonSchema> = {};
  contract.events.forEach((event, index) => {
    const detail = loadDetailSchema(event.schema, readSchemaFile, issues, () =>
      contractIssue(
        ['events', index, 'schema'],
        `cannot read schema file "${event.schema}"`,
      ),
    );
    if (!detail) {
      return;
    }
    schemas[event.detailType] = detail;
    issues.push(...checkTopLevelColumns(event.schema, detail));
    event.piiFields.forEach((field, fieldIndex) => {
      if (!findSchemaField(detail, field)) {
        contractIssue(
          ['events', index, 'piiFields', fieldIndex],
          `PII field "${field}" does not exist in ${event.schema}`,
        );
      }
    });
  });

  const loaded = Object.entries(schemas);
  if (contract.enrichment) {
    for (const [detailType, detail] of loaded) {
      if (!findSchemaField(detail, contract.enrichment.keyField)) {
        contractIssue(
          ['enrichment', 'keyField'],
          `enrichment key "${contract.enrichment.keyField}" does not exist in the schema of ${detailType}`,
        );
      }
    }
  }
  contract.quality.forEach((rule, index) => {
    if (
      loaded.length > 0 &&
      !loaded.some(([, detail]) => findSchemaField(detail, rule.field))
    ) {
      contractIssue(
        ['quality', index, 'field'],
        `field "${rule.field}" exists in none of the product's event schemas`,
      );
    }
  });
  contract.storage.partitionKeys.forEach((key, index) => {
    if ((DERIVED_PARTITION_KEYS as readonly string[]).includes(key)) {
      return;
    }
    for (const [detailType, detail] of loaded) {
      const field = findSchemaField(detail, key);
      const types = field ? typesOf(field) : undefined;
      if (
        !field ||
        !types ||
        types.some(type => type === 'object' || type === 'array')
      ) {
        contractIssue(
          ['storage', 'partitionKeys', index],
          `partition key "${key}" must be ${DERIVED_PARTITION_KEYS.join(' or ')} or a top-level scalar field, and ${detailType} has no such field`,
        );
      }
    }
  });

  if (issues.length > 0) {
    throw new ContractValidationError(parsed.file, issues);
  }
  return schemas;
}

/**
 * Each top-level property becomes a table column (`columnNameFor`): it must
 * not be a platform column, and two properties must not become one column
 * (`tradeId` and `trade_id`).
 */
function checkTopLevelColumns(
  file: string,
  detail: JsonSchema,
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const byColumn = new Map<string, string>();
  for (const name of Object.keys(detail.properties ?? {})) {
    const path = formatFieldPath(['properties', name]);
    const reserved = checkFieldColumn(name);
    if (reserved) {
      issues.push({ file, path, message: `field ${reserved}` });
    }
    const column = columnNameFor(name);
    const other = byColumn.get(column);
    if (other !== undefined) {
      issues.push({
        file,
        path,
        message: `fields "${other}" and "${name}" would both become column "${column}"; rename one`,
      });
    } else {
      byColumn.set(column, name);
    }
  }
  return issues;
}

function loadDetailSchema(
  file: string,
  readSchemaFile: ReadSchemaFile,
  issues: ContractIssue[],
  reportUnreadable: () => void,
): JsonSchema | undefined {
  let text: string;
  try {
    text = readSchemaFile(file);
  } catch {
    reportUnreadable();
    return undefined;
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    issues.push({
      file,
      path: '',
      message: `not valid JSON: ${(error as Error).message}`,
      ...jsonErrorPosition(text),
    });
    return undefined;
  }
  try {
    const { detail } = readEventSchema(content, 'JSONSchemaDraft4');
    const types = typesOf(detail);
    if (!types?.includes('object') || !detail.properties) {
      issues.push({
        file,
        path: '',
        message: 'an event schema must be "type": "object" with "properties"',
        line: 1,
        column: 1,
      });
      return undefined;
    }
    return detail;
  } catch (error) {
    if (error instanceof SchemaFormatError) {
      issues.push({ file, path: error.pointer, message: error.message });
      return undefined;
    }
    throw error;
  }
}

/** JSON.parse gives no line numbers on every Node version; YAML's parser (a JSON superset) does. */
function jsonErrorPosition(text: string): { line?: number; column?: number } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const error = document.errors[0];
  if (!error) {
    return {};
  }
  const position = lineCounter.linePos(error.pos[0]);
  return { line: position.line, column: position.col };
}
