import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonSchema } from '../schema/types';
import { diffSchemas } from './diffSchemas';
import {
  CompatibilityLevel,
  SCHEMA_CHANGE_KINDS,
  SchemaChangeKind,
  satisfiesCompatibility,
} from './rules';

const closed = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const open = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
): JsonSchema => ({
  type: 'object',
  required,
  properties,
});
const str: JsonSchema = { type: 'string' };
const num: JsonSchema = { type: 'number' };
const nothing = false as unknown as JsonSchema;

/**
 * The compatibility table: one row per rule. Each row is a schema change,
 * the change kind it must be reported as, the JSON path, and the verdict.
 */
const table: Array<
  [
    SchemaChangeKind,
    JsonSchema,
    JsonSchema,
    string | string[],
    CompatibilityLevel,
  ]
> = [
  [
    'property-added-to-closed-model',
    closed({ a: str }),
    closed({ a: str, b: str }),
    '$.b',
    'BACKWARD',
  ],
  [
    'required-property-added-to-closed-model',
    closed({ a: str }),
    closed({ a: str, b: str }, ['b']),
    '$.b',
    'NONE',
  ],
  [
    'required-property-with-default-added-to-closed-model',
    closed({ a: str }),
    closed({ a: str, b: { type: 'string', default: 'EUR' } }, ['b']),
    '$.b',
    'BACKWARD',
  ],
  [
    'property-added-to-open-model',
    open({ a: str }),
    open({ a: str, b: str }),
    '$.b',
    'FORWARD',
  ],
  [
    'property-with-empty-schema-added-to-open-model',
    open({ a: str }),
    open({ a: str, b: {} }),
    '$.b',
    'FULL',
  ],
  [
    'required-property-added-to-open-model',
    open({ a: str }),
    open({ a: str, b: str }, ['b']),
    '$.b',
    'FORWARD',
  ],
  [
    'property-removed-from-open-model',
    open({ a: str, b: str }),
    open({ a: str }),
    '$.b',
    'BACKWARD',
  ],
  [
    'property-removed-from-closed-model',
    closed({ a: str, b: str }),
    closed({ a: str }),
    '$.b',
    'FORWARD',
  ],
  [
    'required-property-removed-from-closed-model',
    closed({ a: str, b: str }, ['b']),
    closed({ a: str }),
    '$.b',
    'NONE',
  ],
  [
    'required-added',
    closed({ a: str }),
    closed({ a: str }, ['a']),
    '$.a',
    'FORWARD',
  ],
  [
    'required-with-default-added',
    closed({ a: { type: 'string', default: 'x' } }),
    closed({ a: { type: 'string', default: 'x' } }, ['a']),
    '$.a',
    'FULL',
  ],
  [
    'required-removed',
    closed({ a: str }, ['a']),
    closed({ a: str }),
    '$.a',
    'BACKWARD',
  ],
  [
    'type-widened',
    closed({ q: { type: 'integer' } }),
    closed({ q: { type: 'number' } }),
    '$.q',
    'BACKWARD',
  ],
  [
    'type-narrowed',
    closed({ q: { type: ['string', 'null'] } }),
    closed({ q: str }),
    '$.q',
    'FORWARD',
  ],
  [
    'type-changed',
    closed({ q: str }),
    closed({ q: { type: 'integer' } }),
    '$.q',
    'NONE',
  ],
  [
    'enum-values-added',
    closed({ d: { type: 'string', enum: ['BUY'] } }),
    closed({ d: { type: 'string', enum: ['BUY', 'SELL'] } }),
    '$.d',
    'BACKWARD',
  ],
  [
    'enum-values-removed',
    closed({ d: { type: 'string', enum: ['BUY', 'SELL'] } }),
    closed({ d: { type: 'string', enum: ['BUY'] } }),
    '$.d',
    'FORWARD',
  ],
  [
    'enum-added',
    closed({ d: str }),
    closed({ d: { type: 'string', enum: ['BUY'] } }),
    '$.d',
    'FORWARD',
  ],
  [
    'enum-removed',
    closed({ d: { type: 'string', enum: ['BUY'] } }),
    closed({ d: str }),
    '$.d',
    'BACKWARD',
  ],
  [
    'constraint-loosened',
    closed({ s: { type: 'string', maxLength: 10 } }),
    closed({ s: { type: 'string', maxLength: 20 } }),
    '$.s',
    'BACKWARD',
  ],
  [
    'constraint-tightened',
    closed({ n: { type: 'number', minimum: 0 } }),
    closed({ n: { type: 'number', minimum: 1 } }),
    '$.n',
    'FORWARD',
  ],
  [
    'constraint-changed',
    closed({ s: { type: 'string', pattern: '^[A-Z]+$' } }),
    closed({ s: { type: 'string', pattern: '^[a-z]+$' } }),
    '$.s',
    'NONE',
  ],
  [
    'additional-properties-opened',
    closed({ a: str }),
    open({ a: str }),
    '$',
    'BACKWARD',
  ],
  [
    'additional-properties-closed',
    open({ a: str }),
    closed({ a: str }),
    '$',
    'FORWARD',
  ],
  [
    'annotation-changed',
    closed({ a: { type: 'string', description: 'old' } }),
    closed({ a: { type: 'string', description: 'new' } }),
    '$.a',
    'FULL',
  ],
  [
    'property-added-to-partially-open-model',
    { ...open({ a: str }), additionalProperties: str },
    { ...open({ a: str, b: str }), additionalProperties: str },
    '$.b',
    'FULL',
  ],
  [
    'property-removed-from-partially-open-model',
    { ...closed({ a: str, b: str }), additionalProperties: str },
    { ...closed({ a: str }), additionalProperties: str },
    '$.b',
    'FULL',
  ],
  [
    'pattern-property-added',
    closed({ a: str }),
    { ...closed({ a: str }), patternProperties: { '^x_': str } },
    '$[/^x_/]',
    'BACKWARD',
  ],
  [
    'pattern-property-removed',
    { ...closed({ a: str }), patternProperties: { '^x_': str } },
    closed({ a: str }),
    ['pattern-property-removed $[/^x_/]', 'false-schema-introduced $[/^x_/]'],
    'NONE',
  ],
  [
    'false-schema-replaced',
    open({ a: nothing }),
    open({ a: str }),
    '$.a',
    'BACKWARD',
  ],
  [
    'false-schema-introduced',
    open({ a: str }),
    open({ a: nothing }),
    '$.a',
    'FORWARD',
  ],
  [
    'sum-member-added',
    closed({ a: { anyOf: [str] } }),
    closed({ a: { anyOf: [str, num] } }),
    '$.a(anyOf[1])',
    'BACKWARD',
  ],
  [
    'sum-member-removed',
    closed({ a: { anyOf: [str, num] } }),
    closed({ a: { anyOf: [str] } }),
    '$.a(anyOf[1])',
    'NONE',
  ],
  [
    'product-member-added',
    closed({ a: { allOf: [str] } }),
    closed({ a: { allOf: [str, { maxLength: 3 }] } }),
    '$.a(allOf[1])',
    'FORWARD',
  ],
  [
    'product-member-removed',
    closed({ a: { allOf: [str, { maxLength: 3 }] } }),
    closed({ a: { allOf: [str] } }),
    '$.a(allOf[1])',
    'BACKWARD',
  ],
  [
    'combined-type-changed',
    closed({ a: { anyOf: [str] } }),
    closed({ a: { oneOf: [str] } }),
    '$.a',
    'BACKWARD',
  ],
  [
    'one-of-members-changed',
    closed({ a: { oneOf: [str, { type: 'integer' }] } }),
    closed({ a: { oneOf: [str, num] } }),
    ['one-of-members-changed $.a', 'type-widened $.a(oneOf[1])'],
    'BACKWARD',
  ],
  [
    'keyword-not-analysed',
    closed({ a: { type: 'string', contentEncoding: 'base64' } }),
    closed({ a: { type: 'string', contentEncoding: 'base32' } }),
    '$.a',
    'NONE',
  ],
];

