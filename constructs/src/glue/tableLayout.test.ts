import { JsonSchema } from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { createRecordTransformer } from '../runtime/enrich/transformRecord';
import { loadSampleContract } from '../testing/sampleContracts';
import { planTableLayout } from './tableLayout';

/**
 * The trading contract with extra detail properties per event; events not
 * in the contract (a third one, say) are added as copies of TradeCancelled.
 */
function tradingWith(
  properties: Record<string, Record<string, JsonSchema>>,
): LoadedDataProductContract {
  const loaded = loadSampleContract('trading');
  const cancelledEvent = loaded.contract.events[1];
  const events = [
    ...loaded.contract.events,
    ...Object.keys(properties)
      .filter(detailType => !loaded.detailSchemas[detailType])
      .map(detailType => ({ ...cancelledEvent, detailType })),
  ];
  const detailSchemas = Object.fromEntries(
    events.map(({ detailType }) => {
      const schema =
        loaded.detailSchemas[detailType] ?? loaded.detailSchemas.TradeCancelled;
      return [
        detailType,
        {
          ...schema,
          properties: { ...schema.properties, ...properties[detailType] },
        },
      ];
    }),
  );
  return {
    ...loaded,
    contract: { ...loaded.contract, events },
    detailSchemas,
  };
}

const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
});
const STRING: JsonSchema = { type: 'string' };
const DATE_TIME: JsonSchema = { type: 'string', format: 'date-time' };

