import { parseSchemaName } from '../naming';
import { resolveLocalRefs, SchemaReadLimits } from './resolveRefs';
import {
  EventSchema,
  isJsonObject,
  JsonSchema,
  JsonSchemaType,
  SchemaFormat,
  SchemaFormatError,
  SCHEMA_FORMATS,
} from './types';

/**
 * The extension keyword AWS puts on an event envelope schema for its source.
 *
 * @public
 */
export const AMAZON_EVENTS_SOURCE_KEYWORD = 'x-amazon-events-source';
/**
 * The extension keyword AWS puts on an event envelope schema for its
 * detail-type.
 *
 * @public
 */
export const AMAZON_EVENTS_DETAIL_TYPE_KEYWORD = 'x-amazon-events-detail-type';

/**
 * The schema name readEventSchema falls back on, and its budgets for resolving references.
 *
 * @public
 */
export interface ReadEventSchemaOptions {
  /** The registry schema name; `<source>@<DetailType>` fills in what the content does not say. */
  readonly schemaName?: string;
  /** Overrides of the per-schema budgets; see {@link SchemaReadLimits}. */
  readonly limits?: Partial<SchemaReadLimits>;
}

/**
 * Reads the content of a registry schema version, in either format the
 * EventBridge Schema Registry stores, and returns the event's source,
 * detail-type and the JSON Schema of its `detail` with all `$ref`s resolved.
 *
 * - `OpenApi3`: AWS's own layout (the `aws.events` registry): the envelope is
 *   `components.schemas.AWSEvent` carrying `x-amazon-events-source` /
 *   `x-amazon-events-detail-type`, and `properties.detail` is a `$ref` into
 *   `components.schemas`. OpenAPI's `nullable: true` becomes a `null` type.
 * - `JSONSchemaDraft4`: either an envelope (as schema discovery writes it,
 *   `properties.detail` referring into `definitions`) or a bare detail schema.
 *
 * The budgets of `resolveLocalRefs` apply: a schema too big, too deep
 * or too slow to expand is refused as malformed, so the result, a DAG
 * whose shared parts must not be mutated, is small enough to walk.
 *
 * @throws SchemaFormatError with a JSON pointer when the content is malformed.
 * @public
 */
export function readEventSchema(
  content: string | unknown,
  format: SchemaFormat,
  options: ReadEventSchemaOptions = {},
): EventSchema {
  if (!(SCHEMA_FORMATS as readonly string[]).includes(format)) {
    throw new SchemaFormatError(
      `unsupported schema format "${format}"; expected one of ${SCHEMA_FORMATS.join(', ')}`,
    );
  }
  const document = typeof content === 'string' ? parseJson(content) : content;
  if (!isJsonObject(document)) {
    throw new SchemaFormatError('schema content must be a JSON object');
  }
  const fromName = options.schemaName
    ? parseSchemaName(options.schemaName)
    : undefined;
  const limits = options.limits ?? {};
  const read =
    format === 'OpenApi3'
      ? readOpenApi3(document, limits)
      : readDraft4(document, limits);
  return {
    format,
    source: read.source ?? fromName?.source,
    detailType: read.detailType ?? fromName?.detailType,
    detail: read.detail,
    description: read.description,
  };
}

interface ReadResult {
  source?: string;
  detailType?: string;
  detail: JsonSchema;
  description?: string;
}

function readOpenApi3(
  document: Record<string, unknown>,
  limits: Partial<SchemaReadLimits>,
): ReadResult {
  if (
    typeof document.openapi !== 'string' ||
    !document.openapi.startsWith('3.')
  ) {
    throw new SchemaFormatError(
      'an OpenApi3 schema must have an "openapi" field with a 3.x version',
    );
  }
  const components = document.components;
  const schemas = isJsonObject(components) ? components.schemas : undefined;
  if (!isJsonObject(schemas)) {
    throw new SchemaFormatError(
      'an OpenApi3 event schema must define components.schemas',
      '#/components',
    );
  }
  const envelopeName = findEnvelopeName(schemas);
  if (!envelopeName) {
    throw new SchemaFormatError(
      'no event envelope found: expected components.schemas.AWSEvent (or a schema carrying x-amazon-events-detail-type)',
      '#/components/schemas',
    );
  }
  const envelopePointer = `#/components/schemas/${envelopeName}`;
  const envelope = schemas[envelopeName] as Record<string, unknown>;
  const detail = detailOf(document, envelope, envelopePointer, limits);
  const info = isJsonObject(document.info) ? document.info : {};
  return {
    source: stringOrUndefined(envelope[AMAZON_EVENTS_SOURCE_KEYWORD]),
    detailType: stringOrUndefined(envelope[AMAZON_EVENTS_DETAIL_TYPE_KEYWORD]),
    detail: foldNullable(detail, new Map()),
    description:
      stringOrUndefined(envelope.description) ??
      stringOrUndefined(info.description),
  };
}