describe('diffSchemas', () => {
  it.each(table)('%s', (kind, before, after, expected, verdict) => {
    const diff = diffSchemas(before, after);
    expect(diff.changes.map(change => `${change.kind} ${change.path}`)).toEqual(
      typeof expected === 'string' ? [`${kind} ${expected}`] : expected,
    );
    expect(diff.compatibility).toBe(verdict);
    expect(diff.breaking).toBe(verdict === 'NONE');
  });

  it('has a table row for every change kind', () => {
    expect(new Set(table.map(([kind]) => kind))).toEqual(
      new Set(SCHEMA_CHANGE_KINDS),
    );
  });

  // Constraint directions, keyword by keyword.
  const constraints: Array<[string, JsonSchema, JsonSchema, SchemaChangeKind]> =
    [
      [
        'maxLength added',
        { type: 'string' },
        { type: 'string', maxLength: 5 },
        'constraint-tightened',
      ],
      [
        'maxLength removed',
        { type: 'string', maxLength: 5 },
        { type: 'string' },
        'constraint-loosened',
      ],
      [
        'maxLength decreased',
        { type: 'string', maxLength: 5 },
        { type: 'string', maxLength: 4 },
        'constraint-tightened',
      ],
      [
        'minLength increased',
        { type: 'string', minLength: 1 },
        { type: 'string', minLength: 2 },
        'constraint-tightened',
      ],
      [
        'minLength decreased',
        { type: 'string', minLength: 2 },
        { type: 'string', minLength: 1 },
        'constraint-loosened',
      ],
      [
        'maximum increased',
        { type: 'number', maximum: 5 },
        { type: 'number', maximum: 6 },
        'constraint-loosened',
      ],
      [
        'minimum removed',
        { type: 'number', minimum: 5 },
        { type: 'number' },
        'constraint-loosened',
      ],
      [
        'maxItems decreased',
        { type: 'array', maxItems: 5 },
        { type: 'array', maxItems: 4 },
        'constraint-tightened',
      ],
      [
        'minItems added',
        { type: 'array' },
        { type: 'array', minItems: 1 },
        'constraint-tightened',
      ],
      [
        'maxProperties increased',
        { type: 'object', maxProperties: 5 },
        { type: 'object', maxProperties: 9 },
        'constraint-loosened',
      ],
      [
        'minProperties increased',
        { type: 'object', minProperties: 0 },
        { type: 'object', minProperties: 1 },
        'constraint-tightened',
      ],
      [
        'draft 4 exclusiveMinimum added',
        { type: 'number', minimum: 0 },
        { type: 'number', minimum: 0, exclusiveMinimum: true },
        'constraint-tightened',
      ],
      [
        'draft 4 exclusiveMaximum removed',
        { type: 'number', maximum: 9, exclusiveMaximum: true },
        { type: 'number', maximum: 9 },
        'constraint-loosened',
      ],
      [
        'numeric exclusiveMaximum decreased',
        { type: 'number', exclusiveMaximum: 9 },
        { type: 'number', exclusiveMaximum: 8 },
        'constraint-tightened',
      ],
      [
        'uniqueItems added',
        { type: 'array' },
        { type: 'array', uniqueItems: true },
        'constraint-tightened',
      ],
      [
        'pattern added',
        { type: 'string' },
        { type: 'string', pattern: '^a' },
        'constraint-tightened',
      ],
      [
        'pattern removed',
        { type: 'string', pattern: '^a' },
        { type: 'string' },
        'constraint-loosened',
      ],
      [
        'format added',
        { type: 'string' },
        { type: 'string', format: 'date' },
        'constraint-tightened',
      ],
      [
        'format changed',
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
        'constraint-changed',
      ],
      [
        'multipleOf added',
        { type: 'number' },
        { type: 'number', multipleOf: 0.01 },
        'constraint-tightened',
      ],
      [
        'multipleOf refined (0.01 -> 0.001)',
        { type: 'number', multipleOf: 0.01 },
        { type: 'number', multipleOf: 0.001 },
        'constraint-loosened',
      ],
      [
        'multipleOf coarsened (2 -> 4)',
        { type: 'number', multipleOf: 2 },
        { type: 'number', multipleOf: 4 },
        'constraint-tightened',
      ],
      [
        'multipleOf unrelated (2 -> 3)',
        { type: 'number', multipleOf: 2 },
        { type: 'number', multipleOf: 3 },
        'constraint-changed',
      ],
      [
        'items schema added',
        { type: 'array' },
        { type: 'array', items: str },
        'constraint-tightened',
      ],
      [
        'additionalProperties schema from true',
        { type: 'object' },
        { type: 'object', additionalProperties: str },
        'additional-properties-closed',
      ],
    ];

  it.each(constraints)('%s', (_label, before, after, kind) => {
    const kinds = diffSchemas(before, after).changes.map(change => change.kind);
    expect(kinds).toEqual([kind]);
  });

  it('reports no changes and FULL for identical schemas, ignoring property order and type order', () => {
    const a = closed({ x: { type: ['string', 'null'] }, y: str }, ['x']);
    const b = closed({ y: str, x: { type: ['null', 'string'] } }, ['x']);
    expect(diffSchemas(a, b)).toEqual({
      compatibility: 'FULL',
      breaking: false,
      changes: [],
    });
  });

  it('follows nested objects and array items with JSON paths', () => {
    const before = closed({
      legs: { type: 'array', items: closed({ price: { type: 'integer' } }) },
      'trade-info': closed({ venue: str }),
    });
    const after = closed({
      legs: { type: 'array', items: closed({ price: { type: 'number' } }) },
      'trade-info': closed({ venue: str, desk: str }),
    });
    expect(
      diffSchemas(before, after).changes.map(change => change.path),
    ).toEqual(['$.legs[*].price', "$['trade-info'].desk"]);
  });

  it('does not look below a type change', () => {
    const diff = diffSchemas(
      closed({ a: closed({ b: str }) }),
      closed({ a: str }),
    );
    expect(diff.changes.map(change => change.kind)).toEqual(['type-changed']);
  });

  it('is breaking when loosening and tightening are mixed', () => {
    const diff = diffSchemas(
      closed({ d: { type: 'string', enum: ['A', 'B'] } }),
      closed({ d: { type: 'string', enum: ['A', 'C'] } }),
    );
    expect(diff.changes.map(change => change.kind)).toEqual([
      'enum-values-added',
      'enum-values-removed',
    ]);
    expect(diff.compatibility).toBe('NONE');
  });

  it('describes each change for people', () => {
    const [change] = diffSchemas(
      closed({ a: str }),
      closed({ a: str, b: str }, ['b']),
    ).changes;
    expect(change.description).toBe(
      'required property "b" added to a closed object',
    );
  });

  describe('sample domains', () => {
    const examples = join(__dirname, '../../../../examples/domains');
    const read = (path: string): JsonSchema =>
      JSON.parse(readFileSync(join(examples, path), 'utf8'));

    it('trading TradeExecuted v1 -> v2 is BACKWARD compatible', () => {
      const diff = diffSchemas(
        read('trading/schemas/history/trade-executed.v1.json'),
        read('trading/schemas/trade-executed.json'),
      );
      expect(diff.compatibility).toBe('BACKWARD');
      expect(
        diff.changes.map(change => `${change.kind} ${change.path}`),
      ).toEqual([
        'type-widened $.quantity',
        'annotation-changed $.quantity',
        'annotation-changed $.price',
        'property-added-to-closed-model $.currency',
        'property-added-to-closed-model $.venue_order_id',
      ]);
    });

    it('credit CreditDecision v1 -> v2 is breaking', () => {
      const diff = diffSchemas(
        read('credit/schemas/history/credit-decision.v1.json'),
        read('credit/schemas/credit-decision.json'),
      );
      expect(diff.compatibility).toBe('NONE');
      expect(
        diff.changes
          .filter(change => !change.backward && !change.forward)
          .map(change => change.path),
      ).toEqual(['$.approved_limit', '$.limit_amount']);
    });

    it('customer CustomerOnboarded v1 -> v2 is BACKWARD compatible', () => {
      const diff = diffSchemas(
        read('customer/schemas/history/customer-onboarded.v1.json'),
        read('customer/schemas/customer-onboarded.json'),
      );
      expect(diff.compatibility).toBe('BACKWARD');
    });
  });
});

describe('satisfiesCompatibility', () => {
  it.each<[CompatibilityLevel, CompatibilityLevel, boolean]>([
    ['FULL', 'FULL', true],
    ['FULL', 'BACKWARD', true],
    ['FULL', 'FORWARD', true],
    ['BACKWARD', 'FULL', false],
    ['BACKWARD', 'BACKWARD', true],
    ['BACKWARD', 'FORWARD', false],
    ['FORWARD', 'FORWARD', true],
    ['FORWARD', 'BACKWARD', false],
    ['NONE', 'BACKWARD', false],
    ['NONE', 'NONE', true],
  ])('a %s change satisfies %s: %s', (verdict, required, expected) => {
    expect(satisfiesCompatibility(verdict, required)).toBe(expected);
  });
});
