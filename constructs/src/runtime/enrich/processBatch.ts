import { EnrichmentHandlerConfig } from './config';
import {
  EventEnvelope,
  isEventEnvelope,
  PipeSqsMessage,
} from './eventEnvelope';
import { LatestStateSink } from './latestState';
import { BatchCounts } from './metrics';
import { QuarantinedEvent, QuarantineSink } from './quarantine';
import { CachedReferenceData } from './referenceData';
import { RecordTransformer, TableRecord } from './transformRecord';
import { EventValidator } from './validateEvents';

export interface BatchProcessorDependencies {
  readonly config: EnrichmentHandlerConfig;
  readonly validate: EventValidator;
  readonly transform: RecordTransformer;
  /** Absent when the product has no enrichment. */
  readonly referenceData?: CachedReferenceData;
  readonly quarantine: QuarantineSink;
  /** Absent when the product keeps no latest-state table. */
  readonly latestState?: LatestStateSink;
  readonly recordMetrics: (counts: BatchCounts) => void;
}

/** Processes one Pipe batch: the SQS messages in, the table rows out. */
export type BatchProcessor = (
  messages: readonly PipeSqsMessage[],
) => Promise<TableRecord[]>;

/**
 * Validates, enriches and transforms a batch. Invalid events never block
 * valid ones and are never dropped: they go to the quarantine with their
 * problems, and only once the quarantine has them does the batch succeed
 * (otherwise the error fails the batch and SQS delivers it again).
 * Duplicates within a batch (same event id) are delivered once. With a
 * latest-state table, the batch succeeds only once its rows are stored
 * there too.
 */
export function createBatchProcessor(
  dependencies: BatchProcessorDependencies,
): BatchProcessor {
  const {
    config,
    validate,
    transform,
    referenceData,
    quarantine,
    latestState,
  } = dependencies;
  const keyPath = config.enrichment?.keyField.split('.');

  return async messages => {
    const rejected: QuarantinedEvent[] = [];
    const accepted: EventEnvelope[] = [];
    const seenIds = new Set<string>();
    let duplicates = 0;

    for (const message of messages) {
      const reject = (
        reason: QuarantinedEvent['reason'],
        message_: string,
        eventId?: string,
      ) =>
        rejected.push({
          reason,
          problems: [{ path: '', message: message_ }],
          messageId: message.messageId,
          eventId,
          body: message.body,
        });
      // Length in UTF-16 units is a cheap lower bound; count bytes only near the limit.
      if (
        message.body.length * 3 > config.maxEventBytes &&
        Buffer.byteLength(message.body) > config.maxEventBytes
      ) {
        reject(
          'oversize',
          `event is larger than ${config.maxEventBytes} bytes`,
        );
        continue;
      }
      let event: unknown;
      try {
        event = JSON.parse(message.body);
      } catch (error) {
        reject('not-json', `body is not JSON: ${(error as Error).message}`);
        continue;
      }
      if (!isEventEnvelope(event)) {
        reject(
          'not-an-event',
          'body is not an EventBridge event (id, source, detail-type, time, detail)',
        );
        continue;
      }
      if (seenIds.has(event.id)) {
        duplicates++;
        continue;
      }
      seenIds.add(event.id);
      const problems = validate(event);
      if (problems) {
        rejected.push({
          reason:
            config.events[event['detail-type']]?.source === event.source
              ? 'schema-violation'
              : 'unknown-event-type',
          problems,
          messageId: message.messageId,
          eventId: event.id,
          body: message.body,
        });
        continue;
      }
      accepted.push(event);
    }

    const keys = keyPath
      ? accepted.map(event => lookupKey(event.detail, keyPath))
      : [];
    const references =
      referenceData && keyPath
        ? await referenceData.lookup(
            keys.filter((key): key is string => key !== undefined),
          )
        : undefined;
    let missingReference = 0;
    const records = accepted.map((event, index) => {
      const key = keys[index];
      const reference = key === undefined ? undefined : references?.get(key);
      if (references && !reference) {
        missingReference++;
      }
      return transform(event, reference);
    });

    // Independent stores: write both at once; either failing fails the batch.
    await Promise.all([
      quarantine.put(rejected),
      records.length > 0 ? latestState?.write(records) : undefined,
    ]);
    dependencies.recordMetrics({
      ReceivedEvents: messages.length,
      DeliveredEvents: records.length,
      QuarantinedEvents: rejected.length,
      DuplicateEvents: duplicates,
      MissingReferenceData: missingReference,
    });
    return records;
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
