import { draft04ToDraft07, JsonSchemaObject } from './draft04ToDraft07';

// A subschema with every draft-04 rewrite in it, and what it becomes.
const DRAFT04 = { id: 'urn:child', minimum: 0, exclusiveMinimum: true };
const DRAFT07 = { $id: 'urn:child', exclusiveMinimum: 0 };

describe('draft04ToDraft07', () => {
  describe('recurses into every keyword that holds subschemas', () => {
    it.each<[string, JsonSchemaObject, JsonSchemaObject]>([
      [
        'properties',
        { properties: { a: DRAFT04 } },
        { properties: { a: DRAFT07 } },
      ],
      [
        'patternProperties',
        { patternProperties: { '^x-': DRAFT04 } },
        { patternProperties: { '^x-': DRAFT07 } },
      ],
      [
        'definitions',
        { definitions: { a: DRAFT04 } },
        { definitions: { a: DRAFT07 } },
      ],
      [
        'dependencies (schema and property-list forms)',
        { dependencies: { a: DRAFT04, b: ['c'] } },
        { dependencies: { a: DRAFT07, b: ['c'] } },
      ],
      ['items (one schema)', { items: DRAFT04 }, { items: DRAFT07 }],
      [
        'items (a tuple)',
        { items: [DRAFT04, { type: 'string' }] },
        { items: [DRAFT07, { type: 'string' }] },
      ],
      [
        'additionalItems',
        { additionalItems: DRAFT04 },
        { additionalItems: DRAFT07 },
      ],
      [
        'additionalProperties',
        { additionalProperties: DRAFT04 },
        { additionalProperties: DRAFT07 },
      ],
      ['not', { not: DRAFT04 }, { not: DRAFT07 }],
      ['allOf', { allOf: [DRAFT04] }, { allOf: [DRAFT07] }],
      ['anyOf', { anyOf: [DRAFT04] }, { anyOf: [DRAFT07] }],
      ['oneOf', { oneOf: [DRAFT04] }, { oneOf: [DRAFT07] }],
      [
        'nested keywords, at any depth',
        { properties: { legs: { items: { allOf: [{ not: DRAFT04 }] } } } },
        { properties: { legs: { items: { allOf: [{ not: DRAFT07 }] } } } },
      ],
      [
        'a property named like a keyword, which is a name, not the keyword',
        { properties: { id: { type: 'string' }, $schema: DRAFT04 } },
        { properties: { id: { type: 'string' }, $schema: DRAFT07 } },
      ],
    ])('%s', (_keyword, draft04, draft07) => {
      expect(draft04ToDraft07(draft04)).toEqual(draft07);
    });
  });

  it.each<[string, JsonSchemaObject, JsonSchemaObject]>([
    [
      'exclusiveMinimum: true with its bound',
      { minimum: 1, exclusiveMinimum: true },
      { exclusiveMinimum: 1 },
    ],
    [
      'exclusiveMaximum: true with its bound',
      { maximum: 9, exclusiveMaximum: true },
      { exclusiveMaximum: 9 },
    ],
    [
      'exclusiveMinimum: false with its bound',
      { minimum: 1, exclusiveMinimum: false },
      { minimum: 1 },
    ],
    [
      'exclusiveMaximum: false with its bound',
      { maximum: 9, exclusiveMaximum: false },
      { maximum: 9 },
    ],
    ['exclusiveMinimum: true without a bound', { exclusiveMinimum: true }, {}],
    [
      'exclusiveMaximum: false without a bound',
      { exclusiveMaximum: false },
      {},
    ],
    [
      'a numeric exclusive bound, already draft-07',
      { minimum: 1, exclusiveMinimum: 2 },
      { minimum: 1, exclusiveMinimum: 2 },
    ],
    [
      'id, which becomes $id',
      { id: 'urn:trade', type: 'object' },
      { $id: 'urn:trade', type: 'object' },
    ],
    [
      'an id that is not a string',
      { id: 7, type: 'object' },
      { type: 'object' },
    ],
    [
      '$schema, which goes',
      { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' },
      { type: 'object' },
    ],
    [
      'nothing in malformed subschema values',
      { allOf: { a: 1 }, properties: ['a'], not: 'x' },
      { allOf: { a: 1 }, properties: ['a'], not: 'x' },
    ],
    [
      'boolean subschemas',
      { additionalProperties: false, additionalItems: true },
      { additionalProperties: false, additionalItems: true },
    ],
  ])('rewrites %s', (_case, draft04, draft07) => {
    expect(draft04ToDraft07(draft04)).toEqual(draft07);
  });

  it.each(['enum', 'const', 'default', 'examples'])(
    'leaves the data in %s as it is, even when it looks like a schema',
    keyword => {
      const data = [DRAFT04, { $schema: 'x', properties: { a: DRAFT04 } }];
      expect(draft04ToDraft07({ [keyword]: data })).toEqual({
        [keyword]: data,
      });
    },
  );

  it('treats keywords named like Object.prototype members as plain keywords', () => {
    const converted = draft04ToDraft07(
      JSON.parse(
        '{"constructor": "x", "toString": true, "__proto__": {"id": "y"}}',
      ),
    );
    // An own `__proto__` key, not a prototype that would lend `id` to the schema.
    expect(converted.id).toBeUndefined();
    expect(JSON.stringify(converted)).toBe(
      '{"constructor":"x","toString":true,"__proto__":{"id":"y"}}',
    );
  });

  it('does not modify its input', () => {
    const input = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      ...DRAFT04,
      properties: { a: DRAFT04 },
      items: [DRAFT04],
      dependencies: { a: DRAFT04, b: ['c'] },
    };
    const before = structuredClone(input);
    draft04ToDraft07(deepFreeze(input));
    expect(input).toEqual(before);
  });
});

/** Freezes a value and everything in it, so a write anywhere throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
