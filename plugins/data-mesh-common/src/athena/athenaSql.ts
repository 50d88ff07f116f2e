/**
 * How the platform writes Athena (engine v3, Trino) SQL text: identifiers,
 * literals and comments. Every query the portal shows and the constructs
 * save is built with these, so a name, a value or a contract author's text
 * can never end a string, an identifier or a comment early. They stay
 * within plain Trino syntax, which DuckDB also reads.
 */

/**
 * A value a contract may compare a field with.
 *
 * @public
 */
export type SqlLiteralValue = string | number | boolean;

/**
 * A delimited identifier: `order` → `"order"`. Quoting every identifier
 * makes reserved words (`order`, `group`, `select`) and any other name safe.
 *
 * @throws Error on an empty name, which Trino rejects even when quoted.
 * @public
 */
export function quoteIdentifier(name: string): string {
  if (name === '') {
    throw new Error('An SQL identifier cannot be empty');
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * `"database"."table"`.
 *
 * @public
 */
export function qualifiedTableName(database: string, table: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(table)}`;
}

/**
 * A string literal: quotes doubled, nothing else. Trino strings have no
 * backslash escapes, so a regex such as `^\d+$` is written as it is.
 * @public
 */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * A numeric literal. Integers beyond 2^53 are written in exponent form,
 * which Trino reads as a double, because their digits are not exact in
 * JavaScript and an integer literal beyond 64 bits is an error.
 *
 * @throws Error on NaN and infinities, which have no SQL literal.
 * @public
 */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`${value} has no SQL literal`);
  }
  return Number.isInteger(value) && !Number.isSafeInteger(value)
    ? value.toExponential()
    : String(value);
}

/**
 * The literal of a string, number or boolean.
 *
 * @public
 */
export function sqlLiteral(value: SqlLiteralValue): string {
  switch (typeof value) {
    case 'string':
      return stringLiteral(value);
    case 'number':
      return numberLiteral(value);
    default:
      return value ? 'TRUE' : 'FALSE';
  }
}

/**
 * A `/* ... *\/` comment on one line. Comment delimiters in the text are
 * broken up (DuckDB, like PostgreSQL, nests block comments, so an opening
 * one matters too), so nothing the text holds can end the comment early or
 * hide the SQL after it; line breaks become spaces to keep it one line.
 * @public
 */
export function blockComment(text: string): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/\*\//g, '* /')
    .replace(/\/\*/g, '/ *');
  return `/* ${flat} */`;
}

/**
 * The condition selecting the last `days` days of a product table on its
 * `event_date` partition (a `yyyy-MM-dd` string), so that partition
 * projection prunes the scan to those days.
 *
 * @throws Error unless days is a positive integer.
 * @public
 */
export function eventDateSince(days: number): string {
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`days must be a positive integer, not ${days}`);
  }
  return `event_date >= date_format(current_date - interval '${days}' day, '%Y-%m-%d')`;
}
