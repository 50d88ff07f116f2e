import { JsonSchema } from '@financial-data-mesh/plugin-data-mesh-common';
import { mapSchemaToGlue, toColumnName } from './glueTypeMapping';

const map = (schema: JsonSchema, hashed: string[] = [], path = 'field') =>
  mapSchemaToGlue(schema, path, new Set(hashed));

describe('JSON Schema to Glue type mapping', () => {
  it.each<[string, JsonSchema, string]>([
    ['a string', { type: 'string' }, 'string'],
    ['an enum string', { type: 'string', enum: ['BUY', 'SELL'] }, 'string'],
    ['a date-time', { type: 'string', format: 'date-time' }, 'timestamp'],
    ['a date', { type: 'string', format: 'date' }, 'date'],
    ['an unbounded integer', { type: 'integer' }, 'bigint'],
    [
      'an integer within 32 bits',
      { type: 'integer', minimum: 300, maximum: 850 },
      'int',
    ],
    [
      'an integer beyond 32 bits',
      { type: 'integer', minimum: 0, maximum: 2 ** 40 },
      'bigint',
    ],
    ['a number', { type: 'number' }, 'double'],
    ['a boolean', { type: 'boolean' }, 'boolean'],
    ['a nullable string', { type: ['string', 'null'] }, 'string'],
    ['a free-form object', { type: 'object' }, 'string'],
    ['mixed types', { type: ['string', 'number'] }, 'string'],
    ['no type', {}, 'string'],
    [
      'an array of strings',
      { type: 'array', items: { type: 'string' } },
      'array<string>',
    ],
    ['an array without items', { type: 'array' }, 'array<string>'],
  ])('maps %s', (_label, schema, glueType) => {
    expect(map(schema).glueType).toBe(glueType);
  });

  it('maps nested objects and arrays of objects to structs', () => {
    const legs: JsonSchema = {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          account: { type: 'string' },
          amount: { type: 'number' },
          bookedAt: { type: 'string', format: 'date-time' },
        },
      },
    };
    const mapped = map(legs, ['legs[].account'], 'legs');
    expect(mapped.glueType).toBe(
      'array<struct<account:string,amount:double,booked_at:timestamp>>',
    );
    expect(mapped.plan).toEqual({
      kind: 'array',
      items: {
        kind: 'struct',
        fields: [
          { from: 'account', to: 'account', plan: { kind: 'hash' } },
          { from: 'amount', to: 'amount', plan: { kind: 'keep' } },
          { from: 'bookedAt', to: 'booked_at', plan: { kind: 'timestamp' } },
        ],
      },
    });
  });

  it('copies structures untouched when nothing in them changes', () => {
    const address: JsonSchema = {
      type: 'object',
      properties: { city: { type: 'string' }, zip: { type: 'string' } },
    };
    expect(map(address, [], 'address')).toEqual({
      glueType: 'struct<city:string,zip:string>',
      plan: { kind: 'keep' },
    });
  });

  it('types a hashed PII field as string whatever its schema type', () => {
    expect(map({ type: 'integer' }, ['field'])).toEqual({
      glueType: 'string',
      plan: { kind: 'hash' },
    });
  });

  it('derives snake_case column names and rejects names that cannot be columns', () => {
    expect(toColumnName('tradeId')).toBe('trade_id');
    expect(toColumnName('ISIN-code')).toBe('isin_code');
    expect(toColumnName('1st')).toBe('_1st');
    expect(() => toColumnName('x'.repeat(200))).toThrow(
      /Property "x+" cannot become a Glue column/,
    );
  });
});
