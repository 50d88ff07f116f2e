import { JsonSchema } from '../schema/types';
import {
  checkCompatibilityMode,
  COMPATIBILITY_MODES,
  describeModeViolations,
  isTransitiveMode,
  SchemaVersionEntry,
  transitiveFormOf,
} from './compatibilityModes';

/**
 * Three versions of a closed `payment` object: v2 adds an optional field
 * (BACKWARD and not FORWARD: v1 readers reject it), v3 drops a currency
 * from the enum (FORWARD and not BACKWARD).
 */
const closed = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  properties,
});
const v1 = closed({
  amount: { type: 'number' },
  currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
});
const v2 = closed({
  amount: { type: 'number' },
  currency: { type: 'string', enum: ['EUR', 'USD', 'GBP'] },
  reference: { type: 'string' },
});
const fewerCurrencies = closed({
  amount: { type: 'number' },
  currency: { type: 'string', enum: ['EUR', 'USD'] },
  reference: { type: 'string' },
});
const history: SchemaVersionEntry[] = [
  { version: '1', schema: v1 },
  { version: '2', schema: v2 },
];

describe('checkCompatibilityMode', () => {
  const verdicts = (next: JsonSchema) =>
    Object.fromEntries(
      COMPATIBILITY_MODES.map(mode => [
        mode,
        checkCompatibilityMode(mode, history, next).violations.map(
          v => `${v.againstVersion} ${v.direction}`,
        ),
      ]),
    );

  it('checks a version that only adds an optional field as BACKWARD, against the last version or all of them', () => {
    // The same as v2 but with one more optional field: BACKWARD of v2 and v1.
    const next = closed({
      ...(v2.properties as Record<string, JsonSchema>),
      note: { type: 'string' },
    });
    expect(verdicts(next)).toEqual({
      BACKWARD: [],
      BACKWARD_TRANSITIVE: [],
      FORWARD: ['2 forward'],
      FORWARD_TRANSITIVE: ['1 forward', '2 forward'],
      FULL: ['2 forward'],
      FULL_TRANSITIVE: ['1 forward', '2 forward'],
      NONE: [],
    });
  });

  it('catches under a transitive mode what the pairwise check passes', () => {
    // v2 again: identical to the last version, but v1 readers (a closed
    // model without `reference`) cannot read its data.
    expect(verdicts(v2)).toEqual({
      BACKWARD: [],
      BACKWARD_TRANSITIVE: [],
      FORWARD: [],
      FORWARD_TRANSITIVE: ['1 forward'],
      FULL: [],
      FULL_TRANSITIVE: ['1 forward'],
      NONE: [],
    });
  });

  it('refuses a FORWARD-only change under BACKWARD and FULL', () => {
    expect(verdicts(fewerCurrencies)).toMatchObject({
      BACKWARD: ['2 backward'],
      FORWARD: [],
      FULL: ['2 backward'],
      NONE: [],
    });
  });

  it('tells a change it cannot analyse from a proven break', () => {
    // A keyword no draft defines is not interpreted: a new one stands in
    // the way of BACKWARD, but as "not analysed", for a person to judge.
    const named = { ...v2, tradingHoursOnly: true };
    const check = checkCompatibilityMode('BACKWARD', history, named);
    expect(check.violations).toEqual([
      expect.objectContaining({
        againstVersion: '2',
        verdict: 'not-analysed',
        changes: [expect.objectContaining({ kind: 'keyword-not-analysed' })],
      }),
    ]);
    expect(describeModeViolations(check, 'x.json')).toContain(
      '; not analysed: these changes use keywords the checker does not interpret, so judge them by hand:',
    );
    expect(
      checkCompatibilityMode('BACKWARD', history, fewerCurrencies).violations[0]
        .verdict,
    ).toBe('breaking');
  });

  it("names each mode's transitive form", () => {
    expect(
      Object.fromEntries(
        COMPATIBILITY_MODES.map(mode => [
          mode,
          [isTransitiveMode(mode), transitiveFormOf(mode)],
        ]),
      ),
    ).toEqual({
      BACKWARD: [false, 'BACKWARD_TRANSITIVE'],
      BACKWARD_TRANSITIVE: [true, 'BACKWARD_TRANSITIVE'],
      FORWARD: [false, 'FORWARD_TRANSITIVE'],
      FORWARD_TRANSITIVE: [true, 'FORWARD_TRANSITIVE'],
      FULL: [false, 'FULL_TRANSITIVE'],
      FULL_TRANSITIVE: [true, 'FULL_TRANSITIVE'],
      NONE: [false, undefined],
    });
  });

  it('passes the first version of a schema under every mode', () => {
    for (const mode of COMPATIBILITY_MODES) {
      expect(checkCompatibilityMode(mode, [], v1)).toEqual({
        mode,
        honoured: true,
        checkedAgainst: [],
        violations: [],
      });
    }
  });

  it('says which change breaks which rule against which version, and how to ship it instead', () => {
    const check = checkCompatibilityMode(
      'BACKWARD_TRANSITIVE',
      history,
      fewerCurrencies,
    );
    expect(check.checkedAgainst).toEqual(['1', '2']);
    const message = describeModeViolations(check, 'schemas/payment.json');
    expect(message.split('\n').slice(0, 2)).toEqual([
      'schemas/payment.json breaks its compatibility mode BACKWARD_TRANSITIVE:',
      '  against version 1 (BACKWARD_TRANSITIVE needs the new version to read data written with it):',
    ]);
    expect(message).toMatch(/\n {4}- \$\.currency \S+: /);
    expect(message).toContain('against version 2');
    expect(message).toMatch(
      /publish it as a new event \(a new detail-type, so existing consumers keep theirs\), or change the product's "compatibility" in data-product\.yaml/,
    );
  });
});
