import { createHmac } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  AwsJsonLoopbackServer,
  InMemoryDynamoDbTables,
  loopbackClientConfig,
} from '../../testing/awsJsonLoopbackServer';
import { sampleHandlerConfig } from '../../testing/sampleContracts';
import {
  PUT_EVENTS_MAX_BYTES,
  putEventsEntrySize,
} from '@financial-data-mesh/event-publisher';
import { EnrichmentHandlerConfig, QualityRuleConfig } from './config';
import { createEnrichmentHandler } from './createHandler';
import { PipeSqsMessage } from './eventEnvelope';
import { FIREHOSE_MAX_RECORD_BYTES } from './rowSize';

const HASH_KEY = 'test-hash-key';
const hmac = (value: string) =>
  createHmac('sha256', HASH_KEY).update(value).digest('hex');

const REFERENCE_ITEMS: Record<string, Record<string, { S: string }>> = {
  RETAIL: {
    segment: { S: 'RETAIL' },
    segment_name: { S: 'Retail banking' },
    relationship_team: { S: 'Retail North' },
  },
  US0378331005: {
    instrument: { S: 'US0378331005' },
    asset_class: { S: 'EQUITY' },
    issuer_name: { S: 'Apple Inc.' },
    listing_currency: { S: 'USD' },
  },
  DE0007164600: {
    instrument: { S: 'DE0007164600' },
    asset_class: { S: 'EQUITY' },
    issuer_name: { S: 'SAP SE' },
    listing_currency: { S: 'EUR' },
  },
};

function envelope(
  id: string,
  detailType: string,
  detail: Record<string, unknown>,
  source = 'com.fintech.trading',
  time = '2026-11-25T09:30:12Z',
) {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account: '111111111111',
    time,
    region: 'eu-central-1',
    resources: [],
    detail,
  };
}

const trade = (n: number, instrument = 'US0378331005') => ({
  trade_id: `T-${n}`,
  instrument,
  quantity: 100,
  price: 187.25,
  currency: 'USD',
  trader_id: `E${1000 + (n % 3)}`,
  direction: 'BUY',
  exchange: 'XNAS',
  executed_at: '2026-11-25T09:30:11.250Z',
});

const customer = (n: number) => ({
  customer_id: `C00000000${n}`,
  full_name: 'Ada Lovelace',
  email: `customer${n}@example.com`,
  date_of_birth: '1815-12-10',
  country: 'GB',
  segment: 'RETAIL',
  kyc_status: 'PASSED',
  address: {
    line1: '12 St James Square',
    city: 'London',
    postcode: 'SW1Y 4JH',
    country: 'GB',
  },
  onboarded_at: '2026-11-25T10:00:00Z',
});

