import {
  AdmittedEvent,
  createMessageAdmission,
  isAdmitted,
} from './admitMessage';
import { EnrichmentHandlerConfig } from './config';
import { PipeSqsMessage } from './eventEnvelope';
import { LatestStateSink } from './latestState';
import { BatchCounts, QualityWarningsByRule } from './metrics';
import { QuarantinedEvent, QuarantineSink } from './quarantine';
import { createQualityChecker, QualityChecker } from './qualityRules';
import { CachedReferenceData, ReferenceItem } from './referenceData';
import { FIREHOSE_MAX_RECORD_BYTES, oversizeRowBytes } from './rowSize';
import { RecordTransformer, TableRecord } from './transformRecord';
import { EventValidator } from './validateEvents';

export interface BatchProcessorDependencies {
  readonly config: EnrichmentHandlerConfig;
  readonly validate: EventValidator;
  /** @defaultValue the quality rules of the configuration, compiled once here */
  readonly checkQuality?: QualityChecker;
  readonly transform: RecordTransformer;
  /** Absent when the product has no enrichment. */
  readonly referenceData?: CachedReferenceData;
  readonly quarantine: QuarantineSink;
  /** Absent when the product keeps no latest-state table. */
  readonly latestState?: LatestStateSink;
  readonly recordMetrics: (
    counts: BatchCounts,
    warningsByRule: QualityWarningsByRule,
  ) => void;
}

/** Processes one Pipe batch: the SQS messages in, the table rows out. */
export type BatchProcessor = (
  messages: readonly PipeSqsMessage[],
) => Promise<TableRecord[]>;

/**
 * Validates, enriches and transforms a batch. Rejected events never block
 * valid ones and are never dropped: they go to the quarantine with their
 * problems (an event breaking its contract's schema or an `error` quality
 * rule, a row too large for Firehose, ...), and only once the quarantine
 * has them does the batch succeed (otherwise the error fails the batch and
 * SQS delivers it again). Duplicates within a batch (same event id) are
 * delivered once; only delivered events count, so a rejected event never
 * hides a valid one with its id. With a latest-state table, the batch
 * succeeds only once its rows are stored there too.
 */
export function createBatchProcessor(
  dependencies: BatchProcessorDependencies,
): BatchProcessor {
  const { config, transform, referenceData, quarantine, latestState } =
    dependencies;
  const admit = createMessageAdmission({
    config,
    validate: dependencies.validate,
    checkQuality: dependencies.checkQuality ?? createQualityChecker(config),
  });
  const keyPath = config.enrichment?.keyField.split('.');

  return async messages => {
    const rejected: QuarantinedEvent[] = [];
    const admitted: AdmittedEvent[] = [];
    for (const message of messages) {
      const outcome = admit(message);
      if (isAdmitted(outcome)) {
        admitted.push(outcome);
      } else {
        rejected.push(outcome);
      }
    }

    const keys = keyPath
      ? admitted.map(({ event }) => lookupKey(event.detail, keyPath))
      : [];
    const references =
      referenceData && keyPath
        ? await referenceData.lookup(
            keys.filter((key): key is string => key !== undefined),
          )
        : undefined;

    const records: TableRecord[] = [];
    const deliveredIds = new Set<string>();
    const warningsByRule: Record<string, number> = {};
    let duplicates = 0;
    let missingReference = 0;
    let qualityWarnings = 0;
    admitted.forEach(({ event, warnings }, index) => {
      const key = keys[index];
      const reference: ReferenceItem | undefined =
        key === undefined ? undefined : references?.get(key);
      const record = transform(event, reference);
      const rowBytes = oversizeRowBytes(record);
      if (rowBytes !== undefined) {
        rejected.push(rowTooLarge(admitted[index], rowBytes));
        return;
      }
      // Checked last: an id is taken only by an event that is delivered.
      if (deliveredIds.has(event.id)) {
        duplicates++;
        return;
      }
      deliveredIds.add(event.id);
      if (references && !reference) {
        missingReference++;
      }
      for (const rule of warnings) {
        warningsByRule[rule] = (warningsByRule[rule] ?? 0) + 1;
        qualityWarnings++;
      }
      records.push(record);
    });

    // Independent stores: write both at once; either failing fails the batch.
    await Promise.all([
      quarantine.put(rejected),
      records.length > 0 ? latestState?.write(records) : undefined,
    ]);
    dependencies.recordMetrics(
      {
        ReceivedEvents: messages.length,
        DeliveredEvents: records.length,
        QuarantinedEvents: rejected.length,
        DuplicateEvents: duplicates,
        MissingReferenceData: missingReference,
        QualityWarnings: qualityWarnings,
      },
      warningsByRule,
    );
    return records;
  };
}

function rowTooLarge(
  { message, event }: AdmittedEvent,
  rowBytes: number,
): QuarantinedEvent {
  return {
    reason: 'row-too-large',
    problems: [
      {
        path: '',
        message: `the table row is ${rowBytes} bytes as JSON; Firehose takes records of at most ${FIREHOSE_MAX_RECORD_BYTES} bytes`,
      },
    ],
    messageId: message.messageId,
    eventId: event.id,
    body: message.body,
  };
}

function lookupKey(
  detail: Record<string, unknown>,
  path: readonly string[],
): string | undefined {
  let value: unknown = detail;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined || value === null ? undefined : String(value);
}
