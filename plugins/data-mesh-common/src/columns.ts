/**
 * The columns the platform itself adds to every data product's table, and
 * the rule that turns an event field into a column. The template's actions,
 * the contract checks and the CDK library all read these, so a field that
 * would collide with a platform column is refused the same way everywhere:
 * before anything is generated, not at `cdk synth`.
 */

/**
 * Columns every table gets from the EventBridge envelope, in table order.
 *
 * @public
 */
export const ENVELOPE_COLUMNS = [
  'event_id',
  'event_source',
  'event_type',
  'event_time',
  'schema_version',
  'ingested_at',
] as const;
/**
 * A column every product table has from the event's envelope.
 *
 * @public
 */
export type EnvelopeColumn = (typeof ENVELOPE_COLUMNS)[number];

/**
 * Partition keys derived from the event time rather than from a field.
 *
 * @public
 */
export const DERIVED_PARTITION_KEYS = ['event_date', 'event_hour'] as const;
/**
 * A partition column derived from the event time.
 *
 * @public
 */
export type DerivedPartitionKey = (typeof DERIVED_PARTITION_KEYS)[number];

/**
 * A column name the platform writes itself; no event field may take it.
 *
 * @public
 */
export type ReservedColumnName = EnvelopeColumn | DerivedPartitionKey;

/**
 * Why each platform column is reserved, for error messages. Typed as a
 * record of the two lists above so that a column added to either list
 * cannot be forgotten here.
 * @public
 */
export const RESERVED_COLUMN_NAMES: Readonly<
  Record<ReservedColumnName, string>
> = {
  event_id: "an envelope column: the EventBridge event's id",
  event_source: "an envelope column: the EventBridge event's source",
  event_type: "an envelope column: the EventBridge event's detail-type",
  event_time: "an envelope column: the EventBridge event's time",
  schema_version: "an envelope column: the contract's version of the event",
  ingested_at: 'an envelope column: when the platform received the event',
  event_date: 'a partition key the platform derives from the event time',
  event_hour: 'a partition key the platform derives from the event time',
};

/**
 * Field names that are built-in properties of every JavaScript object: code
 * that builds an object from field names (the schema's `properties`, the
 * sample event, the scaffolder's template values) would change the object's
 * prototype or shadow its methods instead of adding a field. Only names the
 * column rule accepts (lowercase snake case) are listed; the others never
 * get this far.
 */
export const UNSAFE_PROPERTY_NAMES: ReadonlyMap<string, string> = new Map([
  // A Map, not an object literal: in a literal `__proto__: ...` sets the
  // prototype instead of adding the key.
  ['__proto__', "every JavaScript object's prototype link"],
  ['constructor', "every JavaScript object's constructor property"],
  ['prototype', "every JavaScript function's prototype property"],
]);

/**
 * The Glue/Athena column of an event property: `tradeId` → `trade_id`.
 * Athena lower-cases identifiers, so camelCase would otherwise be unreadable;
 * anything outside `[a-z0-9_]` becomes `_`, and a leading digit gets a `_`.
 * The result may still break the column rule (length); check it with
 * `checkName('columnName', ...)`.
 * @public
 */
export function columnNameFor(propertyName: string): string {
  const snake = propertyName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/**
 * Checks that an event field may become a column: that its name is not a
 * JavaScript object's own property and that its column is not one the
 * platform writes itself.
 *
 * @returns undefined when it may, otherwise a message naming the field and why.
 * @public
 */
export function checkFieldColumn(fieldName: string): string | undefined {
  const unsafe = UNSAFE_PROPERTY_NAMES.get(fieldName);
  if (unsafe) {
    return `"${fieldName}" is reserved: it is ${unsafe}, which cannot hold a field; rename the field`;
  }
  const column = columnNameFor(fieldName);
  // An own-property test: `in` would also find `toString` and the like.
  if (Object.prototype.hasOwnProperty.call(RESERVED_COLUMN_NAMES, column)) {
    const reason = RESERVED_COLUMN_NAMES[column as ReservedColumnName];
    const becomes =
      column === fieldName ? '' : ` (it would become column "${column}")`;
    return `"${fieldName}" is reserved${becomes}: "${column}" is ${reason}, added to every table by the platform; rename the field`;
  }
  return undefined;
}
