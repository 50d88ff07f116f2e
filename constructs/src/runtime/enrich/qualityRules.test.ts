import { EnrichmentHandlerConfig, QualityRuleConfig } from './config';
import { createQualityChecker } from './qualityRules';

/** A rule as the table below writes it: its name and severity are set per run. */
type RuleCase = QualityRuleConfig extends infer Rule
  ? Rule extends QualityRuleConfig // one Omit per rule type, keeping the union
    ? Omit<Rule, 'name' | 'severity'>
    : never
  : never;

const named = (
  rule: RuleCase,
  severity: QualityRuleConfig['severity'],
): QualityRuleConfig => ({ ...rule, name: 'the-rule', severity });

const configWith = (
  rules: readonly QualityRuleConfig[],
): EnrichmentHandlerConfig => ({
  domain: 'trading',
  dataProduct: 'trade-executions',
  events: {
    TradeExecuted: {
      source: 'com.fintech.trading',
      version: 1,
      schema: {},
      qualityRules: rules,
    },
    TradeCancelled: { source: 'com.fintech.trading', version: 1, schema: {} },
  },
  columns: [],
  partitions: [],
  maxEventBytes: 262_144,
});

const checkOne = (
  rule: QualityRuleConfig,
  detail: Record<string, unknown>,
  detailType = 'TradeExecuted',
) => createQualityChecker(configWith([rule]))(detailType, detail);

