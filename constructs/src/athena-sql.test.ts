import {
  blockComment,
  qualifiedTableName,
  sampleAthenaQueryFor,
  sqlLiteral,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { trinoSyntaxErrors } from './testing/trinoSql';

// The repository's documentation, read from the source tree.
// eslint-disable-next-line no-restricted-syntax
const REPOSITORY_ROOT = join(__dirname, '..', '..');

/**
 * The common package's SQL builders, checked against Trino's grammar here
 * because the grammar helper lives with the constructs' tests (the common
 * package cannot depend on the constructs).
 */
describe('the SQL the portal and the constructs share', () => {
  it("writes the portal's sample query as valid Athena SQL, partitioned by date or not", () => {
    const byDate = sampleAthenaQueryFor({
      database: 'trading',
      table: 'trade_executions',
      partitionKeys: ['event_date', 'venue'],
    });
    expect(byDate).toBe(
      [
        'SELECT *',
        'FROM "trading"."trade_executions"',
        "WHERE event_date >= date_format(current_date - interval '1' day, '%Y-%m-%d')",
        'LIMIT 100;',
      ].join('\n'),
    );
    expect(trinoSyntaxErrors(byDate)).toEqual([]);
    const byHour = sampleAthenaQueryFor({
      database: 'trading',
      table: 'trade_executions',
      partitionKeys: ['event_hour'],
    });
    expect(byHour).toBe(
      'SELECT *\nFROM "trading"."trade_executions"\nLIMIT 100;',
    );
    expect(trinoSyntaxErrors(byHour)).toEqual([]);
  });

  it('quotes names read from registry tags, whatever they hold', () => {
    // The portal takes database and table from tags, which anyone can set.
    const sql = sampleAthenaQueryFor({
      database: 'select',
      table: 'a"; DROP TABLE x; --',
      partitionKeys: [],
    });
    expect(sql).toBe(
      'SELECT *\nFROM "select"."a""; DROP TABLE x; --"\nLIMIT 100;',
    );
    expect(trinoSyntaxErrors(sql)).toEqual([]);
  });

  it('keeps any text inside a block comment', () => {
    for (const text of [
      'ends */ SELECT 1',
      'opens /* nested',
      '*/*/**/',
      'a line\n-- break\r\nand */',
      '/',
      '*',
    ]) {
      const sql = `${blockComment(text)}\nSELECT 1`;
      expect({ text, errors: trinoSyntaxErrors(sql) }).toEqual({
        text,
        errors: [],
      });
      const inside = blockComment(text).slice('/* '.length, -' */'.length);
      expect(inside).not.toMatch(/\*\/|\/\*|\n/);
    }
  });

  it('writes literals Trino reads back as the same values', () => {
    for (const value of [
      "O'Brien",
      "''",
      'back\\slash \\d+ \\\\',
      'line\nbreak',
      '',
      0.000001,
      -3,
      1e21,
      Number.MAX_SAFE_INTEGER,
      true,
      false,
    ]) {
      const sql = `SELECT ${sqlLiteral(value)} AS v FROM ${qualifiedTableName('d', 't')}`;
      expect({ value, errors: trinoSyntaxErrors(sql) }).toEqual({
        value,
        errors: [],
      });
    }
  });

  it('documents only valid SQL: every sql block of the docs parses', () => {
    const files = [
      join(REPOSITORY_ROOT, 'README.md'),
      ...readdirSync(join(REPOSITORY_ROOT, 'docs'))
        .filter(name => name.endsWith('.md'))
        .map(name => join(REPOSITORY_ROOT, 'docs', name)),
    ];
    const blocks = files.flatMap(file =>
      [...readFileSync(file, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map(
        match => ({ file, sql: match[1].trim() }),
      ),
    );
    expect(blocks.length).toBeGreaterThan(0);
    for (const { file, sql } of blocks) {
      expect({ file, errors: trinoSyntaxErrors(sql) }).toEqual({
        file,
        errors: [],
      });
    }
  });
});
