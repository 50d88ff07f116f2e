import { loadSampleContract } from '../testing/sampleContracts';
import { planTableLayout } from './tableLayout';

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
