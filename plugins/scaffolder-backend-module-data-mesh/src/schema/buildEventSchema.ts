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
