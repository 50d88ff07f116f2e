import { Duration, Size } from 'aws-cdk-lib';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LoadedDataProductContract } from './contract/loadDataProductContract';
import { IDataDomain } from './data-domain-base';

/**
 * Tuning and options of a {@link DataProduct}; everything has a default.
 *
 * @public
 */
export interface DataProductOptions {
  /**
   * The day the contract's access grants are checked on: a grant past its
   * `expires` is left out (with a warning), one ending within 30 days is
   * warned about. Set it to synthesize reproducibly.
   *
   * @defaultValue - the day of synthesis
   */
  readonly accessDate?: Date;

  /**
   * Replace PII fields (the contract's `piiFields`) by their HMAC-SHA256
   * under the domain's hash key before they reach the data lake.
   *
   * @defaultValue - true for `confidential` and `restricted` products
   */
  readonly hashPii?: boolean;

  /**
   * The reference table to enrich from, instead of the domain's table of
   * the contract's `enrichment.referenceTable` name.
   *
   * @defaultValue - the domain's table of that name, keyed by `referenceKeyAttribute` (created by a domain in this app on first use; declared in `referenceTables` by a domain in another stack)
   */
  readonly referenceTable?: ITable;

  /**
   * The partition key attribute of the reference table.
   *
   * @defaultValue - the last segment of the contract's `enrichment.keyField`
   */
  readonly referenceKeyAttribute?: string;

  /**
   * How long a warm enrichment instance caches a reference item (or its absence).
   *
   * @defaultValue Duration.minutes(5)
   */
  readonly referenceCacheTtl?: Duration;

  /**
   * SQS messages per Pipe batch, 1 to 500 (what the Firehose target takes in one batch).
   *
   * @defaultValue 100
   */
  readonly batchSize?: number;

  /**
   * How long the Pipe waits to fill a batch, up to 300 seconds.
   *
   * @defaultValue Duration.seconds(1): well within every sample latency SLA
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Deliveries of a message before it moves to the dead-letter queue.
   *
   * @defaultValue 5
   */
  readonly maxReceiveCount?: number;

  /**
   * How long Firehose buffers before writing a Parquet file; 60 to 900 seconds.
   * Must be shorter than the contract's freshness SLA.
   *
   * @defaultValue - half the freshness SLA, at most 300 seconds
   */
  readonly bufferInterval?: Duration;

  /**
   * How much Firehose buffers before writing a Parquet file; 64 to 128 MiB
   * (format conversion needs at least 64).
   *
   * @defaultValue Size.mebibytes(128): fewer, larger files are cheaper to query
   */
  readonly bufferSize?: Size;

  /**
   * Memory of the enrichment function (CPU scales with it).
   *
   * @defaultValue 1024
   */
  readonly memorySize?: number;

  /**
   * Reserved concurrency of the enrichment function, to protect the
   * reference table and downstream quotas.
   *
   * @defaultValue - not reserved (bounded by the Pipe's SQS pollers)
   */
  readonly maxConcurrency?: number;

  /**
   * Events larger than this many bytes are quarantined.
   *
   * @defaultValue 262144 (EventBridge's own limit)
   */
  readonly maxEventBytes?: number;

  /**
   * Retention of the product's log groups.
   *
   * @defaultValue RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;

  /**
   * Keep the latest record of each key in a DynamoDB table, for lookups by
   * key in milliseconds instead of an Athena scan. Off unless set.
   *
   * @defaultValue - no latest-state table
   */
  readonly latestState?: LatestStateOptions;

  /**
   * Run one Athena query on a schedule (an aggregation or regulatory
   * report), in the domain workgroup. Off unless set.
   *
   * @defaultValue - no scheduled query
   */
  readonly scheduledQuery?: ScheduledQueryOptions;
}

/**
 * The latest-state table of a product: one item per key, holding the
 * newest table row of that key (PII already hashed, as in the data lake),
 * named `datamesh-<domain>-<product>-latest`, partition key = the key
 * column (a string), on demand, encrypted with the domain key, with
 * point-in-time recovery and the domain's removal policy. Items expire
 * (DynamoDB TTL on `state_expires_at`) after the contract's retention, so
 * the table never keeps data the data lake has already deleted.
 *
 * The enrichment function writes each batch's valid rows with
 * BatchWriteItem, the newest row per key within the batch (by event time,
 * then position). Between batches the last writer wins: BatchWriteItem
 * takes no condition expressions, a conditional PutItem per row would cost
 * 25 times the requests, and EventBridge event times have one-second
 * resolution, so a condition on them could not order two changes of a key
 * within a second anyway. The SQS buffer does not keep order, so a late or
 * redelivered older event can overwrite a newer state until the key's next
 * event: read `event_time` with the item, and treat the Glue table as the
 * record of truth.
 * @public
 */
export interface LatestStateOptions {
  /**
   * The detail field whose value keys the state, e.g. `trade_id`: a
   * top-level field that every event of the product requires, with a
   * string or integer type (a hashed PII field keys by its hash).
   */
  readonly keyField: string;
}

/**
 * A scheduled Athena query: EventBridge Scheduler starts a Step Functions
 * state machine that runs the query in the domain workgroup with the native
 * `athena:startQueryExecution.sync` integration (waits for the result, fails
 * the execution when the query fails). Results land in the domain's Athena
 * results bucket, encrypted with the domain key (the workgroup enforces
 * it) and expired with that bucket's lifecycle; failed or timed-out runs
 * alarm on the domain topic. The query may only read this product's table.
 * @public
 */
export interface ScheduledQueryOptions {
  /**
   * When to run, for example
   * `ScheduleExpression.cron({ minute: '0', hour: '6', timeZone: TimeZone.EUROPE_LONDON })`
   * or `ScheduleExpression.rate(Duration.hours(1))`.
   */
  readonly schedule: ScheduleExpression;

  /**
   * The saved query of the product to run: `latest-records`,
   * `daily-aggregates` or `regulatory-report` (with or without the
   * `<product>-` prefix). Not together with `sql`.
   *
   * @defaultValue 'regulatory-report' when `sql` is not set
   */
  readonly query?: string;

  /**
   * A SQL statement to run instead of a saved query; it may only read
   * the product's table. Not together with `query`.
   *
   * @defaultValue - the saved query named by `query`
   */
  readonly sql?: string;

  /**
   * How long a run may take before it is stopped and alarms.
   *
   * @defaultValue Duration.minutes(30): Athena's default DML query timeout
   */
  readonly timeout?: Duration;
}

/**
 * Properties of a {@link DataProduct}.
 *
 * @public
 */
export interface DataProductProps extends DataProductOptions {
  /** The domain the product belongs to; must be the contract's domain. */
  readonly domain: IDataDomain;
  /** The checked contract, from `loadDataProductContract`. */
  readonly contract: LoadedDataProductContract;
}

/**
 * Properties of {@link DataProduct.fromContractFile}.
 *
 * @public
 */
export interface DataProductFromFileProps extends DataProductOptions {
  readonly domain: IDataDomain;
  /** Path of the product's `data-product.yaml`; schema paths are relative to it. */
  readonly contractFile: string;
}
