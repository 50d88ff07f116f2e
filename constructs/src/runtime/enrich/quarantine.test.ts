import { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  PUT_EVENTS_MAX_BYTES,
  putEventsEntrySize,
} from '@financial-data-mesh/event-publisher';
import {
  QUARANTINE_ENTRY_MAX_BYTES,
  QuarantinedEvent,
  QuarantineRecord,
  toQuarantineEntry,
} from './quarantine';

/** SQS's limit on a message: the whole EventBridge event the rule delivers. */
const SQS_MAX_MESSAGE_BYTES = 256 * 1024;

const DESTINATION = {
  eventBusName: 'datamesh-trading',
  domain: 'trading',
  dataProduct: 'trade-executions',
};

const rejected = (
  body: string,
  problems: QuarantinedEvent['problems'] = [
    { path: '', message: 'event is larger than 262144 bytes' },
  ],
): QuarantinedEvent => ({
  reason: 'oversize',
  problems,
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  eventId: 'b6e4c1de-5f3a-4e8b-9a1c-0f2d3e4a5b6c',
  body,
});

const recordOf = (entry: PutEventsRequestEntry): QuarantineRecord =>
  JSON.parse(entry.Detail ?? '{}');

/** The SQS message the quarantine rule delivers: EventBridge's envelope around the detail, re-serialised. */
const sqsMessageBytes = (entry: PutEventsRequestEntry) =>
  Buffer.byteLength(
    JSON.stringify({
      version: '0',
      id: 'a8f2e4c6-1b3d-4f5a-9c7e-2d4b6f8a0c1e',
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '123456789012',
      time: '2026-11-25T09:30:12Z',
      region: 'ap-southeast-3',
      resources: [],
      detail: JSON.parse(entry.Detail ?? '{}'),
    }),
    'utf8',
  );

const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('quarantine entries', () => {
  it('carry a small event whole', () => {
    const body = JSON.stringify({ id: 'e-1', detail: { note: 'Grüße 😀' } });
    const entry = toQuarantineEntry(rejected(body), DESTINATION);
    expect(entry).toMatchObject({
      EventBusName: 'datamesh-trading',
      Source: 'datamesh.quarantine',
      DetailType: 'EventQuarantined',
    });
    expect(recordOf(entry)).toEqual({
      domain: 'trading',
      dataProduct: 'trade-executions',
      reason: 'oversize',
      problems: [{ path: '', message: 'event is larger than 262144 bytes' }],
      problemCount: 1,
      problemsTruncated: false,
      messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
      eventId: 'b6e4c1de-5f3a-4e8b-9a1c-0f2d3e4a5b6c',
      bodyBytes: Buffer.byteLength(body),
      bodyTruncated: false,
      body,
    });
  });

  /** What a cut entry must be: within every limit, with as much of the body as fits, in whole characters. */
  const cutOf = (entry: PutEventsRequestEntry, body: string) => {
    const size = putEventsEntrySize(entry);
    const record = recordOf(entry);
    return {
      withinEntryLimit: size <= QUARANTINE_ENTRY_MAX_BYTES,
      withinPutEventsLimit: size <= PUT_EVENTS_MAX_BYTES,
      withinSqsLimit: sqsMessageBytes(entry) <= SQS_MAX_MESSAGE_BYTES,
      // One more character would take at most 12 bytes (an escaped surrogate pair).
      noRoomForMore: size > QUARANTINE_ENTRY_MAX_BYTES - 12,
      bodyTruncated: record.bodyTruncated,
      bodyBytesOfOriginal: record.bodyBytes === Buffer.byteLength(body, 'utf8'),
      bodyIsItsStart: body.startsWith(record.body),
      wholeCharacters: !LONE_SURROGATE.test(record.body),
    };
  };
  const FITTING_CUT: ReturnType<typeof cutOf> = {
    withinEntryLimit: true,
    withinPutEventsLimit: true,
    withinSqsLimit: true,
    noRoomForMore: true,
    bodyTruncated: true,
    bodyBytesOfOriginal: true,
    bodyIsItsStart: true,
    wholeCharacters: true,
  };

  const bodies: Array<[string, string]> = [
    [
      'JSON text, with quotes to escape',
      JSON.stringify({ detail: { note: 'say "hi" \\ '.repeat(60_000) } }),
    ],
    ['3-byte characters', '€'.repeat(150_000)],
    ['4-byte characters (surrogate pairs)', '😀'.repeat(100_000)],
    ['control characters, 6 bytes each once escaped', '\u0001'.repeat(100_000)],
    ['a mix', 'a€😀"\n\u2028'.repeat(60_000)],
  ];

  it.each(bodies)('fit with a body of %s', (_label, body) => {
    const entry = toQuarantineEntry(rejected(body), DESTINATION);
    expect(cutOf(entry, body)).toEqual(FITTING_CUT);
  });

  it.each(bodies)(
    'fit with a body of %s and a huge problem list',
    (_label, body) => {
      const problems = Array.from({ length: 10_000 }, (_, n) => ({
        path: `/detail/${'é'.repeat(2_000)}/${n}`,
        message: `quality rule "r-${n}": ${'ü'.repeat(5_000)}`,
      }));
      const entry = toQuarantineEntry(rejected(body, problems), DESTINATION);
      expect(cutOf(entry, body)).toEqual(FITTING_CUT);
      const record = recordOf(entry);
      expect(record).toMatchObject({
        problemCount: 10_000,
        problemsTruncated: true,
      });
      expect(record.problems.length).toBeGreaterThan(0);
      expect(record.problems.length).toBeLessThanOrEqual(50);
      expect(
        Buffer.byteLength(JSON.stringify(record.problems)),
      ).toBeLessThanOrEqual(32 * 1024);
      expect(
        record.problems.filter(
          problem => problem.message.length > 1024 || problem.path.length > 512,
        ),
      ).toEqual([]);
    },
  );

  it('keeps the first 50 problems when they are small', () => {
    const problems = Array.from({ length: 80 }, (_, n) => ({
      path: `/detail/legs/${n}/amount`,
      message: 'must be number',
    }));
    const record = recordOf(
      toQuarantineEntry(rejected('{}', problems), DESTINATION),
    );
    expect(record.problems).toEqual(problems.slice(0, 50));
    expect(record).toMatchObject({ problemCount: 80, problemsTruncated: true });
  });

  it('cuts an event id that is not EventBridge’s', () => {
    const record = recordOf(
      toQuarantineEntry(
        { ...rejected('{}'), eventId: 'x'.repeat(100_000) },
        DESTINATION,
      ),
    );
    expect(record.eventId).toHaveLength(256);
  });
});
