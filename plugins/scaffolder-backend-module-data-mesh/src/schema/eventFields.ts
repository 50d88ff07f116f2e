import {
  checkFieldColumn,
  checkName,
  columnNameFor,
} from '@financial-data-mesh/plugin-data-mesh-common';

/** The field types the template form offers, each mapping to one JSON Schema shape. */
export const EVENT_FIELD_TYPES = [
  'string',
  'integer',
  'number',
  'decimal',
  'boolean',
  'date',
  'date-time',
  'enum',
] as const;

export type EventFieldType = (typeof EVENT_FIELD_TYPES)[number];

/** One row of the form's event field editor. */
export interface EventField {
  readonly name: string;
  readonly type: EventFieldType;
  readonly required?: boolean;
  readonly pii?: boolean;
  readonly description?: string;
  /** The allowed values, for `enum` fields only. */
  readonly values?: readonly string[];
}

/** A problem with one field, located by its index in the form's list. */
export interface EventFieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks the form's field list as a whole: each name follows the column
 * rule (it becomes a Glue column) and is not reserved (a platform column
 * or a JavaScript object's own property), no two names become one column,
 * enums have values.
 * Returns every problem, so the form can be fixed in one pass.
 */
export function checkEventFields(
  fields: readonly EventField[],
): EventFieldIssue[] {
  const issues: EventFieldIssue[] = [];
  if (fields.length === 0) {
    issues.push({
      path: 'fields',
      message: 'an event needs at least one field',
    });
  }
  const seen = new Map<string, number>();
  fields.forEach((field, index) => {
    const at = `fields[${index}]`;
    const nameProblem =
      checkName('columnName', field.name ?? '') ?? checkFieldColumn(field.name);
    if (nameProblem) {
      issues.push({ path: `${at}.name`, message: nameProblem });
    }
    // Keyed by column, not name: two names of one column break the table.
    const column = columnNameFor(field.name ?? '');
    const first = seen.get(column);
    if (first !== undefined) {
      const firstName = fields[first].name;
      issues.push({
        path: `${at}.name`,
        message:
          firstName === field.name
            ? `"${field.name}" is already the name of fields[${first}]; field names must be unique`
            : `"${field.name}" would become column "${column}", as fields[${first}] "${firstName}" does; field columns must be unique`,
      });
    } else {
      seen.set(column, index);
    }
    if (!EVENT_FIELD_TYPES.includes(field.type)) {
      issues.push({
        path: `${at}.type`,
        message: `"${field.type}" is not a field type; use one of ${EVENT_FIELD_TYPES.join(', ')}`,
      });
    }
    const values = field.values ?? [];
    if (field.type === 'enum') {
      if (values.length === 0) {
        issues.push({
          path: `${at}.values`,
          message: 'an enum field needs at least one allowed value',
        });
      }
      if (new Set(values).size !== values.length) {
        issues.push({
          path: `${at}.values`,
          message: 'the allowed values repeat a value',
        });
      }
    } else if (values.length > 0) {
      issues.push({
        path: `${at}.values`,
        message: `allowed values only apply to enum fields, not to ${field.type}`,
      });
    }
  });
  return issues;
}
