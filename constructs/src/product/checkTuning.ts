import { DataProductOptions } from '../data-product-props';

/** Inclusive bounds of a numeric option, with where AWS sets them. */
interface Bound {
  readonly min: number;
  readonly max: number;
  readonly why: string;
}

// The Pipe delivers each enriched batch to Firehose, whose PutRecordBatch
// takes at most 500 records: larger SQS batches would fail at the target.
const BOUNDS: Record<string, Bound> = {
  batchSize: {
    min: 1,
    max: 500,
    why: 'a Firehose target takes 500 records per batch',
  },
  maxBatchingWindowSeconds: {
    min: 0,
    max: 300,
    why: 'EventBridge Pipes allows 0 to 300 s',
  },
  maxReceiveCount: {
    min: 1,
    max: 1000,
    why: 'SQS redrive allows 1 to 1000 receives',
  },
  bufferSizeMiB: {
    min: 64,
    max: 128,
    why: 'Parquet conversion needs 64 to 128 MiB',
  },
  memorySize: { min: 128, max: 10240, why: 'Lambda allows 128 to 10240 MB' },
  maxEventBytes: {
    min: 1,
    max: 262144,
    why: 'EventBridge events are at most 256 KiB',
  },
};

/**
 * Checks the product's tuning options against the service limits, all at
 * once, so synth fails with every out-of-range option named instead of
 * CloudFormation failing mid-deploy on the first.
 */
export function checkTuningOptions(
  file: string,
  options: DataProductOptions,
): void {
  const values: Record<string, number | undefined> = {
    batchSize: options.batchSize,
    maxBatchingWindowSeconds: options.maxBatchingWindow?.toSeconds(),
    maxReceiveCount: options.maxReceiveCount,
    bufferSizeMiB: options.bufferSize?.toMebibytes(),
    memorySize: options.memorySize,
    maxEventBytes: options.maxEventBytes,
  };
  const problems = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) => {
      const { min, max, why } = BOUNDS[name];
      return Number.isInteger(value) && value! >= min && value! <= max
        ? []
        : [
            `${name} is ${value}; it must be an integer from ${min} to ${max} (${why})`,
          ];
    });
  if (problems.length > 0) {
    throw new Error(
      `${file}: invalid DataProduct options:\n${problems.map(p => `  - ${p}`).join('\n')}`,
    );
  }
}
