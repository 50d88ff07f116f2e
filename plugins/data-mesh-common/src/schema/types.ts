/**
 * The two content types the EventBridge Schema Registry stores.
 *
 * @public
 */
export const SCHEMA_FORMATS = ['JSONSchemaDraft4', 'OpenApi3'] as const;
/**
 * The formats the EventBridge Schema Registry stores: JSON Schema draft-04 or OpenAPI 3.
 *
 * @public
 */
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number];

/**
 * The JSON types a schema may name.
 *
 * @public
 */
export type JsonSchemaType =
  'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/**
 * A JSON Schema (draft 4 vocabulary, which is also what OpenAPI 3 schema
 * objects use once `nullable` is folded into `type`). Open for the keywords
 * we do not interpret, which are carried through untouched.
 * @public
 */
export interface JsonSchema {
  type?: JsonSchemaType | JsonSchemaType[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  format?: string;
  $ref?: string;
  [keyword: string]: unknown;
}

/**
 * An event schema read from the registry, in either format, normalised.
 *
 * @public
 */
export interface EventSchema {
  readonly format: SchemaFormat;
  /** The event source, from `x-amazon-events-source` or the schema name. */
  readonly source?: string;
  /** The detail-type, from `x-amazon-events-detail-type` or the schema name. */
  readonly detailType?: string;
  /** The JSON Schema of the event's `detail`, with every `$ref` resolved. */
  readonly detail: JsonSchema;
  /** The schema's own description or title, when it has one. */
  readonly description?: string;
}

/**
 * Thrown when registry content cannot be read as an event schema.
 *
 * @public
 */
export class SchemaFormatError extends Error {
  /** A JSON pointer to where in the content the problem is (`#` for the root). */
  readonly pointer: string;

  constructor(message: string, pointer = '#') {
    super(pointer === '#' ? message : `${message} (at ${pointer})`);
    this.name = 'SchemaFormatError';
    this.pointer = pointer;
  }
}

/**
 * Whether a parsed JSON value is an object (not an array, not null).
 *
 * @public
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The schema's `type` as a list; undefined means any type.
 *
 * @public
 */
export function typesOf(schema: JsonSchema): JsonSchemaType[] | undefined {
  if (schema.type === undefined) {
    return undefined;
  }
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}
