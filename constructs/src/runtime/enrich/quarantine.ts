import { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  EventPublisher,
  PUT_EVENTS_MAX_BYTES,
  putEventsEntrySize,
} from '@financial-data-mesh/event-publisher';
import { QUARANTINE_DETAIL_TYPE, QUARANTINE_SOURCE } from './config';
import { cutText, longestPrefixWithin } from './truncateText';
import { ValidationProblem } from './validateEvents';

/** Why an event was set aside. */
export type QuarantineReason =
  | 'not-json'
  | 'not-an-event'
  | 'oversize'
  | 'unknown-event-type'
  | 'schema-violation'
  /** Breaks an `error` quality rule of the contract; the problems name the rule. */
  | 'quality-rule-violation'
  /** Its table row is larger than Firehose takes. */
  | 'row-too-large';

/** A rejected event with everything needed to fix and replay it. */
export interface QuarantinedEvent {
  readonly reason: QuarantineReason;
  readonly problems: readonly ValidationProblem[];
  readonly messageId: string;
  readonly eventId?: string;
  readonly body: string;
}

/** The `detail` of an `EventQuarantined` event, as the quarantine queue receives it. */
export interface QuarantineRecord {
  readonly domain: string;
  readonly dataProduct: string;
  readonly reason: QuarantineReason;
  /** The first problems, each cut to a readable length. */
  readonly problems: readonly ValidationProblem[];
  /** How many problems the event had. */
  readonly problemCount: number;
  /** True when problems were left out or cut. */
  readonly problemsTruncated: boolean;
  readonly messageId: string;
  readonly eventId?: string;
  /** The original body's size in UTF-8 bytes. */
  readonly bodyBytes: number;
  /** True when `body` is only the start of the original body. */
  readonly bodyTruncated: boolean;
  /** The original message body, or its start cut between characters. */
  readonly body: string;
}

/** Where rejected events go. */
export interface QuarantineSink {
  /** Resolves once every event is stored; rejects otherwise (the batch is then retried). */
  put(events: readonly QuarantinedEvent[]): Promise<void>;
}

/**
 * Sends rejected events back to the domain bus as `EventQuarantined`
 * events, which a rule delivers to the product's quarantine queue. The bus
 * archive keeps them too, and an oversize body (kept in full in the archive
 * as the original event) is cut to fit.
 */
export class EventBridgeQuarantine implements QuarantineSink {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly eventBusName: string,
    private readonly product: {
      readonly domain: string;
      readonly dataProduct: string;
    },
  ) {}

  async put(events: readonly QuarantinedEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await this.publisher.putEntries(
      events.map(event =>
        toQuarantineEntry(event, {
          eventBusName: this.eventBusName,
          domain: this.product.domain,
          dataProduct: this.product.dataProduct,
        }),
      ),
    );
  }
}

/**
 * The size an entry may have, as PutEvents counts it (Source, DetailType,
 * Detail, 14 bytes for Time). Two limits apply: PutEvents takes entries of
 * up to 256 KiB (262,144 bytes), and the rule delivers the event to SQS,
 * whose messages are also limited to 256 KiB but carry EventBridge's whole
 * envelope around the detail: version, id (36), detail-type, source,
 * account (12), time (20), region, resources, about 230 bytes against the
 * 49 that PutEvents counts beyond the Detail. 4 KiB of headroom covers that
 * difference many times over, and any escaping EventBridge might add.
 */
export const QUARANTINE_ENTRY_MAX_BYTES = PUT_EVENTS_MAX_BYTES - 4 * 1024;

/** Problems kept per event: enough to fix it; the rest are counted. */
const MAX_PROBLEMS = 50;
/** The problems' share of the entry (JSON bytes), so that most of it is left for the body. */
const MAX_PROBLEMS_BYTES = 32 * 1024;
/** Longest problem message and path kept (UTF-16 units); ajv's are far shorter. */
const MAX_PROBLEM_MESSAGE_LENGTH = 1024;
const MAX_PROBLEM_PATH_LENGTH = 512;
/** EventBridge ids are 36 characters; an id from elsewhere is cut (the body has it whole, up to its own cut). */
const MAX_EVENT_ID_LENGTH = 256;

/**
 * Builds the PutEvents entry of a rejected event so that it always fits:
 * the problems are capped in number and size, and a body too large for
 * what is left is cut to the longest start that fits, between characters,
 * measured as the bytes it takes in the entry (JSON escaping included).
 * An entry that did not fit would fail the whole batch.
 */
export function toQuarantineEntry(
  event: QuarantinedEvent,
  destination: {
    readonly eventBusName: string;
    readonly domain: string;
    readonly dataProduct: string;
  },
): PutEventsRequestEntry {
  const { problems, problemsTruncated } = boundProblems(event.problems);
  const record = (body: string): QuarantineRecord => ({
    domain: destination.domain,
    dataProduct: destination.dataProduct,
    reason: event.reason,
    problems,
    problemCount: event.problems.length,
    problemsTruncated,
    messageId: event.messageId,
    eventId:
      event.eventId === undefined
        ? undefined
        : cutText(event.eventId, MAX_EVENT_ID_LENGTH),
    bodyBytes: Buffer.byteLength(event.body, 'utf8'),
    bodyTruncated: body.length < event.body.length,
    body,
  });
  const entry = (body: string): PutEventsRequestEntry => ({
    EventBusName: destination.eventBusName,
    Source: QUARANTINE_SOURCE,
    DetailType: QUARANTINE_DETAIL_TYPE,
    Detail: JSON.stringify(record(body)),
  });

  const whole = entry(event.body);
  if (putEventsEntrySize(whole) <= QUARANTINE_ENTRY_MAX_BYTES) {
    return whole;
  }
  // The body's JSON text is one string in the detail: the entry's size is
  // the size without it plus the body's escaped bytes.
  const withoutBody = putEventsEntrySize(entry(''));
  const body = longestPrefixWithin(
    event.body,
    QUARANTINE_ENTRY_MAX_BYTES - withoutBody,
    escapedBytes,
  );
  return entry(body);
}

/** Bytes a string takes inside a JSON document: escaped, in UTF-8, without its quotes. */
function escapedBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
}

function boundProblems(all: readonly ValidationProblem[]): {
  problems: ValidationProblem[];
  problemsTruncated: boolean;
} {
  const problems: ValidationProblem[] = [];
  let bytes = 2; // the array's brackets
  let cut = false;
  for (const problem of all.slice(0, MAX_PROBLEMS)) {
    const bounded: ValidationProblem = {
      ...problem,
      path: cutText(problem.path, MAX_PROBLEM_PATH_LENGTH),
      message: cutText(problem.message, MAX_PROBLEM_MESSAGE_LENGTH),
    };
    const size = Buffer.byteLength(JSON.stringify(bounded), 'utf8') + 1;
    if (bytes + size > MAX_PROBLEMS_BYTES) {
      break;
    }
    cut ||=
      bounded.path !== problem.path || bounded.message !== problem.message;
    problems.push(bounded);
    bytes += size;
  }
  return { problems, problemsTruncated: cut || problems.length < all.length };
}
