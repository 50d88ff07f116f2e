import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import {
  DescribeDeliveryStreamCommand,
  ExtendedS3DestinationDescription,
} from '@aws-sdk/client-firehose';
import { GetTableCommand } from '@aws-sdk/client-glue';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { stringLiteral } from '@financial-data-mesh/plugin-data-mesh-common';
import { AwsClients } from './aws-clients';
import {
  GlueColumnDefinition,
  HiveJsonSerDe,
  parseGlueType,
  toDuckDbType,
} from './hive-json-serde';

/** What the conversion of one stream's delivered records produced. */
export interface StreamConversion {
  readonly streamName: string;
  readonly database: string;
  readonly table: string;
  readonly recordsRead: number;
  readonly rowsWritten: number;
  /** Rows by rendered partition prefix, e.g. `data/t/event_date=2026-12-01/`. */
  readonly rowsByPrefix: Readonly<Record<string, number>>;
  /** Records sent to the error output, by Firehose's error-output type. */
  readonly failedByType: Readonly<Record<string, number>>;
  /** The first failures' messages, for the report. */
  readonly failureSamples: readonly string[];
  readonly parquetFiles: readonly string[];
}

const PARTITION_PLACEHOLDER = /!\{partitionKeyFromQuery:([^}]+)\}/g;

/**
 * Completes a Firehose delivery the emulator only half does. moto's
 * Firehose writes the raw records to S3 (no record-format conversion, and
 * the `!{partitionKeyFromQuery:...}` placeholders literally in the key);
 * this reads them back and does what the synthesized stream asks of
 * Firehose: evaluates its metadata-extraction query for the partition
 * values, converts each record with the Glue table named by the stream's
 * schema configuration (read from the emulator's Glue, so the table is the
 * one definition), writes Parquet (SNAPPY) under the rendered prefix in
 * the local lake directory (DuckDB reading JSON with explicit column
 * types), and writes every record that fails to the stream's error output
 * prefix in S3 with its reason. The raw objects are deleted once
 * converted, so conversion can run after each drain.
 */
export async function convertDeliveredRecords(
  streamName: string,
  clients: AwsClients,
  lakeDirectory: string,
  duckDb: DuckDBConnection,
  arrival: Date = new Date(),
): Promise<StreamConversion> {
  const destination = await describeS3Destination(clients, streamName);
  const schema =
    destination.DataFormatConversionConfiguration?.SchemaConfiguration;
  if (!destination.DataFormatConversionConfiguration?.Enabled || !schema) {
    throw new Error(`${streamName}: the stream converts no records to Parquet`);
  }
  const { Table } = await clients.glue.send(
    new GetTableCommand({
      DatabaseName: schema.DatabaseName,
      Name: schema.TableName,
    }),
  );
  const columns: GlueColumnDefinition[] = (
    Table?.StorageDescriptor?.Columns ?? []
  ).map(column => ({ name: column.Name!, type: column.Type! }));
  const serDe = new HiveJsonSerDe(columns);
  const bucket = destination.BucketARN!.split(':').pop()!;
  const prefix = destination.Prefix ?? '';
  const partitionQuery = parseMetadataExtractionQuery(
    destination.ProcessingConfiguration?.Processors?.find(
      processor => processor.Type === 'MetadataExtraction',
    )?.Parameters?.find(
      parameter => parameter.ParameterName === 'MetadataExtractionQuery',
    )?.ParameterValue,
    streamName,
  );

  const rowsByPrefix = new Map<string, string[]>();
  const failures: Array<{ type: string; message: string; raw: string }> = [];
  let recordsRead = 0;
  for (const key of await listRawObjects(clients, bucket, staticPart(prefix))) {
    const { Body } = await clients.s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
    );
    for (const raw of splitConcatenatedJson(await Body!.transformToString())) {
      recordsRead++;
      let record: unknown;
      try {
        record = JSON.parse(raw);
      } catch (error) {
        failures.push({
          type: 'format-conversion-failed',
          message: (error as Error).message,
          raw,
        });
        continue;
      }
      const partition = partitionQuery(record);
      if ('error' in partition) {
        failures.push({
          type: 'partitioning-failed',
          message: partition.error,
          raw,
        });
        continue;
      }
      const converted = serDe.convert(record);
      if ('error' in converted) {
        failures.push({
          type: 'format-conversion-failed',
          message: converted.error,
          raw,
        });
        continue;
      }
      const rendered = prefix.replace(
        PARTITION_PLACEHOLDER,
        (_, name: string) => partition.values[name],
      );
      const rows = rowsByPrefix.get(rendered) ?? [];
      rows.push(JSON.stringify(converted.row));
      rowsByPrefix.set(rendered, rows);
    }
    await clients.s3.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: key }),
    );
  }

  const parquetFiles = await writeParquet(
    rowsByPrefix,
    columns,
    join(lakeDirectory, bucket),
    `${streamName}-${arrival.getTime()}`,
    duckDb,
  );
  await writeErrorOutput(
    clients,
    bucket,
    destination.ErrorOutputPrefix ?? 'errors/',
    failures,
    arrival,
  );
  const failedByType: Record<string, number> = {};
  for (const failure of failures) {
    failedByType[failure.type] = (failedByType[failure.type] ?? 0) + 1;
  }
  return {
    streamName,
    database: schema.DatabaseName!,
    table: schema.TableName!,
    recordsRead,
    rowsWritten: [...rowsByPrefix.values()].reduce(
      (sum, rows) => sum + rows.length,
      0,
    ),
    rowsByPrefix: Object.fromEntries(
      [...rowsByPrefix].map(([rendered, rows]) => [rendered, rows.length]),
    ),
    failedByType,
    failureSamples: failures.slice(0, 5).map(failure => failure.message),
    parquetFiles,
  };
}

