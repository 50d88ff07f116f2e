import {
  HiveJsonSerDe,
  parseGlueType,
  toDuckDbType,
} from '../../local-data-plane/hive-json-serde';

describe('HiveJsonSerDe (Firehose record-format conversion, local)', () => {
  const serDe = new HiveJsonSerDe([
    { name: 'event_id', type: 'string' },
    { name: 'quantity', type: 'double' },
    { name: 'legs', type: 'array<struct<amount:int,booked_at:timestamp>>' },
    { name: 'score', type: 'int' },
    { name: 'small', type: 'tinyint' },
    { name: 'flag', type: 'boolean' },
    { name: 'day', type: 'date' },
    { name: 'event_time', type: 'timestamp' },
    { name: 'merchant', type: 'struct<id:string,country:string>' },
  ]);

  it('converts a fitting record column by column, ignoring undeclared fields and nulling absent ones', () => {
    expect(
      serDe.convert({
        EVENT_ID: 'e-1',
        quantity: 1.5,
        legs: [{ amount: 3, booked_at: Date.UTC(2026, 11, 1, 9, 30) }],
        score: 700,
        flag: false,
        day: '2026-12-01',
        event_time: '2026-12-01T09:30:00Z',
        merchant: { id: 'm', extra: 'ignored' },
        undeclared: 'ignored',
      }),
    ).toEqual({
      row: {
        event_id: 'e-1',
        quantity: 1.5,
        legs: [{ amount: 3, booked_at: '2026-12-01 09:30:00.000' }],
        score: 700,
        small: null,
        flag: false,
        day: '2026-12-01',
        event_time: '2026-12-01 09:30:00.000',
        merchant: { id: 'm', country: null },
      },
    });
  });

  it('writes numbers and booleans into string columns as their JSON text', () => {
    expect(serDe.convert({ event_id: 42 })).toMatchObject({
      row: { event_id: '42' },
    });
  });

  it.each([
    ['a string in an int column', { score: 'high' }, 'score'],
    ['a fraction in an int column', { score: 1.5 }, 'score'],
    ['an int out of range', { score: 2 ** 31 }, 'score'],
    ['a tinyint out of range', { small: 200 }, 'small'],
    ['a string in a double column', { quantity: '1.5' }, 'quantity'],
    ['a number in a boolean column', { flag: 1 }, 'flag'],
    ['an unparsable timestamp', { event_time: 'yesterday' }, 'event_time'],
    ['a date with a time', { day: '2026-12-01T00:00:00Z' }, 'day'],
    ['a scalar for a struct', { merchant: 'm' }, 'merchant'],
    ['an object for an array', { legs: { amount: 1 } }, 'legs'],
    ['a bad nested value', { legs: [{ amount: 'x' }] }, 'legs[0].amount'],
    ['an object in a string column', { event_id: { a: 1 } }, 'event_id'],
  ])('fails the record for %s, naming the column', (_, record, path) => {
    const result = serDe.convert(record);
    expect(result).toEqual({ error: expect.stringContaining(`${path}:`) });
  });

  it('fails a record that is not an object', () => {
    expect(serDe.convert([1, 2])).toEqual({
      error: 'the record is not a JSON object',
    });
  });

  it('maps Glue types to the DuckDB types Parquet gets', () => {
    expect(
      toDuckDbType(
        parseGlueType(
          'struct<id:string,legs:array<struct<amount:bigint>>,at:timestamp>',
        ),
      ),
    ).toBe(
      'STRUCT("id" VARCHAR, "legs" STRUCT("amount" BIGINT)[], "at" TIMESTAMP)',
    );
  });
});
