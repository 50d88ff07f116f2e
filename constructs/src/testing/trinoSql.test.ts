import { trinoSyntaxErrors } from './trinoSql';

describe('trinoSyntaxErrors', () => {
  it('accepts valid Athena engine v3 SQL', () => {
    expect(
      trinoSyntaxErrors(
        `/* a comment */\nSELECT date(event_time) AS day,\n  count_if(cardinality(filter("legs", element1 -> element1."amount" < 0)) > 0) AS "positive-legs"\nFROM "trading"."trades"\nWHERE event_date >= date_format(current_date - interval '30' day, '%Y-%m-%d')\nGROUP BY 1\nORDER BY 1 DESC;`,
      ),
    ).toEqual([]);
  });

  it('rejects the report shape whose commas ended up inside line comments', () => {
    // The regulatory report as it was built before: each measure was
    // followed by `-- <severity>` and then joined with ',\n  '.
    const broken = `-- trade-executions 1.1.0, owner group:trading-data\nSELECT date(event_time) AS day,\n  count(*) AS records,\n  count_if(trade_id IS NULL) AS "trade-id-present" -- error,\n  count_if(quantity < 0.000001) AS "positive-quantity" -- error\nFROM "trading"."trade_executions"\nWHERE event_date >= date_format(current_date - interval '30' day, '%Y-%m-%d')\nGROUP BY 1\nORDER BY 1 DESC;`;
    const errors = trinoSyntaxErrors(broken);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^5:3 /);
  });

  it('rejects reserved words as bare column names, and accepts them quoted', () => {
    for (const word of ['order', 'group', 'select']) {
      expect(trinoSyntaxErrors(`SELECT ${word} FROM t`)).not.toEqual([]);
      expect(trinoSyntaxErrors(`SELECT "${word}" FROM t`)).toEqual([]);
    }
  });

  it('rejects an unterminated string and more than one statement', () => {
    expect(trinoSyntaxErrors("SELECT 'it's' FROM t")).not.toEqual([]);
    expect(trinoSyntaxErrors('SELECT 1; SELECT 2;')).toEqual([
      'expected one statement, found 2',
    ]);
    expect(trinoSyntaxErrors('')).toEqual(['expected one statement, found 0']);
  });

  it('prints nothing, neither through the console nor to stderr', () => {
    // The parser is loaded by Node's own require, outside jest's console.
    const spies = [
      jest.spyOn(console, 'error').mockImplementation(() => {}),
      jest.spyOn(console, 'warn').mockImplementation(() => {}),
      jest.spyOn(console, 'log').mockImplementation(() => {}),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    try {
      expect(trinoSyntaxErrors('SELECT FROM WHERE ,,, ;')).not.toEqual([]);
      for (const spy of spies) {
        expect(spy).not.toHaveBeenCalled();
      }
    } finally {
      spies.forEach(spy => spy.mockRestore());
    }
  });
});
