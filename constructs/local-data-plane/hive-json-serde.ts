import { quoteIdentifier } from '@financial-data-mesh/plugin-data-mesh-common';
import { GlueType, parseGlueType } from '../src/glue/glueType';

/** A Glue column as GetTable returns it. */
export interface GlueColumnDefinition {
  readonly name: string;
  readonly type: string;
}

/** A JSON row converted to the table's types, or why it could not be. */
export type ConversionResult =
  { readonly row: Record<string, unknown> } | { readonly error: string };

/**
 * The part of Firehose's record-format conversion that decides whether a
 * JSON record fits the table: the Hive JSON SerDe reading each column by
 * its (lower-cased) name with the column's Glue type, undeclared fields
 * ignored, absent ones null. A value that does not fit its type fails the
 * whole record, as in Firehose, where it goes to the error output with
 * `format-conversion-failed`. The rules, strict where Hive would guess:
 *
 * - string: a JSON string (numbers and booleans as their JSON text)
 * - tinyint/smallint/int/bigint: a JSON integer within the type's range
 * - float/double: a JSON number
 * - boolean: a JSON boolean
 * - timestamp: epoch milliseconds (the `millis` format the stream sets) or
 *   an ISO 8601 string; written as `YYYY-MM-DD HH:MM:SS.mmm` (UTC)
 * - date: a `YYYY-MM-DD` string
 * - struct: an object, converted field by field; array: a JSON array
 *
 * The converted row keeps timestamps as text that DuckDB reads back with
 * the explicit column type, so Parquet gets real TIMESTAMP columns.
 */
export class HiveJsonSerDe {
  private readonly columns: ReadonlyArray<{ name: string; type: GlueType }>;

  constructor(columns: readonly GlueColumnDefinition[]) {
    this.columns = columns.map(column => ({
      name: column.name.toLowerCase(),
      type: parseGlueType(column.type),
    }));
  }

  convert(record: unknown): ConversionResult {
    if (
      record === null ||
      typeof record !== 'object' ||
      Array.isArray(record)
    ) {
      return { error: 'the record is not a JSON object' };
    }
    const byName = lowerCaseKeys(record as Record<string, unknown>);
    const row: Record<string, unknown> = {};
    for (const column of this.columns) {
      const converted = convertValue(
        byName[column.name],
        column.type,
        column.name,
      );
      if ('error' in converted) {
        return converted;
      }
      row[column.name] = converted.value;
    }
    return { row };
  }
}

type ValueResult = { readonly value: unknown } | { readonly error: string };

const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32_768, 32_767],
  int: [-2_147_483_648, 2_147_483_647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function convertValue(
  value: unknown,
  type: GlueType,
  path: string,
): ValueResult {
  if (value === undefined || value === null) {
    return { value: null };
  }
  const mismatch = (): ValueResult => ({
    error: `${path}: ${JSON.stringify(value).slice(0, 100)} is not a valid ${describe(type)}`,
  });
  switch (type.kind) {
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return mismatch();
      }
      const byName = lowerCaseKeys(value as Record<string, unknown>);
      const struct: Record<string, unknown> = {};
      for (const field of type.fields) {
        const name = field.name.toLowerCase();
        const converted = convertValue(
          byName[name],
          field.type,
          `${path}.${name}`,
        );
        if ('error' in converted) {
          return converted;
        }
        struct[name] = converted.value;
      }
      return { value: struct };
    }
    case 'array': {
      if (!Array.isArray(value)) {
        return mismatch();
      }
      const items: unknown[] = [];
      for (const [index, item] of value.entries()) {
        const converted = convertValue(item, type.items, `${path}[${index}]`);
        if ('error' in converted) {
          return converted;
        }
        items.push(converted.value);
      }
      return { value: items };
    }
    case 'map':
      return {
        error: `${path}: map columns are not supported by the local data plane`,
      };
    default:
      break;
  }
  switch (type.name) {
    case 'string':
    case 'varchar':
    case 'char':
      if (typeof value === 'string') {
        return { value };
      }
      return typeof value === 'number' || typeof value === 'boolean'
        ? { value: JSON.stringify(value) }
        : mismatch();
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint': {
      const [min, max] = INTEGER_RANGES[type.name];
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= min &&
        value <= max
        ? { value }
        : mismatch();
    }
    case 'float':
    case 'double':
    case 'decimal':
      return typeof value === 'number' ? { value } : mismatch();
    case 'boolean':
      return typeof value === 'boolean' ? { value } : mismatch();
    case 'timestamp': {
      const millis = toEpochMillis(value);
      return millis === undefined
        ? mismatch()
        : {
            value: new Date(millis)
              .toISOString()
              .replace('T', ' ')
              .replace('Z', ''),
          };
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? { value }
        : mismatch();
    default:
      return {
        error: `${path}: ${type.name} columns are not supported by the local data plane`,
      };
  }
}

/** The `millis` timestamp format the stream sets, or ISO 8601 text. */
function toEpochMillis(value: unknown): number | undefined {
  const millis = typeof value === 'number' ? value : Date.parse(String(value));
  return typeof value !== 'boolean' && Number.isFinite(millis)
    ? millis
    : undefined;
}

function describe(type: GlueType): string {
  return type.kind === 'primitive' ? type.name : type.kind;
}

function lowerCaseKeys(
  record: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    result[key.toLowerCase()] ??= value;
  }
  return result;
}

const DUCKDB_PRIMITIVES: Record<string, string> = {
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  decimal: 'DOUBLE',
  string: 'VARCHAR',
  char: 'VARCHAR',
  varchar: 'VARCHAR',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/** The DuckDB type that holds a Glue type's values as Parquet would store them. */
export function toDuckDbType(type: GlueType): string {
  switch (type.kind) {
    case 'struct':
      return `STRUCT(${type.fields
        .map(
          field =>
            `${quoteIdentifier(field.name.toLowerCase())} ${toDuckDbType(field.type)}`,
        )
        .join(', ')})`;
    case 'array':
      return `${toDuckDbType(type.items)}[]`;
    case 'map':
      return `MAP(${toDuckDbType(type.key)}, ${toDuckDbType(type.value)})`;
    default:
      return DUCKDB_PRIMITIVES[type.name] ?? 'VARCHAR';
  }
}

export { parseGlueType };
