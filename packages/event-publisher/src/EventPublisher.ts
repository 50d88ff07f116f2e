import {
  EventBridgeClient,
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { draft04ToDraft07 } from '@financial-data-mesh/json-schema-draft04';
import { groupIntoPutEventsBatches } from './putEventsBatches';

/**
 * Detail types by detail-type name: the events one publisher may send.
 * `@financial-data-mesh/event-types` generates one per data product
 * (`DataProductEvents`) from its contract.
 *
 * @public
 */
export type EventCatalog = { [detailType: string]: object };

/**
 * One event to publish; the detail's type follows from its detail-type.
 *
 * @public
 */
export type PublishableEvent<TEvents extends EventCatalog> = {
  [K in keyof TEvents & string]: {
    readonly detailType: K;
    readonly detail: TEvents[K];
    /** @defaultValue the publisher's source */
    readonly source?: string;
    /** The business time of the event. @defaultValue the time EventBridge receives it */
    readonly time?: Date;
    readonly resources?: readonly string[];
  };
}[keyof TEvents & string];

/**
 * What the publisher needs of an EventBridge client. An `EventBridgeClient`
 * is one; a test can pass any object with a `send` that takes the command.
 *
 * @public
 */
export interface PutEventsClient {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

/**
 * How an {@link EventPublisher} reaches its bus and checks what it sends.
 *
 * @public
 */
export interface EventPublisherOptions<TEvents extends EventCatalog> {
  /** Name or ARN of the event bus. */
  readonly eventBusName: string;
  /** The `source` of every event unless an event says otherwise. */
  readonly source: string;
  /** @defaultValue a new EventBridgeClient with the default credential chain */
  readonly client?: PutEventsClient;
  /**
   * Draft-04 JSON Schemas of the details (as in the contract's schema files)
   * to validate against before anything is sent.
   * @defaultValue no validation
   */
  readonly schemas?: { readonly [K in keyof TEvents]?: object };
  /** Attempts per entry, counting the first. @defaultValue 5 */
  readonly maxAttempts?: number;
  /** First retry delay; doubles with each attempt, with full jitter. @defaultValue 100 ms */
  readonly baseDelayMs?: number;
  /** Upper bound of one retry delay. @defaultValue 5000 ms */
  readonly maxDelayMs?: number;
  /** PutEvents calls in flight at once. @defaultValue 4 */
  readonly concurrency?: number;
  /** @defaultValue setTimeout; tests pass a fake clock */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The entry error codes worth another attempt: capacity and transient faults. */
const RETRYABLE_ERROR_CODES = new Set([
  'ThrottlingException',
  'InternalFailure',
  'InternalException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

/**
 * One event that could not be published.
 *
 * @public
 */
export interface EventPublishFailure {
  /** Index of the event in the call's input. */
  readonly index: number;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/**
 * Thrown when some events could not be published; the rest were.
 *
 * @public
 */
export class EventPublishError extends Error {
  readonly failures: readonly EventPublishFailure[];
  /** Event ids by input index; undefined for the failed ones. */
  readonly eventIds: ReadonlyArray<string | undefined>;

  constructor(
    failures: readonly EventPublishFailure[],
    eventIds: ReadonlyArray<string | undefined>,
  ) {
    super(
      `${failures.length} of ${eventIds.length} events were not published: ${failures
        .slice(0, 5)
        .map(f => `#${f.index} ${f.errorCode} (${f.errorMessage})`)
        .join('; ')}`,
    );
    this.name = 'EventPublishError';
    this.failures = failures;
    this.eventIds = eventIds;
  }
}

/**
 * Thrown before sending when an event does not match its schema.
 *
 * @public
 */
export class EventValidationError extends Error {
  readonly problems: ReadonlyArray<{ index: number; errors: string[] }>;

  constructor(problems: ReadonlyArray<{ index: number; errors: string[] }>) {
    super(
      `${problems.length} events do not match their schema: ${problems
        .slice(0, 5)
        .map(p => `#${p.index} ${p.errors.join(', ')}`)
        .join('; ')}`,
    );
    this.name = 'EventValidationError';
    this.problems = problems;
  }
}

/**
 * Publishes a data product's events to its domain bus: batches PutEvents
 * in tens (and within 256 KiB), retries only the entries that failed with
 * a transient error, with exponential backoff and jitter, and returns the
 * event ids in input order.
 *
 * @example
 * ```ts
 * // DataProductEvents is generated from the contract by datamesh-event-types.
 * import { DataProductEvents } from './events';
 * const publisher = new EventPublisher<DataProductEvents>({
 *   eventBusName: 'datamesh-trading', source: 'com.fintech.trading',
 * });
 * const [id] = await publisher.publishAll([{ detailType: 'TradeExecuted', detail }]);
 * ```
 *
 * @public
 */
export class EventPublisher<TEvents extends EventCatalog = EventCatalog> {
  private readonly client: PutEventsClient;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly concurrency: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: EventPublisherOptions<TEvents>) {
    this.client = options.client ?? new EventBridgeClient({});
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.concurrency = options.concurrency ?? 4;
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    if (options.schemas) {
      const ajv = new Ajv({ allErrors: true, strictSchema: false });
      addFormats(ajv);
      for (const [detailType, schema] of Object.entries(options.schemas)) {
        if (schema) {
          this.validators.set(
            detailType,
            ajv.compile(draft04ToDraft07(schema as Record<string, unknown>)),
          );
        }
      }
    }
  }

  /** Publishes one event and returns its id. */
  async publish(event: PublishableEvent<TEvents>): Promise<string> {
    const [id] = await this.publishAll([event]);
    return id;
  }

  /**
   * Publishes events and returns their ids in input order.
   *
   * @throws EventValidationError before sending anything, when schemas are configured and an event does not match.
   * @throws EventPublishError when some events still failed after retries; it carries the ids of the rest.
   */
  async publishAll(
    events: ReadonlyArray<PublishableEvent<TEvents>>,
  ): Promise<string[]> {
    this.validate(events);
    const entries = events.map<PutEventsRequestEntry>(event => ({
      EventBusName: this.options.eventBusName,
      Source: event.source ?? this.options.source,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      Time: event.time,
      Resources: event.resources ? [...event.resources] : undefined,
    }));
    return this.putEntries(entries);
  }

  /**
   * Sends raw PutEvents entries with the same batching and retries; for
   * callers that build entries themselves (the quarantine does).
   */
  async putEntries(
    entries: readonly PutEventsRequestEntry[],
  ): Promise<string[]> {
    const ids: Array<string | undefined> = new Array(entries.length);
    const failures: EventPublishFailure[] = [];
    const { batches, oversize } = groupIntoPutEventsBatches(entries);
    for (const index of oversize) {
      failures.push({
        index,
        errorCode: 'EntryTooLarge',
        errorMessage: 'the entry exceeds the 256 KiB PutEvents limit',
      });
    }
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        failures.push(...(await this.sendWithRetries(entries, batch, ids)));
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.concurrency, batches.length) },
        worker,
      ),
    );
    if (failures.length > 0) {
      throw new EventPublishError(
        failures.sort((a, b) => a.index - b.index),
        ids,
      );
    }
    return ids as string[];
  }

  private async sendWithRetries(
    entries: readonly PutEventsRequestEntry[],
    batch: readonly number[],
    ids: Array<string | undefined>,
  ): Promise<EventPublishFailure[]> {
    let pending = batch;
    const failures: EventPublishFailure[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      const response = await this.client.send(
        new PutEventsCommand({ Entries: pending.map(index => entries[index]) }),
      );
      const retry: number[] = [];
      const results = response.Entries ?? [];
      for (let position = 0; position < results.length; position++) {
        const result = results[position];
        const index = pending[position];
        if (result.EventId && !result.ErrorCode) {
          ids[index] = result.EventId;
          continue;
        }
        const errorCode = result.ErrorCode ?? 'Unknown';
        if (
          RETRYABLE_ERROR_CODES.has(errorCode) &&
          attempt < this.maxAttempts
        ) {
          retry.push(index);
        } else {
          failures.push({
            index,
            errorCode,
            errorMessage: result.ErrorMessage ?? 'no message',
          });
        }
      }
      pending = retry;
      if (pending.length > 0) {
        await this.sleep(this.backoffDelay(attempt));
      }
    }
    return failures;
  }

  /** Full jitter: a random delay up to the exponential bound spreads retries out. */
  private backoffDelay(attempt: number): number {
    const bound = Math.min(
      this.maxDelayMs,
      this.baseDelayMs * 2 ** (attempt - 1),
    );
    return Math.round(Math.random() * bound);
  }

  private validate(events: ReadonlyArray<PublishableEvent<TEvents>>): void {
    if (this.validators.size === 0) {
      return;
    }
    const problems: Array<{ index: number; errors: string[] }> = [];
    events.forEach((event, index) => {
      const validator = this.validators.get(event.detailType);
      if (validator && !validator(event.detail)) {
        problems.push({
          index,
          errors: (validator.errors ?? []).map(
            error => `${error.instancePath || '/'} ${error.message}`,
          ),
        });
      }
    });
    if (problems.length > 0) {
      throw new EventValidationError(problems);
    }
  }
}
