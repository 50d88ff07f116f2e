import { JsonSchema } from '../schema/types';
import { BackwardVerdict, backwardVerdict } from './backwardVerdict';
import { MAX_NODE_COMPARISONS } from './compareSchemas';
import { diffSchemas } from './diffSchemas';

/**
 * The BACKWARD rules keyword by keyword, one table per rule family: can a
 * reader on the new schema still read every document valid under the old
 * one? Each row is our own example from payment and trade events.
 */
type Row = [
  label: string,
  before: JsonSchema,
  after: JsonSchema,
  verdict: BackwardVerdict,
];

// A payment memo, an amount and a count of units.
const text: JsonSchema = { type: 'string', maxLength: 140 };
const amount: JsonSchema = { type: 'number', minimum: 0 };
const count: JsonSchema = { type: 'integer', minimum: 0 };
// Boolean schemas, which the JsonSchema type leaves out.
const anything = true as unknown as JsonSchema;
const nothing = false as unknown as JsonSchema;
const object = (
  properties: Record<string, JsonSchema>,
  extra: JsonSchema = {},
): JsonSchema => ({ type: 'object', properties, ...extra });

// An array of fees, and a trade whose settlement rules depend on its side.
const list = (extra: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  ...extra,
});
const isSale: JsonSchema = {
  properties: { side: { const: 'sell' } },
  required: ['side'],
};
const settles = (required: string[]): JsonSchema => ({ required });
const trade = (branches: JsonSchema): JsonSchema =>
  object({}, { if: isSale, ...branches });

function verdictOf(before: JsonSchema, after: JsonSchema): BackwardVerdict {
  return backwardVerdict(diffSchemas(before, after));
}

