import { METRICS_NAMESPACE } from './config';

/** What one batch did, counted. */
export interface BatchCounts {
  readonly ReceivedEvents: number;
  readonly DeliveredEvents: number;
  readonly QuarantinedEvents: number;
  readonly DuplicateEvents: number;
  readonly MissingReferenceData: number;
}

/**
 * Formats a batch's counts as a CloudWatch Embedded Metric Format line:
 * written to the function's log, turned into metrics by CloudWatch, with
 * no API call (and no latency) in the handler.
 */
export function toEmbeddedMetrics(
  counts: BatchCounts,
  dimensions: { readonly Domain: string; readonly DataProduct: string },
  timestamp: number,
): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['Domain', 'DataProduct']],
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