describe('quality rules', () => {
  // [label, rule, detail, the values breaking it: [JSON pointer, why]]
  const cases: Array<
    [string, RuleCase, Record<string, unknown>, Array<[string, string]>]
  > = [
    ['not_null: a value', { type: 'not_null', field: 'id' }, { id: 'T-1' }, []],
    [
      'not_null: 0, false and "" are values',
      { type: 'not_null', field: 'v' },
      { v: 0 },
      [],
    ],
    [
      'not_null: a missing value',
      { type: 'not_null', field: 'id' },
      {},
      [['/detail/id', 'is missing']],
    ],
    [
      'not_null: null',
      { type: 'not_null', field: 'id' },
      { id: null },
      [['/detail/id', 'is null']],
    ],
    [
      'not_null: inside a missing object',
      { type: 'not_null', field: 'merchant.country' },
      { merchant: null },
      [['/detail/merchant/country', 'is missing']],
    ],
    [
      'not_null: every array element',
      { type: 'not_null', field: 'legs[].amount' },
      { legs: [{ amount: 1 }, {}, { amount: null }] },
      [
        ['/detail/legs/1/amount', 'is missing'],
        ['/detail/legs/2/amount', 'is null'],
      ],
    ],
    [
      'not_null: an absent array has no elements to check',
      { type: 'not_null', field: 'legs[].amount' },
      {},
      [],
    ],
    [
      'not_null: own properties only',
      { type: 'not_null', field: 'constructor' },
      {},
      [['/detail/constructor', 'is missing']],
    ],
    [
      'range: within, bounds included',
      { type: 'range', field: 'q', min: 0, max: 10 },
      { q: 10 },
      [],
    ],
    [
      'range: below the minimum',
      { type: 'range', field: 'q', min: 0, max: 10 },
      { q: -0.5 },
      [['/detail/q', '-0.5 is below the minimum 0']],
    ],
    [
      'range: above the maximum',
      { type: 'range', field: 'q', max: 10 },
      { q: 11 },
      [['/detail/q', '11 is above the maximum 10']],
    ],
    [
      'range: not a number',
      { type: 'range', field: 'q', min: 0 },
      { q: '5' },
      [['/detail/q', '"5" is not a number']],
    ],
    [
      'range: does not apply to a missing value',
      { type: 'range', field: 'q', min: 0 },
      { q: null },
      [],
    ],
    [
      'range: every array element',
      { type: 'range', field: 'legs[].amount', min: 0 },
      { legs: [{ amount: 5 }, { amount: -1 }] },
      [['/detail/legs/1/amount', '-1 is below the minimum 0']],
    ],
    [
      'accepted_values: an accepted value',
      { type: 'accepted_values', field: 'd', values: ['BUY', 'SELL'] },
      { d: 'SELL' },
      [],
    ],
    [
      'accepted_values: another value',
      { type: 'accepted_values', field: 'd', values: ['BUY', 'SELL'] },
      { d: 'HOLD' },
      [['/detail/d', '"HOLD" is not one of "BUY", "SELL"']],
    ],
    [
      'accepted_values: types are compared too',
      { type: 'accepted_values', field: 'n', values: [1, true] },
      { n: '1' },
      [['/detail/n', '"1" is not one of 1, true']],
    ],
    [
      'accepted_values: does not apply to a missing value',
      { type: 'accepted_values', field: 'd', values: ['BUY'] },
      {},
      [],
    ],
    [
      'pattern: matches anywhere unless anchored, as regexp_like does',
      { type: 'pattern', field: 'id', pattern: 'APP-[0-9]+' },
      { id: 'ref APP-12 x' },
      [],
    ],
    [
      'pattern: an anchored mismatch',
      { type: 'pattern', field: 'id', pattern: '^APP-[0-9]{8}$' },
      { id: 'APP-1' },
      [['/detail/id', '"APP-1" does not match ^APP-[0-9]{8}$']],
    ],
    [
      'pattern: numbers are matched as their text',
      { type: 'pattern', field: 'code', pattern: '^[0-9]{3}$' },
      { code: 123 },
      [],
    ],
    [
      'pattern: an object is not a string',
      { type: 'pattern', field: 'id', pattern: '.' },
      { id: { a: 1 } },
      [['/detail/id', '{"a":1} is not a string']],
    ],
    [
      'pattern: does not apply to a missing value',
      { type: 'pattern', field: 'id', pattern: '^x$' },
      { id: null },
      [],
    ],
    [
      'pattern: every element of an array of scalars',
      { type: 'pattern', field: 'codes[]', pattern: '^[A-Z]{2}[0-9]{2}$' },
      { codes: ['AB12', 'x/y'] },
      [['/detail/codes/1', '"x/y" does not match ^[A-Z]{2}[0-9]{2}$']],
    ],
  ];

  describe('with severity error, quarantine the event naming the rule and every broken value', () => {
    it.each(cases)('%s', (_label, rule, detail, broken) => {
      const outcome = checkOne(named(rule, 'error'), detail);
      expect(outcome.warnings).toEqual([]);
      expect(outcome.errors).toEqual(
        broken.map(([path, why]) => ({
          path,
          message: `quality rule "the-rule" (${rule.type} on ${rule.field}): ${why}`,
          rule: 'the-rule',
        })),
      );
    });
  });

  describe('with severity warn, only name the rule, once', () => {
    it.each(cases)('%s', (_label, rule, detail, broken) => {
      const outcome = checkOne(named(rule, 'warn'), detail);
      expect(outcome.errors).toEqual([]);
      expect(outcome.warnings).toEqual(broken.length > 0 ? ['the-rule'] : []);
    });
  });

  it('checks every rule of the event type, and only its own', () => {
    const check = createQualityChecker(
      configWith([
        { name: 'has-id', type: 'not_null', field: 'id', severity: 'error' },
        {
          name: 'known-direction',
          type: 'accepted_values',
          field: 'd',
          values: ['BUY'],
          severity: 'warn',
        },
        {
          name: 'positive',
          type: 'range',
          field: 'q',
          min: 0,
          severity: 'warn',
        },
      ]),
    );
    const outcome = check('TradeExecuted', { d: 'SELL', q: -1 });
    expect(outcome.errors.map(problem => problem.rule)).toEqual(['has-id']);
    expect(outcome.warnings).toEqual(['known-direction', 'positive']);
    expect(check('TradeCancelled', {})).toEqual({ errors: [], warnings: [] });
    expect(check('SomethingElse', {})).toEqual({ errors: [], warnings: [] });
  });
});
