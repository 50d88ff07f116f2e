import { EventField, EventFieldType } from './eventFields';

/** A JSON Schema (draft-04) document, as the registry stores it. */
export type EventJsonSchema = Record<string, unknown>;

/** Decimal amounts travel as strings: binary floating point would round money. */
const DECIMAL_PATTERN = '^-?[0-9]+(\\.[0-9]+)?$';

const PROPERTY_SHAPES: Record<
  Exclude<EventFieldType, 'enum'>,
  Record<string, unknown>
> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  decimal: { type: 'string', pattern: DECIMAL_PATTERN },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  'date-time': { type: 'string', format: 'date-time' },
};

/**
 * The event's detail schema in the registry's `JSONSchemaDraft4` format.
 * Closed (`additionalProperties: false`), like the sample domains, so that
 * the compatibility rules see every added field as a deliberate change.
 */
export function buildEventSchema(options: {
  readonly detailType: string;
  readonly description?: string;
  readonly fields: readonly EventField[];
}): EventJsonSchema {
  // fromEntries defines own properties: an assignment of a key such as
  // `__proto__` would set the prototype instead (checkEventFields refuses
  // those names; this keeps the schema a plain record regardless).
  const properties: Record<string, unknown> = Object.fromEntries(
    options.fields.map(field => {
      const shape =
        field.type === 'enum'
          ? { type: 'string', enum: [...(field.values ?? [])] }
          : PROPERTY_SHAPES[field.type];
      return [
        field.name,
        {
          ...shape,
          ...(field.description ? { description: field.description } : {}),
        },
      ];
    }),
  );
  const required = options.fields.filter(f => f.required).map(f => f.name);
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: options.detailType,
    ...(options.description ? { description: options.description } : {}),
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

const SAMPLE_VALUES: Record<Exclude<EventFieldType, 'enum'>, unknown> = {
  string: 'example',
  integer: 42,
  number: 1.5,
  decimal: '100.25',
  boolean: true,
  date: '2026-01-15',
  'date-time': '2026-01-15T10:30:00Z',
};

/** An event detail that satisfies the schema: the generated repo's test fixture and README example. */
export function buildSampleDetail(
  fields: readonly EventField[],
): Record<string, unknown> {
  const sampleOf = (field: EventField): unknown => {
    if (field.type === 'enum') {
      return (field.values ?? [])[0];
    }
    // Distinct per field, so a reader of the sample sees which is which.
    return field.type === 'string'
      ? `${field.name}-1`
      : SAMPLE_VALUES[field.type];
  };
  return Object.fromEntries(fields.map(field => [field.name, sampleOf(field)]));
}

const TS_TYPES: Record<Exclude<EventFieldType, 'enum'>, string> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  decimal: 'string',
  boolean: 'boolean',
  date: 'string',
  'date-time': 'string',
};

/**
 * TypeScript for the generated repository: the detail interface and the
 * source/detail-type constants a producer needs to publish the event.
 */
export function buildEventTypes(options: {
  readonly detailType: string;
  readonly source: string;
  readonly description?: string;
  readonly fields: readonly EventField[];
}): string {
  const comment = (text: string | undefined, indent: string) =>
    text ? `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
  const members = options.fields
    .map(field => {
      const type =
        field.type === 'enum'
          ? (field.values ?? []).map(v => JSON.stringify(v)).join(' | ')
          : TS_TYPES[field.type];
      const notes = [
        field.description,
        field.type === 'decimal' ? 'Decimal as a string.' : undefined,
        field.pii
          ? 'Personal data: hashed before it reaches the lake.'
          : undefined,
      ]
        .filter(Boolean)
        .join(' ');
      const optional = field.required ? '' : '?';
      return `${comment(notes, '  ')}  readonly ${field.name}${optional}: ${type};`;
    })
    .join('\n');
  const name = options.detailType;
  return [
    '// Generated from the event schema by the data product template.',
    '// Regenerate after changing the schema; do not edit by hand.',
    '',
    `/** The EventBridge \`source\` of ${name} events. */`,
    `export const ${constantCase(name)}_SOURCE = ${JSON.stringify(options.source)};`,
    '',
    `/** The EventBridge \`detail-type\` of ${name} events. */`,
    `export const ${constantCase(name)}_DETAIL_TYPE = ${JSON.stringify(name)};`,
    '',
    `${comment(options.description, '')}export interface ${name}Detail {`,
    members,
    '}',
    '',
  ].join('\n');
}

/** `TradeExecuted` -> `TRADE_EXECUTED`. */
function constantCase(pascalName: string): string {
  return pascalName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