describe('planTableLayout', () => {
  it('derives the trading table from both event schemas', () => {
    const layout = planTableLayout(loadSampleContract('trading'), {
      hashPii: true,
    });
    expect(layout.columns.map(c => `${c.name}:${c.type}`)).toEqual([
      'event_id:string',
      'event_source:string',
      'event_type:string',
      'event_time:timestamp',
      'schema_version:int',
      'ingested_at:timestamp',
      'trade_id:string',
      'instrument:string',
      'quantity:double',
      'price:double',
      'currency:string',
      'trader_id:string',
      'direction:string',
      'exchange:string',
      'venue_order_id:string',
      'executed_at:timestamp',
      'reason:string',
      'cancelled_by:string',
      'cancelled_at:timestamp',
      'asset_class:string',
      'issuer_name:string',
      'listing_currency:string',
    ]);
    expect(layout.partitionKeys).toEqual([
      expect.objectContaining({ name: 'event_date', type: 'string' }),
    ]);
    expect(layout.projection).toEqual({
      event_date: {
        type: 'date',
        format: 'yyyy-MM-dd',
        range: 'NOW-2555DAYS,NOW+1DAYS',
        interval: '1',
        'interval.unit': 'DAYS',
      },
    });
    expect(layout.hashedFields).toEqual(['trader_id', 'cancelled_by']);
    expect(layout.dataPrefix).toBe('data/trade_executions/');
  });

  it('moves a field partition key out of the columns and projects its enum', () => {
    const layout = planTableLayout(loadSampleContract('credit'), {
      hashPii: false,
    });
    expect(layout.columns.map(c => c.name)).not.toContain('decision');
    expect(layout.columns).toContainEqual(
      expect.objectContaining({ name: 'credit_score', type: 'int' }),
    );
    expect(layout.columns).toContainEqual(
      expect.objectContaining({ name: 'reason_codes', type: 'array<string>' }),
    );
    expect(layout.partitionKeys.map(key => key.name)).toEqual([
      'event_date',
      'decision',
    ]);
    expect(layout.projection.decision).toEqual({
      type: 'enum',
      values: 'APPROVED,DECLINED',
    });
    expect(layout.partitions).toEqual([
      { column: 'event_date', derived: 'event_date' },
      { column: 'decision', field: 'decision' },
    ]);
  });

  it('keeps nested objects as structs, with hashed PII fields typed string', () => {
    const layout = planTableLayout(loadSampleContract('customer'), {
      hashPii: true,
    });
    expect(layout.columns).toContainEqual(
      expect.objectContaining({
        name: 'address',
        type: 'struct<line1:string,city:string,postcode:string,country:string>',
      }),
    );
    expect(layout.columns).toContainEqual(
      expect.objectContaining({ name: 'date_of_birth', type: 'string' }),
    );
    const unhashed = planTableLayout(loadSampleContract('customer'), {
      hashPii: false,
    });
    expect(unhashed.columns).toContainEqual(
      expect.objectContaining({ name: 'date_of_birth', type: 'date' }),
    );
  });

  it('rejects events that disagree on a shared field type', () => {
    const loaded = loadSampleContract('trading');
    const cancelled = loaded.detailSchemas.TradeCancelled;
    const conflicting = {
      ...loaded,
      detailSchemas: {
        ...loaded.detailSchemas,
        TradeCancelled: {
          ...cancelled,
          properties: { ...cancelled.properties, quantity: { type: 'string' } },
        },
      },
    } as typeof loaded;
    expect(() => planTableLayout(conflicting, { hashPii: true })).toThrow(
      /column "quantity" is double in TradeExecuted but string in TradeCancelled/,
    );
  });

  describe('struct columns declared differently by the events', () => {
    const columnOf = (loaded: LoadedDataProductContract, name: string) => {
      const layout = planTableLayout(loaded, { hashPii: false });
      return {
        type: layout.columns.find(column => column.name === name)?.type,
        plan: layout.fieldColumns.find(column => column.to === name),
        layout,
      };
    };

    it('become the union of both structs, first event fields first', () => {
      const { type, plan, layout } = columnOf(
        tradingWith({
          TradeExecuted: { merchant: object({ id: STRING, country: STRING }) },
          TradeCancelled: { merchant: object({ id: STRING, name: STRING }) },
        }),
        'merchant',
      );
      expect(type).toBe('struct<id:string,country:string,name:string>');
      // Nothing converted or renamed in either: still copied untouched.
      expect(plan).toEqual({
        from: 'merchant',
        to: 'merchant',
        plan: { kind: 'keep' },
      });
      // The column keeps its place: where the first event declared it.
      const names = layout.columns.map(column => column.name);
      expect(
        names.slice(names.indexOf('executed_at'), names.indexOf('reason') + 1),
      ).toEqual(['executed_at', 'merchant', 'reason']);
    });

    it('merge recursively, in structs and in arrays of structs', () => {
      const { type } = columnOf(
        tradingWith({
          TradeExecuted: {
            legs: {
              type: 'array',
              items: object({
                amount: { type: 'number' },
                venue: object({ mic: STRING }),
              }),
            },
          },
          TradeCancelled: {
            legs: {
              type: 'array',
              items: object({
                venue: object({ name: STRING, mic: STRING }),
                bookedAt: DATE_TIME,
              }),
            },
          },
        }),
        'legs',
      );
      expect(type).toBe(
        'array<struct<amount:double,venue:struct<mic:string,name:string>,booked_at:timestamp>>',
      );
    });

    it('convert each field as the schema of the event declaring it says', () => {
      const loaded = tradingWith({
        // Copied untouched on its own...
        TradeExecuted: { merchant: object({ id: STRING, country: STRING }) },
        // ...but this event's field is renamed and converted.
        TradeCancelled: {
          merchant: object({ id: STRING, openedAt: DATE_TIME }),
        },
      });
      const { type, plan } = columnOf(loaded, 'merchant');
      expect(type).toBe('struct<id:string,country:string,opened_at:timestamp>');
      expect(plan?.plan).toEqual({
        kind: 'struct',
        fields: [
          { from: 'id', to: 'id', plan: { kind: 'keep' } },
          { from: 'country', to: 'country', plan: { kind: 'keep' } },
          { from: 'openedAt', to: 'opened_at', plan: { kind: 'timestamp' } },
        ],
      });

      const layout = planTableLayout(loaded, { hashPii: false });
      const transform = createRecordTransformer(
        {
          domain: 'trading',
          dataProduct: 'trade-executions',
          events: {},
          columns: layout.fieldColumns,
          partitions: layout.partitions,
          maxEventBytes: 262_144,
        },
        undefined,
      );
      const row = (detail: Record<string, unknown>) =>
        transform(
          {
            id: 'e-1',
            source: 'com.fintech.trading',
            'detail-type': 'TradeExecuted',
            time: '2026-11-25T09:30:12Z',
            detail,
          },
          undefined,
        ).merchant;
      expect(row({ merchant: { id: 'M1', country: 'DE' } })).toEqual({
        id: 'M1',
        country: 'DE',
        opened_at: null,
      });
      expect(
        row({ merchant: { id: 'M2', openedAt: '2026-01-02T03:04:05Z' } }),
      ).toEqual({
        id: 'M2',
        country: null,
        opened_at: Date.parse('2026-01-02T03:04:05Z'),
      });
    });

    it.each<[string, Record<string, Record<string, JsonSchema>>, RegExp]>([
      [
        'a scalar of another type inside a struct',
        {
          TradeExecuted: { merchant: object({ id: STRING }) },
          TradeCancelled: { merchant: object({ id: { type: 'integer' } }) },
        },
        /field "merchant.id" of column "merchant" is string in TradeExecuted but bigint in TradeCancelled; the events of a product share one table, so a field needs one type/,
      ],
      [
        'a scalar of another type inside an array of structs',
        {
          TradeExecuted: {
            legs: { type: 'array', items: object({ amount: STRING }) },
          },
          TradeCancelled: {
            legs: {
              type: 'array',
              items: object({ amount: { type: 'number' } }),
            },
          },
        },
        /field "legs\[\].amount" of column "legs" is string in TradeExecuted but double in TradeCancelled/,
      ],
      [
        'a struct and a scalar',
        {
          TradeExecuted: { merchant: object({ id: STRING }) },
          TradeCancelled: { merchant: STRING },
        },
        /column "merchant" is struct<id:string> in TradeExecuted but string in TradeCancelled/,
      ],
      [
        'a string and JSON text of a free-form value',
        {
          TradeExecuted: { merchant: object({ note: STRING }) },
          TradeCancelled: { merchant: object({ note: {} }) },
        },
        /field "merchant.note" of column "merchant" is string in TradeExecuted but string of JSON text in TradeCancelled/,
      ],
      [
        'two property names that become one column',
        {
          TradeExecuted: { merchantId: STRING },
          TradeCancelled: { merchant_id: STRING },
        },
        /column "merchant_id" is from property "merchantId" in TradeExecuted but from property "merchant_id" in TradeCancelled; both would fill one column/,
      ],
      [
        'a field two later events disagree on, naming the one that declared it',
        {
          TradeExecuted: { merchant: object({ id: STRING }) },
          TradeCancelled: { merchant: object({ name: STRING }) },
          TradeAmended: {
            merchant: object({ name: { type: 'boolean' } }),
          },
        },
        /field "merchant.name" of column "merchant" is string in TradeCancelled but boolean in TradeAmended/,
      ],
      [
        'two properties of one object that become one struct field',
        {
          TradeExecuted: {
            merchant: object({ countryCode: STRING, country_code: STRING }),
          },
        },
        /field "merchant" of TradeExecuted cannot become a column: .*struct field "country_code" appears twice/,
      ],
    ])('fail on %s', (_label, properties, message) => {
      expect(() =>
        planTableLayout(tradingWith(properties), { hashPii: false }),
      ).toThrow(message);
    });
  });

  it('rejects a field that would shadow an envelope column', () => {
    const loaded = loadSampleContract('credit');
    const schema = loaded.detailSchemas.CreditDecision;
    const shadowing = {
      ...loaded,
      detailSchemas: {
        CreditDecision: {
          ...schema,
          properties: { ...schema.properties, eventId: { type: 'string' } },
        },
      },
    } as typeof loaded;
    expect(() => planTableLayout(shadowing, { hashPii: false })).toThrow(
      /field "eventId" of CreditDecision would become column "event_id", which is an envelope column/,
    );
  });
});