async function describeS3Destination(
  clients: AwsClients,
  streamName: string,
): Promise<ExtendedS3DestinationDescription> {
  const { DeliveryStreamDescription } = await clients.firehose.send(
    new DescribeDeliveryStreamCommand({ DeliveryStreamName: streamName }),
  );
  const destination =
    DeliveryStreamDescription?.Destinations?.[0]
      ?.ExtendedS3DestinationDescription;
  if (!destination?.BucketARN) {
    throw new Error(`${streamName}: no extended S3 destination`);
  }
  return destination;
}

/** The key prefix before the first Firehose placeholder: where moto put the raw objects. */
function staticPart(prefix: string): string {
  const placeholder = prefix.indexOf('!{');
  return placeholder === -1 ? prefix : prefix.slice(0, placeholder);
}

async function listRawObjects(
  clients: AwsClients,
  bucket: string,
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map(object => object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/**
 * The partition values of a record, from a metadata-extraction query of
 * the form the constructs write (`{a: .a, b: .b.c}`): the JQ subset of
 * plain paths. Anything else is refused by name rather than misread.
 */
export function parseMetadataExtractionQuery(
  query: string | undefined,
  streamName: string,
): (record: unknown) => { values: Record<string, string> } | { error: string } {
  if (query === undefined) {
    return () => ({ values: {} });
  }
  const body = /^\s*\{(.*)\}\s*$/s.exec(query)?.[1];
  const keys = (body ?? '').split(',').map(part => {
    const match =
      /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*$/.exec(
        part,
      );
    if (!match) {
      throw new Error(
        `${streamName}: metadata-extraction query ${JSON.stringify(query)} is not of the form {key: .path, ...} the local data plane evaluates`,
      );
    }
    return { name: match[1], path: match[2].split('.') };
  });
  return record => {
    const values: Record<string, string> = {};
    for (const key of keys) {
      let value: unknown = record;
      for (const segment of key.path) {
        value =
          value !== null && typeof value === 'object'
            ? (value as Record<string, unknown>)[segment]
            : undefined;
      }
      if (value === undefined || value === null || typeof value === 'object') {
        return {
          error: `partition key ${key.name} (.${key.path.join('.')}) is missing or not a scalar`,
        };
      }
      values[key.name] = String(value);
    }
    return { values };
  };
}

/**
 * Splits what Firehose concatenated: JSON objects back to back, with or
 * without newlines between them (the Pipe sends each row as it is).
 */
export function splitConcatenatedJson(text: string): string[] {
  const records: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      if (depth === 0) {
        start = i;
      }
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        records.push(text.slice(start, i + 1));
      }
    } else if (depth === 0 && !/\s/.test(char)) {
      // A stray scalar between records: kept so that it fails conversion visibly.
      const end = text.slice(i).search(/[\s{[]/);
      records.push(end === -1 ? text.slice(i) : text.slice(i, i + end));
      i = end === -1 ? text.length : i + end - 1;
    }
  }
  return records;
}

async function writeParquet(
  rowsByPrefix: ReadonlyMap<string, readonly string[]>,
  columns: readonly GlueColumnDefinition[],
  bucketDirectory: string,
  fileStem: string,
  duckDb: DuckDBConnection,
): Promise<string[]> {
  if (rowsByPrefix.size === 0) {
    return [];
  }
  const columnTypes = `{${columns
    .map(
      column =>
        `${stringLiteral(column.name.toLowerCase())}: ${stringLiteral(toDuckDbType(parseGlueType(column.type)))}`,
    )
    .join(', ')}}`;
  const staging = mkdtempSync(join(tmpdir(), 'firehose-'));
  const files: string[] = [];
  try {
    let part = 0;
    for (const [rendered, rows] of rowsByPrefix) {
      const json = join(staging, `part-${part}.json`);
      writeFileSync(json, `${rows.join('\n')}\n`);
      const target = join(
        bucketDirectory,
        rendered,
        `${fileStem}-${part}.parquet`,
      );
      mkdirSync(dirname(target), { recursive: true });
      await duckDb.run(
        `COPY (SELECT * FROM read_json(${stringLiteral(json)}, format = 'newline_delimited', columns = ${columnTypes})) TO ${stringLiteral(target)} (FORMAT parquet, COMPRESSION snappy)`,
      );
      files.push(target);
      part++;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return files;
}

/** Failed records as Firehose writes them: one JSON document per record, the raw data in base64. */
async function writeErrorOutput(
  clients: AwsClients,
  bucket: string,
  errorOutputPrefix: string,
  failures: ReadonlyArray<{ type: string; message: string; raw: string }>,
  arrival: Date,
): Promise<void> {
  const byType = new Map<string, string[]>();
  for (const failure of failures) {
    const lines = byType.get(failure.type) ?? [];
    lines.push(
      JSON.stringify({
        attemptsMade: 1,
        arrivalTimestamp: arrival.getTime(),
        errorCode: failure.type,
        errorMessage: failure.message,
        rawData: Buffer.from(failure.raw).toString('base64'),
      }),
    );
    byType.set(failure.type, lines);
  }
  for (const [type, lines] of byType) {
    const prefix = errorOutputPrefix
      .replace(/!\{firehose:error-output-type\}/g, type)
      .replace(
        /!\{timestamp:yyyy-MM-dd\}/g,
        arrival.toISOString().slice(0, 10),
      );
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}${arrival.getTime()}-${type}.json`,
        Body: `${lines.join('\n')}\n`,
      }),
    );
  }
}
