import {
  blockComment,
  eventDateSince,
  numberLiteral,
  qualifiedTableName,
  quoteIdentifier,
  sqlLiteral,
  stringLiteral,
} from './athenaSql';

// Whether Trino parses these is checked in constructs/src/athena-sql.test.ts,
// where the grammar helper lives.
describe('Athena SQL text', () => {
  it('quotes identifiers, doubling quotes inside', () => {
    expect(quoteIdentifier('order')).toBe('"order"');
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(qualifiedTableName('trading', 'trade_executions')).toBe(
      '"trading"."trade_executions"',
    );
    expect(() => quoteIdentifier('')).toThrow('cannot be empty');
  });

  it('writes string literals with quotes doubled and backslashes as they are', () => {
    expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
    expect(stringLiteral('^\\d+$')).toBe("'^\\d+$'");
    expect(stringLiteral('')).toBe("''");
  });

  it('writes numbers and booleans as Trino literals', () => {
    expect(numberLiteral(0.000001)).toBe('0.000001');
    expect(numberLiteral(-3)).toBe('-3');
    expect(numberLiteral(1e-7)).toBe('1e-7');
    expect(numberLiteral(2 ** 60)).toBe('1.152921504606847e+18');
    expect(() => numberLiteral(Infinity)).toThrow(
      'Infinity has no SQL literal',
    );
    expect(() => numberLiteral(NaN)).toThrow('NaN has no SQL literal');
    expect([true, false, 'x', 2].map(sqlLiteral)).toEqual([
      'TRUE',
      'FALSE',
      "'x'",
      '2',
    ]);
  });

  it('keeps comment delimiters and line breaks out of a comment', () => {
    expect(blockComment('owner group:x')).toBe('/* owner group:x */');
    expect(blockComment('a */ b /* c\n-- d')).toBe('/* a * / b / * c -- d */');
    expect(blockComment('*/*')).toBe('/* * / * */');
  });

  it('filters the event_date partition on whole days', () => {
    expect(eventDateSince(30)).toBe(
      "event_date >= date_format(current_date - interval '30' day, '%Y-%m-%d')",
    );
    expect(() => eventDateSince(0)).toThrow('positive integer');
    expect(() => eventDateSince(1.5)).toThrow('positive integer');
  });
});
