/**
 * A JSON Schema as a plain object. Draft-04 has no boolean schemas, so the
 * root is always an object.
 *
 * @public
 */
export type JsonSchemaObject = { [keyword: string]: unknown };

/**
 * Every draft-04 keyword whose value holds subschemas, and how to convert
 * that value. Only these are recursed into: the values of `enum`, `default`
 * and the like are data, and stay as they are even when they look like
 * schemas.
 */
const SUBSCHEMA_KEYWORDS = new Map<string, (value: unknown) => unknown>([
  ['additionalItems', convertSchema],
  ['additionalProperties', convertSchema],
  ['not', convertSchema],
  ['allOf', convertSchemaList],
  ['anyOf', convertSchemaList],
  ['oneOf', convertSchemaList],
  // A schema for every element, or a tuple of schemas.
  [
    'items',
    value =>
      Array.isArray(value) ? convertSchemaList(value) : convertSchema(value),
  ],
  ['properties', convertSchemaMap],
  ['patternProperties', convertSchemaMap],
  ['definitions', convertSchemaMap],
  // Values are schemas or lists of property names; the lists pass through.
  ['dependencies', convertSchemaMap],
]);

/** Draft-04's boolean exclusive flags and the bound each one qualifies. */
const EXCLUSIVE_FLAGS = new Map([
  ['exclusiveMinimum', 'minimum'],
  ['exclusiveMaximum', 'maximum'],
]);

/**
 * Rewrites a draft-04 schema (what contracts are written in and the
 * registry stores) into draft-07, which ajv 8 compiles without a draft-04
 * meta-schema and AsyncAPI payloads use. Only the keywords whose meaning
 * changed are touched, at any depth: a boolean `exclusiveMinimum` /
 * `exclusiveMaximum` becomes the number it qualifies
 * (`minimum: 5, exclusiveMinimum: true` is `exclusiveMinimum: 5`; a `false`
 * flag, or one without its bound, which draft-04 gives no meaning, goes);
 * `id` becomes `$id`; `$schema` goes, since the caller declares the dialect.
 * Everything else means the same in both drafts, so validation results are
 * unchanged.
 * The input is not modified.
 *
 * @public
 */
export function draft04ToDraft07(
  schema: Readonly<JsonSchemaObject>,
): JsonSchemaObject {
  // Maps (and fromEntries) rather than lookups in object literals: a
  // keyword such as `constructor` or `__proto__` is only a keyword.
  return Object.fromEntries(
    Object.entries(schema).flatMap(([keyword, value]) => {
      if (keyword === '$schema' || isBoundMadeExclusive(schema, keyword)) {
        return [];
      }
      if (keyword === 'id') {
        return typeof value === 'string' ? [['$id', value]] : [];
      }
      const bound = EXCLUSIVE_FLAGS.get(keyword);
      if (bound && typeof value === 'boolean') {
        return value && typeof schema[bound] === 'number'
          ? [[keyword, schema[bound]]]
          : [];
      }
      const convert = SUBSCHEMA_KEYWORDS.get(keyword);
      return [[keyword, convert ? convert(value) : value]];
    }),
  );
}

/** A `minimum` or `maximum` that its `true` exclusive flag takes over. */
function isBoundMadeExclusive(
  schema: Readonly<JsonSchemaObject>,
  keyword: string,
): boolean {
  return [...EXCLUSIVE_FLAGS].some(
    ([flag, bound]) =>
      keyword === bound &&
      schema[flag] === true &&
      typeof schema[bound] === 'number',
  );
}

function convertSchemaList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(convertSchema) : value;
}

function convertSchemaMap(value: unknown): unknown {
  return isJsonObject(value)
    ? Object.fromEntries(
        Object.entries(value).map(([name, child]) => [
          name,
          convertSchema(child),
        ]),
      )
    : value;
}

/** Booleans (`additionalProperties: false`) and malformed values pass through. */
function convertSchema(value: unknown): unknown {
  return isJsonObject(value) ? draft04ToDraft07(value) : value;
}

function isJsonObject(value: unknown): value is JsonSchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
