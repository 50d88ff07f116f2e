import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutEventsRequestEntry,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import {
  EventPublishError,
  EventPublisher,
  EventValidationError,
  PutEventsClient,
} from './EventPublisher';

interface TradeExecuted {
  trade_id: string;
  instrument: string;
  quantity: number;
  price: number;
  trader_id: string;
  direction: 'BUY' | 'SELL';
  exchange: string;
  executed_at: string;
}

const tradeSchema = JSON.parse(
  readFileSync(
    join(
      __dirname,
      '../../../examples/domains/trading/schemas/trade-executed.json',
    ),
    'utf8',
  ),
);

const trade = (n: number): TradeExecuted => ({
  trade_id: `T-${n}`,
  instrument: 'US0378331005',
  quantity: 100 + n,
  price: 187.5,
  trader_id: 'E12345',
  direction: 'BUY',
  exchange: 'XNAS',
  executed_at: '2026-11-25T09:30:00Z',
});

/**
 * EventBridge as far as PutEvents goes: records every call's entries and
 * answers each entry with an id or a scripted error code.
 */
class ScriptedEventBus implements PutEventsClient {
  readonly calls: PutEventsRequestEntry[][] = [];
  /** Entries to fail (with this code) on their first attempt, by trade id. */
  readonly failOnce = new Map<string, string>();
  /** When set, every entry fails with this code. */
  alwaysFail: string | undefined;
  private nextId = 0;

  async send(command: PutEventsCommand) {
    const entries = command.input.Entries ?? [];
    this.calls.push(entries);
    let failed = 0;
    const results = entries.map<PutEventsResultEntry>(entry => {
      const id = JSON.parse(entry.Detail ?? '{}').trade_id as string;
      const code = this.alwaysFail ?? this.failOnce.get(id);
      if (code) {
        this.failOnce.delete(id);
        failed++;
        return { ErrorCode: code, ErrorMessage: `scripted ${code}` };
      }
      return { EventId: `evt-${this.nextId++}` };
    });
    return { FailedEntryCount: failed, Entries: results, $metadata: {} };
  }
}

// The SDK's own client is a PutEventsClient: producers pass theirs unchanged.
const sdkClient: PutEventsClient = new EventBridgeClient({
  region: 'eu-west-1',
});