const families: Record<string, Row[]> = {
  'boolean schemas (true accepts anything, false nothing)': [
    [
      'an open object gains a property declared true',
      object({}),
      object({ memo: anything }),
      'compatible',
    ],
    [
      'an open object drops a property declared true',
      object({ memo: anything }),
      object({}),
      'compatible',
    ],
    [
      'a closed object gains a property declared false',
      object({}, { additionalProperties: false }),
      object({ memo: nothing }, { additionalProperties: false }),
      'compatible',
    ],
    [
      'a closed object drops a property declared false',
      object({ memo: nothing }, { additionalProperties: false }),
      object({}, { additionalProperties: false }),
      'compatible',
    ],
    [
      'a property forbidden (false) becomes text',
      object({ memo: nothing }),
      object({ memo: text }),
      'compatible',
    ],
    [
      'a text property becomes forbidden (false)',
      object({ memo: text }),
      object({ memo: nothing }),
      'breaking',
    ],
  ],
  'partially open content models (additionalProperties is a schema)': [
    [
      'a text property added where extra properties were text already',
      object({ iban: text }, { additionalProperties: text }),
      object({ iban: text, bic: text }, { additionalProperties: text }),
      'compatible',
    ],
    [
      'a number property added where extra properties had to be text',
      object({ iban: text }, { additionalProperties: text }),
      object({ iban: text, fee: amount }, { additionalProperties: text }),
      'breaking',
    ],
    [
      'a required property added where it could be missing before',
      object({ iban: text }, { additionalProperties: text }),
      object(
        { iban: text, bic: text },
        { additionalProperties: text, required: ['bic'] },
      ),
      'breaking',
    ],
    [
      'a number property of a closed object removed, extra properties now text',
      object({ iban: text, fee: amount }, { additionalProperties: false }),
      object({ iban: text }, { additionalProperties: text }),
      'breaking',
    ],
    [
      'a text property of a closed object removed, extra properties now text',
      object({ iban: text, bic: text }, { additionalProperties: false }),
      object({ iban: text }, { additionalProperties: text }),
      'compatible',
    ],
    [
      'a text property removed, extra properties now text or null',
      object({ iban: text, bic: text }, { additionalProperties: false }),
      object(
        { iban: text },
        { additionalProperties: { type: ['string', 'null'] } },
      ),
      'compatible',
    ],
    [
      'extra properties widened from integer to number',
      object({}, { additionalProperties: count }),
      object({}, { additionalProperties: amount }),
      'compatible',
    ],
  ],
  patternProperties: [
    [
      'a property added under a pattern that allowed integers, now a number',
      object(
        {},
        { additionalProperties: false, patternProperties: { '^qty_': count } },
      ),
      object(
        { qty_lot: amount },
        { additionalProperties: false, patternProperties: { '^qty_': count } },
      ),
      'compatible',
    ],
    [
      'a property added under a pattern that allowed text, now a number',
      object(
        {},
        { additionalProperties: false, patternProperties: { '^qty_': text } },
      ),
      object(
        { qty_lot: amount },
        { additionalProperties: false, patternProperties: { '^qty_': text } },
      ),
      'breaking',
    ],
    [
      'an integer property removed from a closed object; a number pattern covers it',
      object({ qty_lot: count }, { additionalProperties: false }),
      object(
        {},
        { additionalProperties: false, patternProperties: { '^qty_': amount } },
      ),
      'compatible',
    ],
    [
      'a number property removed from a closed object; an integer pattern covers it',
      object({ qty_lot: amount }, { additionalProperties: false }),
      object(
        {},
        { additionalProperties: false, patternProperties: { '^qty_': count } },
      ),
      'breaking',
    ],
    [
      'a pattern added to an open object (old documents may hold anything there)',
      object({}),
      object({}, { patternProperties: { '^qty_': count } }),
      'breaking',
    ],
    [
      'a pattern that constrains a property the old schema declared wider',
      object({ qty_lot: amount }),
      object({ qty_lot: amount }, { patternProperties: { '^qty_': count } }),
      'breaking',
    ],
    [
      'a pattern removed from a closed object',
      object(
        {},
        { additionalProperties: false, patternProperties: { '^qty_': count } },
      ),
      object({}, { additionalProperties: false }),
      'breaking',
    ],
    [
      'a pattern removed from an open object',
      object({}, { patternProperties: { '^qty_': count } }),
      object({}),
      'compatible',
    ],
    [
      'a pattern changed to a regular expression this runtime cannot read',
      object({}, { patternProperties: { '^qty_': count } }),
      object({}, { patternProperties: { '(?<': count } }),
      'not-analysed',
    ],
  ],
  'anyOf / oneOf / allOf': [
    [
      'an alternative added to anyOf',
      { anyOf: [text] },
      { anyOf: [text, amount] },
      'compatible',
    ],
    [
      'an alternative of another type added to oneOf',
      { oneOf: [text] },
      { oneOf: [amount, text] },
      'compatible',
    ],
    [
      'an alternative removed from anyOf',
      { anyOf: [text, amount] },
      { anyOf: [text] },
      'breaking',
    ],
    [
      'a oneOf alternative replaced by an unrelated one',
      { oneOf: [text] },
      { oneOf: [amount] },
      'breaking',
    ],
    [
      'a oneOf alternative loosened',
      { oneOf: [{ type: 'string', maxLength: 3 }] },
      { oneOf: [{ type: 'string', maxLength: 9 }, amount] },
      'compatible',
    ],
    [
      'a oneOf alternative added that overlaps another',
      { oneOf: [text] },
      { oneOf: [text, { maxLength: 3 }] },
      'not-analysed',
    ],
    [
      'a type wrapped in a one-member allOf',
      text,
      { allOf: [text] },
      'compatible',
    ],
    ['a one-member allOf unwrapped', { allOf: [text] }, text, 'compatible'],
    ['a one-member oneOf unwrapped', { oneOf: [text] }, text, 'compatible'],
    [
      'a oneOf of two types narrowed to one plain type',
      { oneOf: [text, amount] },
      text,
      'breaking',
    ],
    [
      'a plain type becomes one of two alternatives',
      { type: 'string', maxLength: 3 },
      { anyOf: [amount, text] },
      'compatible',
    ],
    [
      'allOf members reordered',
      { allOf: [text, { maxLength: 5 }] },
      { allOf: [{ maxLength: 5 }, text] },
      'compatible',
    ],
    [
      'an allOf member repeated',
      { allOf: [text] },
      { allOf: [text, text] },
      'compatible',
    ],
    [
      'an allOf member dropped',
      { allOf: [text, { enum: ['EUR', 'USD'] }] },
      { allOf: [text] },
      'compatible',
    ],
    [
      'an allOf member added',
      { allOf: [text] },
      { allOf: [text, { enum: ['EUR'] }] },
      'breaking',
    ],
    [
      'an allOf enum extended',
      { allOf: [text, { enum: ['EUR'] }] },
      { allOf: [{ enum: ['EUR', 'USD'] }, text] },
      'compatible',
    ],
    [
      'an allOf enum replaced',
      { allOf: [text, { enum: ['EUR'] }] },
      { allOf: [text, { enum: ['USD'] }] },
      'breaking',
    ],
    [
      'oneOf becomes anyOf',
      { oneOf: [text] },
      { anyOf: [text, amount] },
      'compatible',
    ],
    [
      'anyOf becomes allOf of the same member',
      { anyOf: [text] },
      { allOf: [text] },
      'compatible',
    ],
    [
      'anyOf becomes allOf with an unrelated member',
      { anyOf: [text] },
      { allOf: [amount, text] },
      'breaking',
    ],
    [
      'allOf becomes anyOf keeping one member',
      { allOf: [amount, text] },
      { anyOf: [text] },
      'compatible',
    ],
    [
      'two combinators side by side change',
      { anyOf: [text], allOf: [text] },
      { anyOf: [text, amount], allOf: [text] },
      'not-analysed',
    ],
    [
      'a combinator dropped beside the keywords that remain',
      {
        type: 'object',
        oneOf: [{ required: ['iban'] }, { required: ['bic'] }],
      },
      { type: 'object' },
      'compatible',
    ],
  ],
  not: [
    [
      'the negated schema narrows (more is accepted)',
      { not: amount },
      { not: count },
      'compatible',
    ],
    [
      'the negated schema widens (less is accepted)',
      { not: count },
      { not: amount },
      'breaking',
    ],
    ['a not added', text, { ...text, not: { enum: ['N/A'] } }, 'breaking'],
    ['a not removed', { ...text, not: { enum: ['N/A'] } }, text, 'compatible'],
    [
      'a not false (excluding nothing) added',
      text,
      { ...text, not: false },
      'compatible',
    ],
  ],
  dependencies: [
    [
      'a property list dependency added',
      { dependencies: {} },
      { dependencies: { iban: ['bic'] } },
      'breaking',
    ],
    [
      'a property list dependency removed',
      { dependencies: { iban: ['bic'] } },
      { dependencies: {} },
      'compatible',
    ],
    [
      'a dependency requires one more property',
      { dependencies: { iban: ['bic'] } },
      { dependencies: { iban: ['bic', 'bank'] } },
      'breaking',
    ],
    [
      'a dependency requires one fewer property',
      { dependencies: { iban: ['bic', 'bank'] } },
      { dependencies: { iban: ['bic'] } },
      'compatible',
    ],
    [
      'a schema dependency loosened',
      { dependencies: { iban: { maxProperties: 3 } } },
      { dependencies: { iban: { maxProperties: 5 } } },
      'compatible',
    ],
    [
      'a schema dependency changed type',
      { dependencies: { iban: text } },
      { dependencies: { iban: amount } },
      'breaking',
    ],
    [
      'a dependency switches from a list to a schema',
      { dependencies: { iban: ['bic'] } },
      { dependencies: { iban: { required: ['bic'] } } },
      'not-analysed',
    ],
    [
      'dependentRequired gains an entry',
      {},
      { dependentRequired: { iban: ['bic'] } },
      'breaking',
    ],
    [
      'dependentSchemas loses an entry',
      { dependentSchemas: { iban: text } },
      {},
      'compatible',
    ],
  ],
  'tuples (items as a list) and additionalItems': [
    [
      'an entry appended to a closed tuple',
      { type: 'array', items: [text], additionalItems: false },
      { type: 'array', items: [text, amount], additionalItems: false },
      'compatible',
    ],
    [
      'a typed entry appended to an open tuple',
      { type: 'array', items: [text] },
      { type: 'array', items: [text, amount] },
      'breaking',
    ],
    [
      'an entry appended that additionalItems already allowed',
      { type: 'array', items: [text], additionalItems: amount },
      { type: 'array', items: [text, amount], additionalItems: amount },
      'compatible',
    ],
    [
      'the last entry removed; additionalItems of its type covers it',
      { type: 'array', items: [text, amount], additionalItems: amount },
      { type: 'array', items: [text], additionalItems: amount },
      'compatible',
    ],
    [
      'the last entry removed; additionalItems of another type now applies',
      { type: 'array', items: [text, amount], additionalItems: text },
      { type: 'array', items: [text], additionalItems: text },
      'breaking',
    ],
    [
      'an entry changes type',
      { type: 'array', items: [text] },
      { type: 'array', items: [amount] },
      'breaking',
    ],
    [
      'a tuple dropped for any items',
      { type: 'array', items: [text, amount] },
      { type: 'array' },
      'compatible',
    ],
    [
      'a closed tuple becomes one items schema covering it',
      { type: 'array', items: [count, count], additionalItems: false },
      { type: 'array', items: amount },
      'compatible',
    ],
    [
      'an open tuple becomes one items schema (extra entries were free)',
      { type: 'array', items: [count, count] },
      { type: 'array', items: amount },
      'breaking',
    ],
    [
      'one items schema becomes a tuple',
      { type: 'array', items: amount },
      { type: 'array', items: [amount] },
      'compatible',
    ],
    [
      'an entry declared true appended to an open tuple',
      { type: 'array', items: [amount] },
      { type: 'array', items: [amount, anything] },
      'compatible',
    ],
    [
      'additionalItems closed without a tuple (counted, conservatively)',
      { type: 'array', minItems: 1, additionalItems: true },
      { type: 'array', minItems: 1, additionalItems: false },
      'breaking',
    ],
    [
      'additionalItems changes type without a tuple',
      { type: 'array', maxItems: 8, additionalItems: text },
      { type: 'array', maxItems: 8, additionalItems: amount },
      'breaking',
    ],
  ],
  'contains, minContains and maxContains': [
    [
      'fees must now include an amount',
      list(),
      list({ contains: amount }),
      'breaking',
    ],
    [
      'fees need no longer include an amount',
      list({ contains: amount }),
      list(),
      'compatible',
    ],
    [
      'the required fee widened from integer to number',
      list({ contains: count }),
      list({ contains: amount }),
      'compatible',
    ],
    [
      'the required fee narrowed from number to integer',
      list({ contains: amount }),
      list({ contains: count }),
      'breaking',
    ],
    [
      'fewer matching fees required',
      list({ contains: amount, minContains: 3 }),
      list({ contains: amount, minContains: 2 }),
      'compatible',
    ],
    [
      'more matching fees required',
      list({ contains: amount, minContains: 2 }),
      list({ contains: amount, minContains: 3 }),
      'breaking',
    ],
    [
      'minContains 1 written out (it was already the default)',
      list({ contains: amount }),
      list({ contains: amount, minContains: 1 }),
      'compatible',
    ],
    [
      'minContains raised from its default',
      list({ contains: amount }),
      list({ contains: amount, minContains: 2 }),
      'breaking',
    ],
    [
      'minContains 0 does not excuse an unrelated contains schema (drafts 6 and 7 ignore it)',
      list({ contains: text, minContains: 0 }),
      list({ contains: amount, minContains: 0 }),
      'breaking',
    ],
    [
      'more matching fees allowed',
      list({ contains: amount, maxContains: 2 }),
      list({ contains: amount, maxContains: 4 }),
      'compatible',
    ],
    [
      'a cap on matching fees added',
      list({ contains: amount }),
      list({ contains: amount, maxContains: 2 }),
      'breaking',
    ],
    [
      'the cap on matching fees dropped',
      list({ contains: amount, maxContains: 2 }),
      list({ contains: amount }),
      'compatible',
    ],
    [
      'the capped schema widened (old lists may hold more matches now)',
      list({ contains: count, maxContains: 2 }),
      list({ contains: amount, maxContains: 2 }),
      'not-analysed',
    ],
    [
      'the capped schema only described',
      list({ contains: count, maxContains: 2 }),
      list({ contains: { ...count, description: 'units' }, maxContains: 2 }),
      'compatible',
    ],
    [
      'minContains changed without contains (no effect)',
      list({ minContains: 2 }),
      list({ minContains: 5 }),
      'compatible',
    ],
  ],
  'prefixItems (2020-12 tuples)': [
    [
      'an entry appended to a closed tuple',
      list({ prefixItems: [text], items: nothing }),
      list({ prefixItems: [text, amount], items: nothing }),
      'compatible',
    ],
    [
      'a typed entry appended to an open tuple',
      list({ prefixItems: [text] }),
      list({ prefixItems: [text, amount] }),
      'breaking',
    ],
    [
      'an entry widened from integer to number',
      list({ prefixItems: [text, count] }),
      list({ prefixItems: [text, amount] }),
      'compatible',
    ],
    [
      'an entry changes type',
      list({ prefixItems: [text] }),
      list({ prefixItems: [amount] }),
      'breaking',
    ],
    [
      'the items after the tuple widened',
      list({ prefixItems: [text], items: count }),
      list({ prefixItems: [text], items: amount }),
      'compatible',
    ],
    [
      'the items after the tuple narrowed',
      list({ prefixItems: [text], items: amount }),
      list({ prefixItems: [text], items: count }),
      'breaking',
    ],
    [
      'the last entry removed; items after the tuple cover it',
      list({ prefixItems: [text, count], items: amount }),
      list({ prefixItems: [text], items: amount }),
      'compatible',
    ],
    [
      'the last entry removed; items after the tuple are text',
      list({ prefixItems: [text, amount], items: text }),
      list({ prefixItems: [text], items: text }),
      'breaking',
    ],
    [
      'a draft-04 tuple rewritten as prefixItems',
      list({ items: [text, amount], additionalItems: false }),
      list({ prefixItems: [text, amount], items: nothing }),
      'compatible',
    ],
    [
      'a prefixItems tuple rewritten as a draft-04 tuple with room for text',
      list({ prefixItems: [text, amount], items: text }),
      list({ items: [text, amount], additionalItems: amount }),
      'breaking',
    ],
    [
      'additionalItems beside prefixItems (no draft gives it an effect there)',
      list({ prefixItems: [text], additionalItems: false }),
      list({ prefixItems: [text] }),
      'compatible',
    ],
    [
      'prefixItems beside a list items',
      list({ prefixItems: [text], items: [text] }),
      list({ prefixItems: [text], items: [amount] }),
      'not-analysed',
    ],
  ],
  'unevaluatedProperties and unevaluatedItems': [
    [
      'a property added where unevaluatedProperties false closes the object',
      object({ iban: text }, { unevaluatedProperties: false }),
      object({ iban: text, bic: text }, { unevaluatedProperties: false }),
      'compatible',
    ],
    [
      'a required property added to that closed object',
      object({ iban: text }, { unevaluatedProperties: false }),
      object(
        { iban: text, bic: text },
        { unevaluatedProperties: false, required: ['bic'] },
      ),
      'breaking',
    ],
    [
      'a number property added where unevaluated properties had to be text',
      object({ iban: text }, { unevaluatedProperties: text }),
      object({ iban: text, fee: amount }, { unevaluatedProperties: text }),
      'breaking',
    ],
    [
      'unevaluatedProperties false rewritten as additionalProperties false',
      object({ iban: text }, { unevaluatedProperties: false }),
      object({ iban: text }, { additionalProperties: false }),
      'compatible',
    ],
    [
      'an open object closed with unevaluatedProperties false',
      object({ iban: text }),
      object({ iban: text }, { unevaluatedProperties: false }),
      'breaking',
    ],
    [
      'unevaluatedProperties false dropped',
      object({ iban: text }, { unevaluatedProperties: false }),
      object({ iban: text }),
      'compatible',
    ],
    [
      'unevaluatedProperties beside additionalProperties (it covers nothing)',
      object({ iban: text }, { additionalProperties: text }),
      object(
        { iban: text },
        { additionalProperties: text, unevaluatedProperties: false },
      ),
      'compatible',
    ],
    [
      'an allOf member that evaluated a property dropped under unevaluatedProperties false',
      object(
        { iban: text },
        {
          allOf: [object({ bic: text })],
          unevaluatedProperties: false,
        },
      ),
      object({ iban: text }, { allOf: [], unevaluatedProperties: false }),
      'not-analysed',
    ],
    [
      'unevaluated items widened, no tuple',
      list({ unevaluatedItems: count }),
      list({ unevaluatedItems: amount }),
      'compatible',
    ],
    [
      'unevaluated items narrowed, no tuple',
      list({ unevaluatedItems: amount }),
      list({ unevaluatedItems: count }),
      'breaking',
    ],
    [
      'an entry appended to a tuple closed by unevaluatedItems false',
      list({ prefixItems: [text], unevaluatedItems: false }),
      list({ prefixItems: [text, amount], unevaluatedItems: false }),
      'compatible',
    ],
    [
      'a tuple closed by unevaluatedItems false becomes one for text',
      list({ prefixItems: [text], unevaluatedItems: false }),
      list({ prefixItems: [text], unevaluatedItems: text }),
      'compatible',
    ],
    [
      'a tuple open for text closed by unevaluatedItems false',
      list({ prefixItems: [text], unevaluatedItems: text }),
      list({ prefixItems: [text], unevaluatedItems: false }),
      'breaking',
    ],
    [
      'an allOf member shortens its tuple under unevaluatedItems false',
      list({
        allOf: [list({ prefixItems: [text, amount] })],
        unevaluatedItems: false,
      }),
      list({ allOf: [list({ prefixItems: [text] })], unevaluatedItems: false }),
      'not-analysed',
    ],
  ],
  propertyNames: [
    [
      'property names constrained',
      object({}),
      object({}, { propertyNames: { maxLength: 8 } }),
      'breaking',
    ],
    [
      'the constraint on property names dropped',
      object({}, { propertyNames: { maxLength: 8 } }),
      object({}),
      'compatible',
    ],
    [
      'longer property names allowed',
      object({}, { propertyNames: { maxLength: 4 } }),
      object({}, { propertyNames: { maxLength: 8 } }),
      'compatible',
    ],
    [
      'shorter property names required',
      object({}, { propertyNames: { maxLength: 8 } }),
      object({}, { propertyNames: { maxLength: 4 } }),
      'breaking',
    ],
    [
      'propertyNames true added (any name)',
      object({}),
      object({}, { propertyNames: anything }),
      'compatible',
    ],
    [
      'propertyNames false added (no properties at all)',
      object({}),
      object({}, { propertyNames: nothing }),
      'breaking',
    ],
  ],
  'if / then / else': [
    [
      'unchanged while another keyword loosens',
      trade({ then: settles(['settlementDate']), maxProperties: 5 }),
      trade({ then: settles(['settlementDate']), maxProperties: 9 }),
      'compatible',
    ],
    [
      'the whole conditional removed',
      trade({ then: settles(['settlementDate']) }),
      object({}),
      'compatible',
    ],
    [
      'a conditional added',
      object({}),
      trade({ then: settles(['settlementDate']) }),
      'breaking',
    ],
    [
      'a sale needs one property fewer',
      trade({ then: settles(['settlementDate', 'venue']) }),
      trade({ then: settles(['settlementDate']) }),
      'compatible',
    ],
    [
      'a sale needs one property more',
      trade({ then: settles(['settlementDate']) }),
      trade({ then: settles(['settlementDate', 'venue']) }),
      'breaking',
    ],
    [
      'an else branch added for purchases',
      trade({ then: settles(['settlementDate']) }),
      trade({ then: settles(['settlementDate']), else: settles(['venue']) }),
      'breaking',
    ],
    [
      'the else branch dropped',
      trade({ then: settles(['settlementDate']), else: settles(['venue']) }),
      trade({ then: settles(['settlementDate']) }),
      'compatible',
    ],
    [
      'the if schema changed (documents may switch branches)',
      trade({ then: settles(['settlementDate']) }),
      {
        ...trade({ then: settles(['settlementDate']) }),
        if: { properties: { side: { const: 'buy' } }, required: ['side'] },
      },
      'not-analysed',
    ],
    [
      'the if schema only described',
      trade({ then: settles(['settlementDate']) }),
      {
        ...trade({ then: settles(['settlementDate']) }),
        if: { ...isSale, description: 'a sale' },
      },
      'compatible',
    ],
    [
      'then changed without an if (no effect)',
      object({}, { then: settles(['venue']) }),
      object({}, { then: settles(['settlementDate']) }),
      'compatible',
    ],
  ],
  'const and enum': [
    ['a const replaced', { const: 'EUR' }, { const: 'USD' }, 'breaking'],
    [
      'a const becomes an enum that includes it',
      { const: 'EUR' },
      { enum: ['EUR', 'USD'] },
      'compatible',
    ],
    [
      'an enum becomes a const',
      { enum: ['EUR', 'USD'] },
      { const: 'EUR' },
      'breaking',
    ],
    ['an enum dropped', { ...text, enum: ['EUR'] }, text, 'compatible'],
  ],
  'keywords this checker does not interpret': [
    [
      'contentMediaType changed',
      { type: 'string', contentMediaType: 'application/json' },
      { type: 'string', contentMediaType: 'text/csv' },
      'not-analysed',
    ],
    [
      'an unknown keyword changed, nothing else',
      { x: 1, type: 'string' } as JsonSchema,
      { x: 2, type: 'string' } as JsonSchema,
      'not-analysed',
    ],
    [
      'an unknown keyword unchanged',
      { type: 'string', contentMediaType: 'text/csv' },
      { type: 'string', contentMediaType: 'text/csv', description: 'rows' },
      'compatible',
    ],
    [
      'a vendor extension changed (an annotation)',
      { 'x-owner': 'payments' },
      { 'x-owner': 'treasury' },
      'compatible',
    ],
    [
      'properties given as a list',
      { properties: [] } as unknown as JsonSchema,
      { properties: ['iban'] } as unknown as JsonSchema,
      'not-analysed',
    ],
    [
      'maxLength given as text',
      { type: 'string', maxLength: '8' } as unknown as JsonSchema,
      { type: 'string', maxLength: '4' } as unknown as JsonSchema,
      'not-analysed',
    ],
    [
      'required given as one name',
      { required: 'iban' } as unknown as JsonSchema,
      { required: 'bic' } as unknown as JsonSchema,
      'not-analysed',
    ],
    [
      'a property schema that is not a schema',
      object({ iban: 7 as unknown as JsonSchema }),
      object({ iban: 8 as unknown as JsonSchema }),
      'not-analysed',
    ],
  ],
};

