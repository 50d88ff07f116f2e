import {
  numberLiteral,
  QualityRule,
  QualityRuleType,
  sqlLiteral,
  stringLiteral,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  anyValueMatches,
  columnReference,
  isInsideArray,
} from './fieldReference';
import { FieldStorage } from './fieldStorage';

/**
 * How the regulatory report measures a quality rule: an aggregate counting
 * the day's records that break it, or why the table cannot tell.
 */
export type QualityMeasure =
  | { readonly rule: QualityRule; readonly sql: string }
  | { readonly rule: QualityRule; readonly notMeasured: string };

/** A field SQL can reach. */
type ReachableField = Exclude<FieldStorage, { unreachable: string }>;

type RuleOf<T extends QualityRuleType> = Extract<QualityRule, { type: T }>;
type Measurer<T extends QualityRuleType> = (
  rule: RuleOf<T>,
  field: ReachableField,
) => string | { readonly notMeasured: string };

const HASHED =
  'its values are hashed (PII), and only not_null and unique survive hashing';

/**
 * Events where the condition holds for the field's value, or any element's
 * value inside arrays. Counted by event id, so a record delivered twice
 * (at-least-once) is one violation; the duplicates have their own column.
 */
const recordsWhere = (
  field: ReachableField,
  condition: (value: string) => string,
): string =>
  `count(DISTINCT CASE WHEN ${anyValueMatches(field.path, condition)} THEN event_id END)`;

/** One measurer per rule type: the type system makes sure each type has one. */
const MEASURERS: { readonly [T in QualityRuleType]: Measurer<T> } = {
  not_null: (_rule, field) => recordsWhere(field, value => `${value} IS NULL`),
  unique: (_rule, field) => {
    if (isInsideArray(field.path)) {
      return {
        notMeasured:
          'duplicates among array elements need UNNEST, which this one-row-per-day report does not do',
      };
    }
    // Events with a value, less distinct values: each event repeating an earlier value counts once.
    const column = columnReference(field.path);
    return `count(DISTINCT CASE WHEN ${column} IS NOT NULL THEN event_id END) - count(DISTINCT ${column})`;
  },
  range: (rule, field) =>
    field.hashed
      ? { notMeasured: HASHED }
      : recordsWhere(field, value =>
          [
            rule.min !== undefined
              ? `${value} < ${numberLiteral(rule.min)}`
              : undefined,
            rule.max !== undefined
              ? `${value} > ${numberLiteral(rule.max)}`
              : undefined,
          ]
            .filter(bound => bound !== undefined)
            .join(' OR '),
        ),
  accepted_values: (rule, field) =>
    field.hashed
      ? { notMeasured: HASHED }
      : recordsWhere(
          field,
          value =>
            `${value} NOT IN (${rule.values.map(sqlLiteral).join(', ')})`,
        ),
  pattern: (rule, field) =>
    field.hashed
      ? { notMeasured: HASHED }
      : recordsWhere(
          field,
          value => `NOT regexp_like(${value}, ${stringLiteral(rule.pattern)})`,
        ),
};

/** How the report measures a rule on the product's table, given how the table holds its field. */
export function measureQualityRule(
  rule: QualityRule,
  storage: FieldStorage,
): QualityMeasure {
  if ('unreachable' in storage) {
    return { rule, notMeasured: storage.unreachable };
  }
  // Each measurer takes its own rule type; TypeScript cannot pair a union
  // member with the entry of its type, so the lookup is cast once here.
  const measurer = MEASURERS[rule.type] as Measurer<QualityRuleType>;
  const measured = measurer(rule, storage);
  return typeof measured === 'string'
    ? { rule, sql: measured }
    : { rule, ...measured };
}