const message = (body: unknown, n: number): PipeSqsMessage => ({
  messageId: `m-${n}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** A configuration with more quality rules on one event type than its contract has. */
const withQualityRules = (
  config: EnrichmentHandlerConfig,
  detailType: string,
  rules: readonly QualityRuleConfig[],
): EnrichmentHandlerConfig => ({
  ...config,
  events: {
    ...config.events,
    [detailType]: {
      ...config.events[detailType],
      qualityRules: [
        ...(config.events[detailType].qualityRules ?? []),
        ...rules,
      ],
    },
  },
});

describe('enrichment handler', () => {
  let server: AwsJsonLoopbackServer;
  let failPutEvents: boolean;
  let unprocessedOnce: boolean;
  let metricLines: string[];
  let latestTables: InMemoryDynamoDbTables;

  beforeEach(async () => {
    failPutEvents = false;
    unprocessedOnce = false;
    metricLines = [];
    latestTables = new InMemoryDynamoDbTables({ latest: 'trade_id' });
    server = await AwsJsonLoopbackServer.start({
      'DynamoDB_20120810.BatchWriteItem': latestTables.batchWriteItem,
      'AWSEvents.PutEvents': input =>
        failPutEvents
          ? {
              error: {
                type: 'AccessDeniedException',
                message: 'denied',
                status: 400,
              },
            }
          : {
              FailedEntryCount: 0,
              Entries: input.Entries.map((_: unknown, i: number) => ({
                EventId: `q-${i}`,
              })),
            },
      'DynamoDB_20120810.BatchGetItem': input => {
        const [[table, request]] = Object.entries(input.RequestItems) as Array<
          [string, { Keys: Array<Record<string, { S: string }>> }]
        >;
        let keys = request.Keys;
        let unprocessed: typeof keys = [];
        if (unprocessedOnce && keys.length > 1) {
          unprocessedOnce = false;
          unprocessed = keys.slice(1);
          keys = keys.slice(0, 1);
        }
        return {
          Responses: {
            [table]: keys
              .map(key => REFERENCE_ITEMS[Object.values(key)[0].S])
              .filter(Boolean),
          },
          UnprocessedKeys: unprocessed.length
            ? { [table]: { Keys: unprocessed } }
            : {},
        };
      },
    });
  });
  afterEach(() => server.stop());

  const handlerFor = (
    domain: 'trading' | 'credit' | 'customer',
    options: {
      maxEventBytes?: number;
      latestStateKeyField?: string;
      /** Quality rules added to the contract's, by detail-type. */
      qualityRules?: Record<string, readonly QualityRuleConfig[]>;
    } = {},
  ) =>
    createEnrichmentHandler(
      Object.entries(options.qualityRules ?? {}).reduce(
        (config, [detailType, rules]) =>
          withQualityRules(config, detailType, rules),
        sampleHandlerConfig(domain, options),
      ),
      {
        QUARANTINE_EVENT_BUS_NAME: 'datamesh-test',
        REFERENCE_TABLE_NAME: 'reference',
        REFERENCE_KEY_ATTRIBUTE:
          domain === 'trading' ? 'instrument' : 'segment',
        PII_HASH_KEY: HASH_KEY,
        LATEST_STATE_TABLE_NAME: 'latest',
      },
      {
        eventBridge: new EventBridgeClient(loopbackClientConfig(server)),
        dynamoDb: new DynamoDBClient(loopbackClientConfig(server)),
      },
      line => metricLines.push(line),
    );
  const metrics = () => metricLines.map(line => JSON.parse(line));
  /** The last batch's counts (lines per quality rule follow it). */
  const lastMetrics = () =>
    metrics()
      .filter(line => line.QualityRule === undefined)
      .pop();
  const quarantined = () =>
    server
      .callsOf('AWSEvents.PutEvents')
      .flatMap(call => call.Entries)
      .map((entry: { Detail: string }) => JSON.parse(entry.Detail));

  it('turns valid events into enriched table rows with hashed PII and partition values', async () => {
    const handler = handlerFor('trading');
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', trade(1)), 1),
      message(
        envelope('e-2', 'TradeCancelled', {
          trade_id: 'T-1',
          instrument: 'DE0007164600',
          reason: 'VENUE_BUST',
          cancelled_by: 'E2000',
          cancelled_at: '2026-11-25T09:31:00Z',
        }),
        2,
      ),
    ]);

    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      event_id: 'e-1',
      event_source: 'com.fintech.trading',
      event_type: 'TradeExecuted',
      event_time: Date.parse('2026-11-25T09:30:12Z'),
      schema_version: 2,
      ingested_at: expect.any(Number),
      trade_id: 'T-1',
      instrument: 'US0378331005',
      quantity: 100,
      price: 187.25,
      currency: 'USD',
      trader_id: hmac('E1001'),
      direction: 'BUY',
      exchange: 'XNAS',
      venue_order_id: null,
      executed_at: Date.parse('2026-11-25T09:30:11.250Z'),
      reason: null,
      cancelled_by: null,
      cancelled_at: null,
      asset_class: 'EQUITY',
      issuer_name: 'Apple Inc.',
      listing_currency: 'USD',
      event_date: '2026-11-25',
    });
    expect(records[1]).toMatchObject({
      event_type: 'TradeCancelled',
      schema_version: 1,
      cancelled_by: hmac('E2000'),
      issuer_name: 'SAP SE',
      listing_currency: 'EUR',
    });
    // Reference data for both instruments in one BatchGetItem.
    expect(server.callsOf('DynamoDB_20120810.BatchGetItem')).toHaveLength(1);
    expect(server.callsOf('AWSEvents.PutEvents')).toHaveLength(0);
    // No latest-state table unless the product asks for one.
    expect(server.callsOf('DynamoDB_20120810.BatchWriteItem')).toHaveLength(0);
    expect(lastMetrics()).toMatchObject({
      Domain: 'trading',
      DataProduct: 'trade-executions',
      ReceivedEvents: 2,
      DeliveredEvents: 2,
      QuarantinedEvents: 0,
    });
  });

  it('quarantines invalid events with their errors and still delivers the valid ones', async () => {
    const handler = handlerFor('trading');
    const invalid = { ...trade(2), direction: 'HOLD', quantity: -5 };
    delete (invalid as Partial<typeof invalid>).trade_id;
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', trade(1)), 1),
      message(envelope('e-2', 'TradeExecuted', invalid), 2),
      message('{not json', 3),
      message({ hello: 'world' }, 4),
      message(envelope('e-5', 'TradeSettled', trade(5)), 5),
      message(
        envelope('e-6', 'TradeExecuted', trade(6), 'com.fintech.other'),
        6,
      ),
      message(envelope('e-7', 'TradeExecuted', trade(7)), 7),
    ]);

    expect(records.map(record => record.event_id)).toEqual(['e-1', 'e-7']);
    const rejected = quarantined();
    expect(rejected.map(r => [r.messageId, r.reason])).toEqual([
      ['m-2', 'schema-violation'],
      ['m-3', 'not-json'],
      ['m-4', 'not-an-event'],
      ['m-5', 'unknown-event-type'],
      ['m-6', 'unknown-event-type'],
    ]);
    expect(rejected[0]).toMatchObject({
      domain: 'trading',
      dataProduct: 'trade-executions',
      eventId: 'e-2',
      bodyTruncated: false,
    });
    expect(rejected[0].problems).toEqual(
      expect.arrayContaining([
        { path: '/detail', message: "must have required property 'trade_id'" },
        { path: '/detail/quantity', message: 'must be > 0' },
        {
          path: '/detail/direction',
          message: 'must be equal to one of the allowed values',
        },
      ]),
    );
    expect(JSON.parse(rejected[0].body).detail.direction).toBe('HOLD');
    const putEvents = server.callsOf('AWSEvents.PutEvents')[0];
    expect(putEvents.Entries[0]).toMatchObject({
      EventBusName: 'datamesh-test',
      Source: 'datamesh.quarantine',
      DetailType: 'EventQuarantined',
    });
    expect(lastMetrics()).toMatchObject({
      ReceivedEvents: 7,
      DeliveredEvents: 2,
      QuarantinedEvents: 5,
    });
  });

  it('delivers events without reference data, with empty attributes, and counts them', async () => {
    const handler = handlerFor('trading');
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', trade(1, 'GB0002634946')), 1),
    ]);
    expect(records[0]).toMatchObject({
      instrument: 'GB0002634946',
      asset_class: null,
      issuer_name: null,
      listing_currency: null,
    });
    expect(lastMetrics().MissingReferenceData).toBe(1);
  });

  it('serves repeat keys from its cache, including keys the table does not have', async () => {
    const handler = handlerFor('trading');
    const batch = (offset: number) =>
      [0, 1, 2].map(n =>
        message(
          envelope(
            `e-${offset + n}`,
            'TradeExecuted',
            trade(n, ['US0378331005', 'DE0007164600', 'GB0002634946'][n]),
          ),
          offset + n,
        ),
      );
    await handler(batch(0));
    await handler(batch(10));
    expect(server.callsOf('DynamoDB_20120810.BatchGetItem')).toHaveLength(1);
  });

  it('retries keys DynamoDB left unprocessed', async () => {
    unprocessedOnce = true;
    const handler = handlerFor('trading');
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', trade(1, 'US0378331005')), 1),
      message(envelope('e-2', 'TradeExecuted', trade(2, 'DE0007164600')), 2),
    ]);
    expect(server.callsOf('DynamoDB_20120810.BatchGetItem')).toHaveLength(2);
    expect(records.map(record => record.issuer_name)).toEqual([
      'Apple Inc.',
      'SAP SE',
    ]);
  });

  it('quarantines oversize events with a truncated body', async () => {
    const handler = handlerFor('trading', { maxEventBytes: 4096 });
    const oversize = { ...trade(1), venue_order_id: 'x'.repeat(5000) };
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', oversize), 1),
      message(envelope('e-2', 'TradeExecuted', trade(2)), 2),
    ]);
    expect(records.map(record => record.event_id)).toEqual(['e-2']);
    expect(quarantined()[0]).toMatchObject({
      reason: 'oversize',
      messageId: 'm-1',
      problems: [{ path: '', message: 'event is larger than 4096 bytes' }],
    });
  });

  it('delivers an event repeated within a batch once', async () => {
    const handler = handlerFor('trading');
    const event = envelope('e-1', 'TradeExecuted', trade(1));
    const records = await handler([message(event, 1), message(event, 2)]);
    expect(records).toHaveLength(1);
    expect(lastMetrics()).toMatchObject({
      DuplicateEvents: 1,
      DeliveredEvents: 1,
    });
  });

  it('fails the batch when the quarantine cannot take a rejected event', async () => {
    failPutEvents = true;
    const handler = handlerFor('trading');
    await expect(
      handler([
        message(envelope('e-1', 'TradeExecuted', trade(1)), 1),
        message('{not json', 2),
      ]),
    ).rejects.toThrow(/denied/);
  });

  it('hashes PII nested in objects and keeps the structure', async () => {
    const handler = handlerFor('customer');
    const records = await handler([
      message(
        envelope(
          'c-1',
          'CustomerOnboarded',
          {
            customer_id: 'C000000001',
            full_name: 'Ada Lovelace',
            email: 'ada@example.com',
            date_of_birth: '1815-12-10',
            country: 'GB',
            segment: 'RETAIL',
            kyc_status: 'PASSED',
            address: {
              line1: '12 St James Square',
              city: 'London',
              postcode: 'SW1Y 4JH',
              country: 'GB',
            },
            onboarded_at: '2026-11-25T10:00:00Z',
          },
          'com.fintech.customer',
        ),
        1,
      ),
    ]);
    expect(records[0]).toMatchObject({
      full_name: hmac('Ada Lovelace'),
      email: hmac('ada@example.com'),
      date_of_birth: hmac('1815-12-10'),
      address: {
        line1: hmac('12 St James Square'),
        city: 'London',
        postcode: hmac('SW1Y 4JH'),
        country: 'GB',
      },
      customer_id: 'C000000001',
      segment_name: 'Retail banking',
      relationship_team: 'Retail North',
    });
  });

  it('takes partition values from a detail field when the contract partitions by one', async () => {
    const handler = handlerFor('credit');
    const records = await handler([
      message(
        envelope(
          'd-1',
          'CreditDecision',
          {
            application_id: 'APP-00000001',
            customer_id: 'C000000001',
            decision: 'DECLINED',
            credit_score: 512,
            approved_limit: 0,
            currency: 'EUR',
            reason_codes: ['AB12', 'CD34'],
            decided_at: '2026-11-24T23:59:59Z',
          },
          'com.fintech.credit',
        ),
        1,
      ),
    ]);
    expect(records[0]).toMatchObject({
      event_date: '2026-11-25',
      decision: 'DECLINED',
      reason_codes: ['AB12', 'CD34'],
      customer_id: hmac('C000000001'),
    });
  });
  it('takes an event id only once an event is delivered, so a rejected event never hides a valid one', async () => {
    const handler = handlerFor('trading', {
      qualityRules: {
        TradeExecuted: [
          {
            name: 'nasdaq-only',
            type: 'accepted_values',
            field: 'exchange',
            values: ['XNAS'],
            severity: 'error',
          },
        ],
      },
    });
    const valid = envelope('e-1', 'TradeExecuted', trade(1));
    const records = await handler([
      // Invalid, then valid, with one id: the valid one is delivered.
      message(
        envelope('e-1', 'TradeExecuted', { ...trade(1), quantity: -1 }),
        1,
      ),
      message(valid, 2),
      message(valid, 3),
      // Breaking an error quality rule does not take the id either.
      message(
        envelope('e-2', 'TradeExecuted', { ...trade(2), exchange: 'XLON' }),
        4,
      ),
      message(envelope('e-2', 'TradeExecuted', trade(2)), 5),
    ]);
    expect(records.map(record => record.event_id)).toEqual(['e-1', 'e-2']);
    expect(quarantined().map(r => [r.messageId, r.reason])).toEqual([
      ['m-1', 'schema-violation'],
      ['m-4', 'quality-rule-violation'],
    ]);
    expect(lastMetrics()).toMatchObject({
      ReceivedEvents: 5,
      DeliveredEvents: 2,
      QuarantinedEvents: 2,
      DuplicateEvents: 1,
    });
  });

  it('quarantines an event breaking an error quality rule, checked before PII is hashed, naming the rule', async () => {
    const handler = handlerFor('customer', {
      qualityRules: {
        CustomerOnboarded: [
          {
            name: 'company-email',
            type: 'pattern',
            field: 'email',
            pattern: '@example\\.com$',
            severity: 'error',
          },
        ],
      },
    });
    const records = await handler([
      message(
        envelope(
          'c-1',
          'CustomerOnboarded',
          customer(1),
          'com.fintech.customer',
        ),
        1,
      ),
      message(
        envelope(
          'c-2',
          'CustomerOnboarded',
          { ...customer(2), email: 'ada@example.org' },
          'com.fintech.customer',
        ),
        2,
      ),
    ]);
    expect(records.map(record => record.event_id)).toEqual(['c-1']);
    expect(records[0].email).toBe(hmac('customer1@example.com'));
    const [rejected] = quarantined();
    expect(rejected).toMatchObject({
      reason: 'quality-rule-violation',
      messageId: 'm-2',
      eventId: 'c-2',
      problems: [
        {
          path: '/detail/email',
          message:
            'quality rule "company-email" (pattern on email): "ada@example.org" does not match @example\\.com$',
          rule: 'company-email',
        },
      ],
    });
  });

  it('delivers an event breaking a warn quality rule and counts it, in total and per rule', async () => {
    // The customer contract's "kyc-passed" rule: warn when kyc_status is not PASSED.
    const handler = handlerFor('customer');
    const records = await handler([
      message(
        envelope(
          'c-1',
          'CustomerOnboarded',
          customer(1),
          'com.fintech.customer',
        ),
        1,
      ),
      message(
        envelope(
          'c-2',
          'CustomerOnboarded',
          { ...customer(2), kyc_status: 'PENDING' },
          'com.fintech.customer',
        ),
        2,
      ),
      message(
        envelope(
          'c-3',
          'CustomerOnboarded',
          { ...customer(3), kyc_status: 'PENDING' },
          'com.fintech.customer',
        ),
        3,
      ),
    ]);
    expect(records).toHaveLength(3);
    expect(server.callsOf('AWSEvents.PutEvents')).toHaveLength(0);
    expect(lastMetrics()).toMatchObject({
      DeliveredEvents: 3,
      QualityWarnings: 2,
    });
    const perRule = metrics().filter(line => line.QualityRule !== undefined);
    expect(perRule).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'DataMesh',
              Dimensions: [['Domain', 'DataProduct', 'QualityRule']],
              Metrics: [{ Name: 'QualityWarnings', Unit: 'Count' }],
            },
          ],
        },
        Domain: 'customer',
        DataProduct: 'customer-onboarding',
        QualityRule: 'kyc-passed',
        QualityWarnings: 2,
      },
    ]);
  });

  it('quarantines an event whose row is too large for Firehose, and delivers the rest', async () => {
    // Rows outgrow events through reference data, hashes and JSON text; a
    // large event (allowed by a raised limit) is the simplest way to get one.
    const handler = handlerFor('trading', { maxEventBytes: 4 * 1024 * 1024 });
    const huge = {
      ...trade(1),
      venue_order_id: 'x'.repeat(FIREHOSE_MAX_RECORD_BYTES),
    };
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', huge), 1),
      message(envelope('e-1', 'TradeExecuted', trade(1)), 2),
    ]);
    expect(records.map(record => record.event_id)).toEqual(['e-1']);
    expect(records[0].venue_order_id).toBeNull();
    const [rejected] = quarantined();
    expect(rejected).toMatchObject({
      reason: 'row-too-large',
      messageId: 'm-1',
      eventId: 'e-1',
      bodyTruncated: true,
      bodyBytes: Buffer.byteLength(
        message(envelope('e-1', 'TradeExecuted', huge), 1).body,
      ),
    });
    expect(rejected.problems[0].message).toMatch(
      /^the table row is \d+ bytes as JSON; Firehose takes records of at most 1024000 bytes$/,
    );
    expect(lastMetrics()).toMatchObject({
      DeliveredEvents: 1,
      QuarantinedEvents: 1,
      DuplicateEvents: 0,
    });
  });

  it('quarantines an oversize event of multi-byte characters within the PutEvents limit, without failing the batch', async () => {
    const handler = handlerFor('trading');
    // 90,000 characters, 270,000 bytes: over the 256 KiB event limit.
    const oversize = { ...trade(1), venue_order_id: '€'.repeat(90_000) };
    const records = await handler([
      message(envelope('e-1', 'TradeExecuted', oversize), 1),
      message(envelope('e-2', 'TradeExecuted', trade(2)), 2),
    ]);
    expect(records.map(record => record.event_id)).toEqual(['e-2']);
    const [entry] = server.callsOf('AWSEvents.PutEvents')[0].Entries;
    expect(putEventsEntrySize(entry)).toBeLessThanOrEqual(PUT_EVENTS_MAX_BYTES);
    expect(quarantined()[0]).toMatchObject({
      reason: 'oversize',
      bodyTruncated: true,
    });
  });

  describe('with a latest-state table', () => {
    const RETENTION_SECONDS = 2555 * 86_400;
    const stateHandler = () =>
      handlerFor('trading', { latestStateKeyField: 'trade_id' });
    const cancelled = (n: number) => ({
      trade_id: `T-${n}`,
      instrument: 'DE0007164600',
      reason: 'VENUE_BUST',
      cancelled_by: 'E2000',
      cancelled_at: '2026-11-25T09:31:00Z',
    });

    it('writes the newest valid row of each key, PII hashed, expiring after the retention', async () => {
      const handler = stateHandler();
      const invalid = { ...trade(3), quantity: -1 };
      const records = await handler([
        message(
          envelope(
            'e-2',
            'TradeCancelled',
            cancelled(1),
            undefined,
            '2026-11-25T09:31:00Z',
          ),
          1,
        ),
        // Older than the cancellation though later in the batch: not the state.
        message(envelope('e-1', 'TradeExecuted', trade(1)), 2),
        message(envelope('e-3', 'TradeExecuted', trade(2)), 3),
        message(envelope('e-4', 'TradeExecuted', invalid), 4),
      ]);

      expect(records.map(record => record.event_id)).toEqual([
        'e-2',
        'e-1',
        'e-3',
      ]);
      const writes = server.callsOf('DynamoDB_20120810.BatchWriteItem');
      expect(writes).toHaveLength(1);
      expect(writes[0].RequestItems.latest).toHaveLength(2);
      expect(latestTables.size('latest')).toBe(2);
      const eventTime = Date.parse('2026-11-25T09:31:00Z');
      expect(latestTables.item('latest', 'T-1')).toMatchObject({
        trade_id: { S: 'T-1' },
        event_id: { S: 'e-2' },
        event_type: { S: 'TradeCancelled' },
        event_time: { N: String(eventTime) },
        cancelled_by: { S: hmac('E2000') },
        quantity: { NULL: true },
        issuer_name: { S: 'SAP SE' },
        state_expires_at: {
          N: String(Math.floor(eventTime / 1000) + RETENTION_SECONDS),
        },
      });
      expect(latestTables.item('latest', 'T-2')).toMatchObject({
        trader_id: { S: hmac('E1002') },
        quantity: { N: '100' },
      });
      expect(latestTables.item('latest', 'T-3')).toBeUndefined();
    });

    it('keeps the later row of a key when the event times tie', async () => {
      const handler = stateHandler();
      await handler([
        message(envelope('e-1', 'TradeExecuted', trade(1)), 1),
        message(envelope('e-2', 'TradeCancelled', cancelled(1)), 2),
      ]);
      expect(latestTables.item('latest', 'T-1')?.event_id).toEqual({
        S: 'e-2',
      });
    });

    it('writes 25 items a request and retries the items DynamoDB left unprocessed', async () => {
      latestTables.unprocessedNext = 5;
      const handler = stateHandler();
      const batch = Array.from({ length: 60 }, (_, n) =>
        message(envelope(`e-${n}`, 'TradeExecuted', trade(n)), n),
      );
      await handler(batch);
      const sizes = server
        .callsOf('DynamoDB_20120810.BatchWriteItem')
        .map(call => call.RequestItems.latest.length);
      expect(sizes.slice(0, 3).sort()).toEqual([10, 25, 25]);
      expect(sizes.slice(3)).toEqual([5]);
      expect(latestTables.size('latest')).toBe(60);
    });

    it('fails the batch when the table keeps items unprocessed, so SQS delivers it again', async () => {
      latestTables.unprocessedNext = Number.MAX_SAFE_INTEGER;
      const handler = stateHandler();
      await expect(
        handler([message(envelope('e-1', 'TradeExecuted', trade(1)), 1)]),
      ).rejects.toThrow(
        /1 latest-state items still unprocessed by latest after 5 attempts/,
      );
    });

    it('writes nothing when no event of the batch is valid', async () => {
      const handler = stateHandler();
      await handler([message('{not json', 1)]);
      expect(server.callsOf('DynamoDB_20120810.BatchWriteItem')).toHaveLength(
        0,
      );
    });
  });
});
