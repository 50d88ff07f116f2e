import { METRICS_NAMESPACE } from './config';

/** What one batch did, counted: each a metric of that name. */
export type BatchCounts = {
  readonly ReceivedEvents: number;
  readonly DeliveredEvents: number;
  readonly QuarantinedEvents: number;
  readonly DuplicateEvents: number;
  readonly MissingReferenceData: number;
  /** Delivered events times the `warn` quality rules each breaks. */
  readonly QualityWarnings: number;
};

/** `QualityWarnings` of the batch by rule name; rules nothing broke are absent. */
export type QualityWarningsByRule = Readonly<Record<string, number>>;

/** The dimensions every metric of a product carries. */
export type ProductDimensions = {
  readonly Domain: string;
  readonly DataProduct: string;
};

/**
 * Formats a batch's counts as CloudWatch Embedded Metric Format lines:
 * written to the function's log, turned into metrics by CloudWatch, with
 * no API call (and no latency) in the handler. One line has the batch's
 * counts; each `warn` rule broken in the batch adds a line with its own
 * `QualityWarnings`, under one more dimension, `QualityRule` (an EMF line
 * has one value per dimension, so one line per rule).
 */
export function toEmbeddedMetricLines(
  counts: BatchCounts,
  warningsByRule: QualityWarningsByRule,
  dimensions: ProductDimensions,
  timestamp: number,
): string[] {
  return [
    toEmbeddedMetrics(counts, dimensions, timestamp),
    ...Object.entries(warningsByRule).map(([rule, warnings]) =>
      toEmbeddedMetrics(
        { QualityWarnings: warnings },
        { ...dimensions, QualityRule: rule },
        timestamp,
      ),
    ),
  ];
}

/** One EMF line: every count a `Count` metric under one dimension set. */
function toEmbeddedMetrics(
  counts: Readonly<Record<string, number>>,
  dimensions: Readonly<Record<string, string>>,
  timestamp: number,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [Object.keys(dimensions)],
          Metrics: Object.keys(counts).map(name => ({
            Name: name,
            Unit: 'Count',
          })),
        },
      ],
    },
    ...dimensions,
    ...counts,
  });
}
