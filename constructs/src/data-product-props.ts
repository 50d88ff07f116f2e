import { Duration, Size } from 'aws-cdk-lib';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LoadedDataProductContract } from './contract/loadDataProductContract';
import { DataDomain } from './data-domain';

/** Tuning and options of a {@link DataProduct}; everything has a default. */
export interface DataProductOptions {
  /**
   * Replace PII fields (the contract's `piiFields`) by their HMAC-SHA256
   * under the domain's hash key before they reach the data lake.
   *
   * @default - true for `confidential` and `restricted` products
   */
  readonly hashPii?: boolean;

  /**
   * The reference table to enrich from, instead of the one the domain
   * creates under the contract's `enrichment.referenceTable` name.
   *
   * @default - the domain's table of that name, keyed by `referenceKeyAttribute`
   */
  readonly referenceTable?: ITable;

  /**
   * The partition key attribute of the reference table.
   *
   * @default - the last segment of the contract's `enrichment.keyField`
   */
  readonly referenceKeyAttribute?: string;

  /**
   * How long a warm enrichment instance caches a reference item (or its absence).
   *
   * @default Duration.minutes(5)
   */
  readonly referenceCacheTtl?: Duration;

  /**
   * SQS messages per Pipe batch, 1 to 500 (what the Firehose target takes in one batch).
   *
   * @default 100
   */
  readonly batchSize?: number;

  /**
   * How long the Pipe waits to fill a batch, up to 300 seconds.
   *
   * @default Duration.seconds(1): well within every sample latency SLA
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Deliveries of a message before it moves to the dead-letter queue.
   *
   * @default 5
   */
  readonly maxReceiveCount?: number;

  /**
   * How long Firehose buffers before writing a Parquet file; 60 to 900 seconds.
   * Must be shorter than the contract's freshness SLA.
   *
   * @default - half the freshness SLA, at most 300 seconds
   */
  readonly bufferInterval?: Duration;

  /**
   * How much Firehose buffers before writing a Parquet file; 64 to 128 MiB
   * (format conversion needs at least 64).
   *
   * @default Size.mebibytes(128): fewer, larger files are cheaper to query
   */
  readonly bufferSize?: Size;

  /**
   * Memory of the enrichment function (CPU scales with it).
   *
   * @default 1024
   */
  readonly memorySize?: number;

  /**
   * Reserved concurrency of the enrichment function, to protect the
   * reference table and downstream quotas.
   *
   * @default - not reserved (bounded by the Pipe's SQS pollers)
   */
  readonly maxConcurrency?: number;

  /**
   * Events larger than this many bytes are quarantined.
   *
   * @default 262144 (EventBridge's own limit)
   */
  readonly maxEventBytes?: number;

  /**
   * Retention of the product's log groups.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
}

/** Properties of a {@link DataProduct}. */
export interface DataProductProps extends DataProductOptions {
  /** The domain the product belongs to; must be the contract's domain. */
  readonly domain: DataDomain;
  /** The checked contract, from `loadDataProductContract`. */
  readonly contract: LoadedDataProductContract;
}

/** Properties of {@link DataProduct.fromContractFile}. */
export interface DataProductFromFileProps extends DataProductOptions {
  readonly domain: DataDomain;
  /** Path of the product's `data-product.yaml`; schema paths are relative to it. */
  readonly contractFile: string;
}
