import { createHmac } from 'node:crypto';
import { EnrichmentHandlerConfig, ValuePlan } from './config';
import { EventEnvelope } from './eventEnvelope';
import { ReferenceItem } from './referenceData';

/** A row for the Glue table, as JSON for Firehose to convert to Parquet. */
export type TableRecord = Record<string, unknown>;

/** Turns a valid event (and its reference item) into a table row. */
export type RecordTransformer = (
  event: EventEnvelope,
  reference: ReferenceItem | undefined,
) => TableRecord;

/** Distinct PII values remembered with their hash; repeat values skip the HMAC. */
const HASH_CACHE_SIZE = 50_000;

/**
 * Builds the transformer of a product: envelope columns, the detail's
 * columns converted as planned (timestamps to epoch milliseconds for the
 * SerDe, free-form values to JSON text, PII to its keyed hash), reference
 * attributes, and the partition values Firehose routes by.
 *
 * @param piiHashKey - HMAC key; required when any column is hashed, so that
 *   hashes cannot be reversed by hashing guessed values.
 */
export function createRecordTransformer(
  config: EnrichmentHandlerConfig,
  piiHashKey: string | undefined,
  now: () => number = Date.now,
): RecordTransformer {
  const hash = createPiiHasher(config, piiHashKey);
  const convert = (value: unknown, plan: ValuePlan): unknown => {
    if (value === undefined || value === null) {
      return null;
    }
    switch (plan.kind) {
      case 'keep':
        return value;
      case 'timestamp':
        return toEpochMillis(value);
      case 'json':
        return JSON.stringify(value);
      case 'hash':
        return hash(typeof value === 'string' ? value : JSON.stringify(value));
      case 'struct': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          return null;
        }
        const source = value as Record<string, unknown>;
        const struct: Record<string, unknown> = {};
        for (const field of plan.fields) {
          struct[field.to] = convert(source[field.from], field.plan);
        }
        return struct;
      }
      case 'array':
        return Array.isArray(value)
          ? value.map(item => convert(item, plan.items))
          : null;
      default:
        return null;
    }
  };
  const attributes = config.enrichment?.attributes ?? [];
  // Events of a batch mostly share their second: reuse the last parsed time.
  let lastTime = '';
  let lastMillis: number | null = null;

  return (event, reference) => {
    const detail = event.detail;
    if (event.time !== lastTime) {
      lastTime = event.time;
      lastMillis = toEpochMillis(event.time);
    }
    const record: TableRecord = {
      event_id: event.id,
      event_source: event.source,
      event_type: event['detail-type'],
      event_time: lastMillis,
      schema_version: config.events[event['detail-type']]?.version ?? null,
      ingested_at: now(),
    };
    for (const column of config.columns) {
      const value = detail[column.from];
      record[column.to] =
        column.plan.kind === 'keep' && value !== undefined
          ? value
          : convert(value, column.plan);
    }
    for (const attribute of attributes) {
      record[attribute] = toAttributeColumn(reference?.[attribute]);
    }
    for (const partition of config.partitions) {
      record[partition.column] =
        'derived' in partition
          ? derivedPartition(event.time, partition.derived)
          : toPartitionValue(detail[partition.field]);
    }
    return record;
  };
}

function createPiiHasher(
  config: EnrichmentHandlerConfig,
  key: string | undefined,
): (value: string) => string {
  const cache = new Map<string, string>();
  return value => {
    if (!key) {
      throw new Error(
        `${config.dataProduct} hashes PII but no hash key is configured`,
      );
    }
    let hashed = cache.get(value);
    if (hashed === undefined) {
      hashed = createHmac('sha256', key).update(value).digest('hex');
      if (cache.size >= HASH_CACHE_SIZE) {
        cache.clear();
      }
      cache.set(value, hashed);
    }
    return hashed;
  };
}

/** Reference attributes are string columns: other types are kept as JSON text. */
function toAttributeColumn(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toEpochMillis(value: unknown): number | null {
  const millis = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(millis) ? null : millis;
}

/** EventBridge always writes `time` as `YYYY-MM-DDTHH:MM:SSZ`, so slicing is exact. */
function derivedPartition(
  time: string,
  key: 'event_date' | 'event_hour',
): string {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}/.test(time)
    ? time
    : new Date(toEpochMillis(time) ?? 0).toISOString();
  return key === 'event_date' ? iso.slice(0, 10) : iso.slice(11, 13);
}

/** Partition values become S3 key segments: anything but [A-Za-z0-9_.-] is replaced. */
function toPartitionValue(value: unknown): string {
  const text = value === undefined || value === null ? 'null' : String(value);
  return text.replace(/[^A-Za-z0-9_.-]/g, '_');
}