describe('BACKWARD rules', () => {
  describe.each(Object.entries(families))('%s', (_family, rows) => {
    it.each(rows)('%s', (_label, before, after, verdict) => {
      expect(verdictOf(before, after)).toBe(verdict);
    });
  });

  it('tells a proven break beside an unknown keyword from an unknown alone', () => {
    expect(
      verdictOf(
        { x: 1, type: 'string' } as JsonSchema,
        { x: 2, type: 'integer' } as JsonSchema,
      ),
    ).toBe('breaking');
  });

  it('names properties like built-in object members without confusing them', () => {
    expect(verdictOf(object({}), object({ constructor: text }))).toBe(
      'breaking',
    );
    expect(verdictOf(object({ toString: text }), object({}))).toBe(
      'compatible',
    );
  });

  it('stops comparing after its budget and says the rest is not analysed', () => {
    // Each level doubles the pairwise member comparisons.
    let before: JsonSchema = text;
    let after: JsonSchema = text;
    for (let level = 0; level < 16; level += 1) {
      before = { anyOf: [before, { ...before, description: `${level}` }] };
      after = { anyOf: [{ ...after, title: `${level}` }, after, amount] };
    }
    const diff = diffSchemas(before, after);
    expect(backwardVerdict(diff)).not.toBe('compatible');
    expect(MAX_NODE_COMPARISONS).toBeGreaterThan(1000);
  });

  it('walks schemas as deep as the schema reader lets through', () => {
    // DEFAULT_SCHEMA_READ_LIMITS.maxDepth is 256 JSON levels: about 128
    // schema levels through properties, 85 through anyOf members. The
    // change sits at the bottom, so the walk has to reach it.
    const nest = (
      depth: number,
      wrap: (inner: JsonSchema) => JsonSchema,
      leaf: JsonSchema,
    ) => {
      let schema = leaf;
      for (let level = 0; level < depth; level += 1) {
        schema = wrap(schema);
      }
      return schema;
    };
    const deepProperties = (leaf: JsonSchema) =>
      nest(128, inner => object({ next: inner }), leaf);
    expect(verdictOf(deepProperties(count), deepProperties(amount))).toBe(
      'compatible',
    );
    expect(verdictOf(deepProperties(amount), deepProperties(count))).toBe(
      'breaking',
    );
    const deepAnyOf = (leaf: JsonSchema) =>
      nest(85, inner => ({ anyOf: [inner, text] }), leaf);
    expect(verdictOf(deepAnyOf(count), deepAnyOf(amount))).toBe('compatible');
  });

  it('keeps FORWARD honest where it is not decided', () => {
    // oneOf -> anyOf accepts more, but FORWARD across combinators is not claimed.
    expect(
      diffSchemas({ oneOf: [text] }, { anyOf: [text] }).compatibility,
    ).toBe('BACKWARD');
    // Negation: a narrower negated schema accepts more documents.
    expect(diffSchemas({ not: amount }, { not: count }).compatibility).toBe(
      'BACKWARD',
    );
    expect(diffSchemas({ not: count }, { not: amount }).compatibility).toBe(
      'FORWARD',
    );
  });
});
