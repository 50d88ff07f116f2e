import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBTypeId } from '@duckdb/node-api';
// DuckDB quotes identifiers and strings as Trino does: the same helpers serve both.
import {
  qualifiedTableName,
  quoteIdentifier,
  stringLiteral,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { GetTableCommand } from '@aws-sdk/client-glue';
import { AwsClients } from './aws-clients';
import { parseGlueType, toDuckDbType } from './hive-json-serde';

/**
 * The Trino functions our queries use that DuckDB spells differently, as
 * macros of the same name. Only these; a query using anything else fails
 * in DuckDB and the failure is reported, never rewritten:
 *
 * - `date_format(ts, fmt)`: Trino's MySQL-style specifiers; `%i` (minutes)
 *   and `%s` (seconds) map to strftime's `%M` and `%S`, the rest
 *   (`%Y %m %d %H`) are the same.
 * - `regexp_like(s, pattern)`: both are partial matches.
 * - `cardinality(array)`: DuckDB's `len`.
 */
const TRINO_SHIMS = [
  `CREATE OR REPLACE MACRO date_format(ts, fmt) AS strftime(CAST(ts AS TIMESTAMP), fmt)`,
  `CREATE OR REPLACE MACRO regexp_like(s, pattern) AS regexp_matches(s, pattern)`,
  `CREATE OR REPLACE MACRO cardinality(items) AS len(items)`,
];

/** One query's rows, with DuckDB's values turned into plain JSON values. */
export type QueryRows = Array<Record<string, string | number | boolean | null>>;

/**
 * Prepares DuckDB to answer the Athena queries of the given Glue tables:
 * the Trino shims, and per table a schema named as the Glue database and
 * a view named as the table over the Parquet files under the table's
 * location in the local lake, partition columns read from the Hive-style
 * paths with the types Glue declares (so `event_date` stays a string, as
 * in Athena, where DuckDB alone would guess a date).
 */
export async function attachGlueTables(
  duckDb: DuckDBConnection,
  clients: AwsClients,
  lakeDirectory: string,
  tables: ReadonlyArray<{ readonly database: string; readonly table: string }>,
): Promise<void> {
  for (const statement of TRINO_SHIMS) {
    await duckDb.run(statement);
  }
  for (const { database, table } of tables) {
    const { Table } = await clients.glue.send(
      new GetTableCommand({ DatabaseName: database, Name: table }),
    );
    const location = Table?.StorageDescriptor?.Location ?? '';
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(location);
    if (!match) {
      throw new Error(
        `${database}.${table}: location ${location} is not an S3 URL`,
      );
    }
    const directory = join(lakeDirectory, match[1], match[2]);
    const name = qualifiedTableName(database, table);
    const columns = [
      ...(Table?.StorageDescriptor?.Columns ?? []),
      ...(Table?.PartitionKeys ?? []),
    ].map(
      column =>
        `${quoteIdentifier(column.Name!)} ${toDuckDbType(parseGlueType(column.Type!))}`,
    );
    await duckDb.run(
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(database)}`,
    );
    if (!hasParquet(directory)) {
      await duckDb.run(
        `CREATE OR REPLACE TABLE ${name} (${columns.join(', ')})`,
      );
      continue;
    }
    const hiveTypes = (Table?.PartitionKeys ?? [])
      .map(
        key =>
          `${stringLiteral(key.Name!)}: ${toDuckDbType(parseGlueType(key.Type!))}`,
      )
      .join(', ');
    await duckDb.run(
      `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet(${stringLiteral(join(directory, '**', '*.parquet'))}, hive_partitioning = true${hiveTypes ? `, hive_types = {${hiveTypes}}` : ''})`,
    );
  }
}

const WIDE_INTEGER_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/**
 * Runs one query. Values come back as JSON, with DuckDB's 64-bit and wider
 * integers (`count(*)` and friends) as numbers where they fit, as an
 * Athena client shows them, rather than as the strings DuckDB gives them.
 */
export async function runQuery(
  duckDb: DuckDBConnection,
  sql: string,
): Promise<QueryRows> {
  const reader = await duckDb.runAndReadAll(sql);
  const wideIntegers = new Set(
    reader
      .columnNames()
      .filter((_, index) =>
        WIDE_INTEGER_TYPES.has(reader.columnTypes()[index].typeId),
      ),
  );
  return (reader.getRowObjectsJson() as QueryRows).map(row =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        wideIntegers.has(column) &&
        typeof value === 'string' &&
        Number.isSafeInteger(Number(value))
          ? Number(value)
          : value,
      ]),
    ),
  );
}

function hasParquet(directory: string): boolean {
  if (!existsSync(directory)) {
    return false;
  }
  return readdirSync(directory, { recursive: true }).some(entry =>
    String(entry).endsWith('.parquet'),
  );
}