describe('EventPublisher', () => {
  let bus: ScriptedEventBus;

  beforeEach(() => {
    bus = new ScriptedEventBus();
  });

  const publisher = (options: { schemas?: object } = {}) =>
    new EventPublisher<{ TradeExecuted: TradeExecuted }>({
      eventBusName: 'datamesh-trading',
      source: 'com.fintech.trading',
      client: bus,
      schemas: options.schemas ? { TradeExecuted: options.schemas } : undefined,
      sleep: async () => undefined,
    });

  it('accepts the SDK client', () => {
    expect(
      new EventPublisher({
        eventBusName: 'datamesh-trading',
        source: 'com.fintech.trading',
        client: sdkClient,
      }),
    ).toBeInstanceOf(EventPublisher);
  });

  it('sends events in batches of ten and returns their ids in order', async () => {
    const events = Array.from({ length: 25 }, (_, n) => ({
      detailType: 'TradeExecuted' as const,
      detail: trade(n),
      time: new Date('2026-11-25T09:30:00Z'),
    }));
    const ids = await publisher().publishAll(events);

    const calls = bus.calls;
    expect(calls.map(call => call.length).sort()).toEqual([10, 10, 5]);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    const sentEntry = calls[0][0];
    expect(sentEntry).toMatchObject({
      EventBusName: 'datamesh-trading',
      Source: 'com.fintech.trading',
      DetailType: 'TradeExecuted',
    });
    // Ids come back in input order: the id of trade 7 is the one the server gave its entry.
    const entryOrder = calls.flatMap(call =>
      call.map(entry => JSON.parse(entry.Detail ?? '{}').trade_id),
    );
    expect(ids[7]).toBe(`evt-${entryOrder.indexOf('T-7')}`);
  });

  it('retries only the entries that failed transiently', async () => {
    bus.failOnce.set('T-3', 'ThrottlingException');
    bus.failOnce.set('T-8', 'InternalFailure');
    const events = Array.from({ length: 10 }, (_, n) => ({
      detailType: 'TradeExecuted' as const,
      detail: trade(n),
    }));
    const ids = await publisher().publishAll(events);

    const calls = bus.calls;
    expect(calls).toHaveLength(2);
    expect(
      calls[1].map(entry => JSON.parse(entry.Detail ?? '{}').trade_id),
    ).toEqual(['T-3', 'T-8']);
    expect(ids.every(id => id.startsWith('evt-'))).toBe(true);
  });

  it('reports permanent failures with the ids of the events that were published', async () => {
    bus.failOnce.set('T-1', 'MalformedDetail');
    const error = await publisher()
      .publishAll(
        [0, 1, 2].map(n => ({ detailType: 'TradeExecuted', detail: trade(n) })),
      )
      .catch(e => e);

    expect(error).toBeInstanceOf(EventPublishError);
    expect(error.failures).toEqual([
      {
        index: 1,
        errorCode: 'MalformedDetail',
        errorMessage: 'scripted MalformedDetail',
      },
    ]);
    expect(error.eventIds[0]).toMatch(/^evt-/);
    expect(error.eventIds[1]).toBeUndefined();
    expect(bus.calls).toHaveLength(1);
  });

  it('gives up after maxAttempts on an entry that keeps failing', async () => {
    bus.alwaysFail = 'ThrottlingException';
    const sleep = jest.fn(async (_ms: number) => undefined);
    const limited = new EventPublisher({
      eventBusName: 'datamesh-trading',
      source: 'com.fintech.trading',
      client: bus,
      maxAttempts: 3,
      baseDelayMs: 100,
      sleep,
    });
    const error = await limited
      .publish({ detailType: 'TradeExecuted', detail: trade(1) })
      .catch(e => e);

    expect(error).toBeInstanceOf(EventPublishError);
    expect(error.failures[0].errorCode).toBe('ThrottlingException');
    expect(bus.calls).toHaveLength(3);
    // Full jitter: each delay is at most the doubling bound (100, then 200 ms).
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sleep.mock.calls[0][0]).toBeLessThanOrEqual(100);
    expect(sleep.mock.calls[1][0]).toBeLessThanOrEqual(200);
  });

  it('splits batches at 256 KiB and refuses an event too large for EventBridge', async () => {
    const big = (n: number, kib: number) => ({
      detailType: 'TradeExecuted' as const,
      detail: { ...trade(n), venue_order_id: 'x'.repeat(kib * 1024) },
    });
    await publisher().publishAll([big(1, 100), big(2, 100), big(3, 100)]);
    expect(bus.calls.map(call => call.length)).toEqual([2, 1]);

    const error = await publisher()
      .publishAll([big(4, 300)])
      .catch(e => e);
    expect(error).toBeInstanceOf(EventPublishError);
    expect(error.failures[0].errorCode).toBe('EntryTooLarge');
  });

  it('validates against the contract schema before sending anything', async () => {
    const invalid = { ...trade(1), direction: 'HOLD' as 'BUY', quantity: 0 };
    const error = await publisher({ schemas: tradeSchema })
      .publishAll([
        { detailType: 'TradeExecuted', detail: trade(0) },
        { detailType: 'TradeExecuted', detail: invalid },
      ])
      .catch(e => e);

    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.problems).toEqual([
      {
        index: 1,
        errors: expect.arrayContaining([
          '/quantity must be > 0',
          '/direction must be equal to one of the allowed values',
        ]),
      },
    ]);
    expect(bus.calls).toHaveLength(0);
  });
});
