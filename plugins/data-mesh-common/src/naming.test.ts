import {
  checkName,
  NameKind,
  NAME_RULES,
  parseSchemaName,
  schemaNameFor,
  toKebabCase,
  toPascalCase,
  toSnakeCase,
} from './naming';

describe('naming rules', () => {
  const cases: Array<[NameKind, string[], string[]]> = [
    [
      'domain',
      ['trading', 'credit-risk', 'fx2'],
      [
        'Trading',
        't',
        'credit--risk',
        'credit-',
        '2fx',
        'a'.repeat(25),
        'credit_risk',
      ],
    ],
    [
      'dataProduct',
      ['trade-executions', 'kyc'],
      ['Trade-Executions', 'trade_executions', 'x', '-trades', 'a'.repeat(41)],
    ],
    [
      'detailType',
      ['TradeExecuted', 'CreditDecision2'],
      ['tradeExecuted', 'Trade-Executed', 'T', `T${'a'.repeat(64)}`],
    ],
    [
      'source',
      ['com.fintech.trading', 'payments.core-ledger'],
      ['trading', 'aws.trading', 'Com.Fintech', 'com..fintech', 'com.fintech.'],
    ],
    [
      'tableName',
      ['trade_executions', 'a'],
      [
        'trade-executions',
        'TradeExecutions',
        '_trades',
        '1trades',
        'a'.repeat(129),
      ],
    ],
    [
      'columnName',
      ['executed_at', '_version'],
      ['executed-at', 'ExecutedAt', '1st', 'a'.repeat(129)],
    ],
  ];

  it.each(cases)(
    '%s accepts valid and rejects invalid names',
    (kind, valid, invalid) => {
      for (const name of valid) {
        expect(checkName(kind, name)).toBeUndefined();
      }
      for (const name of invalid) {
        expect(checkName(kind, name)).toMatch(/must be/);
      }
    },
  );

  it('explains the rule and gives an example in the message', () => {
    expect(checkName('domain', 'Trading')).toBe(
      `"Trading" is not a valid domain name: it must be ${NAME_RULES.domain.description} (e.g. trading)`,
    );
  });

  it('converts between the cases the platform uses', () => {
    expect(toSnakeCase('trade-executions')).toBe('trade_executions');
    expect(toPascalCase('trade-executed')).toBe('TradeExecuted');
    expect(toKebabCase('TradeExecuted')).toBe('trade-executed');
    expect(toKebabCase('KYCCheckPassed')).toBe('kyc-check-passed');
  });

  it('builds and splits schema names as <source>@<DetailType>', () => {
    expect(schemaNameFor('com.fintech.trading', 'TradeExecuted')).toBe(
      'com.fintech.trading@TradeExecuted',
    );
    expect(parseSchemaName('aws.s3@ObjectCreated')).toEqual({
      source: 'aws.s3',
      detailType: 'ObjectCreated',
    });
    expect(parseSchemaName('no-at-sign')).toBeUndefined();
    expect(parseSchemaName('@Missing')).toBeUndefined();
  });
});