function findEnvelopeName(
  schemas: Record<string, unknown>,
): string | undefined {
  if (isJsonObject(schemas.AWSEvent)) {
    return 'AWSEvent';
  }
  return Object.keys(schemas).find(
    key =>
      isJsonObject(schemas[key]) &&
      AMAZON_EVENTS_DETAIL_TYPE_KEYWORD in (schemas[key] as object),
  );
}

function readDraft4(
  document: Record<string, unknown>,
  limits: Partial<SchemaReadLimits>,
): ReadResult {
  const properties = isJsonObject(document.properties)
    ? document.properties
    : undefined;
  const isEnvelope =
    properties !== undefined &&
    'detail' in properties &&
    (AMAZON_EVENTS_DETAIL_TYPE_KEYWORD in document ||
      'detail-type' in properties);
  const description =
    stringOrUndefined(document.description) ??
    stringOrUndefined(document.title);
  if (isEnvelope) {
    return {
      source: stringOrUndefined(document[AMAZON_EVENTS_SOURCE_KEYWORD]),
      detailType: stringOrUndefined(
        document[AMAZON_EVENTS_DETAIL_TYPE_KEYWORD],
      ),
      detail: detailOf(document, document, '#', limits),
      description,
    };
  }
  const detail = resolveLocalRefs(document, document, '#', limits);
  const { $schema: _schema, definitions: _definitions, ...bare } = detail;
  assertSchemaShape(bare, '#', new Set());
  return {
    source: stringOrUndefined(document[AMAZON_EVENTS_SOURCE_KEYWORD]),
    detailType: stringOrUndefined(document[AMAZON_EVENTS_DETAIL_TYPE_KEYWORD]),
    detail: bare,
    description,
  };
}

function detailOf(
  document: Record<string, unknown>,
  envelope: Record<string, unknown>,
  envelopePointer: string,
  limits: Partial<SchemaReadLimits>,
): JsonSchema {
  const properties = envelope.properties;
  if (!isJsonObject(properties) || !isJsonObject(properties.detail)) {
    throw new SchemaFormatError(
      'the event envelope has no properties.detail schema',
      envelopePointer,
    );
  }
  const pointer = `${envelopePointer}/properties/detail`;
  const detail = resolveLocalRefs(document, properties.detail, pointer, limits);
  assertSchemaShape(detail, pointer, new Set());
  return detail;
}

/**
 * Rejects content that parsed as JSON but is not a usable schema. A shared
 * subtree is checked once (`checked`), not once per use.
 */
function assertSchemaShape(
  schema: JsonSchema,
  pointer: string,
  checked: Set<JsonSchema>,
): void {
  if (checked.has(schema)) {
    return;
  }
  checked.add(schema);
  if (schema.properties !== undefined && !isJsonObject(schema.properties)) {
    throw new SchemaFormatError(
      '"properties" must be an object',
      `${pointer}/properties`,
    );
  }
  if (schema.required !== undefined && !Array.isArray(schema.required)) {
    throw new SchemaFormatError(
      '"required" must be an array of property names',
      `${pointer}/required`,
    );
  }
  if (isJsonObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isJsonObject(property)) {
        throw new SchemaFormatError(
          `property "${name}" must be a schema object`,
          `${pointer}/properties/${name}`,
        );
      }
      assertSchemaShape(
        property as JsonSchema,
        `${pointer}/properties/${name}`,
        checked,
      );
    }
  }
  if (isJsonObject(schema.items)) {
    assertSchemaShape(schema.items as JsonSchema, `${pointer}/items`, checked);
  }
}

/**
 * OpenAPI 3.0's `nullable: true` is JSON Schema's `"null"` type. A subtree
 * shared by several `$ref` uses is folded once and stays shared (`folded`).
 */
function foldNullable(
  schema: JsonSchema,
  folded: Map<JsonSchema, JsonSchema>,
): JsonSchema {
  const known = folded.get(schema);
  if (known) {
    return known;
  }
  const copy: JsonSchema = { ...schema };
  folded.set(schema, copy);
  if (copy.nullable === true) {
    delete copy.nullable;
    const types: JsonSchemaType[] =
      copy.type === undefined ? [] : ([] as JsonSchemaType[]).concat(copy.type);
    if (types.length > 0 && !types.includes('null')) {
      copy.type = [...types, 'null'];
    }
  }
  if (isJsonObject(copy.properties)) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([name, property]) => [
        name,
        foldNullable(property, folded),
      ]),
    );
  }
  if (isJsonObject(copy.items)) {
    copy.items = foldNullable(copy.items as JsonSchema, folded);
  }
  if (isJsonObject(copy.additionalProperties)) {
    copy.additionalProperties = foldNullable(
      copy.additionalProperties as JsonSchema,
      folded,
    );
  }
  return copy;
}

function parseJson(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new SchemaFormatError(
      `schema content is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
