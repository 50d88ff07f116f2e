import { isJsonObject, JsonSchema } from '../schema/types';

export interface AsyncApiDocumentOptions {
  readonly source: string;
  readonly detailType: string;
  readonly version: string;
  readonly description?: string;
  /** The EventBridge bus the event travels on, when known. */
  readonly busName?: string;
  /** Contact or owner shown in the document's info. */
  readonly owner?: string;
}

/**
 * An AsyncAPI 3.0 document for one EventBridge event: one channel (the
 * source and detail-type a rule would match), one `send` operation for the
 * publisher, and the event's detail as the message payload. The payload is
 * converted from JSON Schema draft-04 (the registry's format) to the
 * draft-07 dialect AsyncAPI schemas use, so the standard API docs plugin
 * renders it.
 */
export function toAsyncApiDocument(
  detail: JsonSchema,
  options: AsyncApiDocumentOptions,
): Record<string, unknown> {
  const { detailType, source } = options;
  const channelId = detailType;
  return {
    asyncapi: '3.0.0',
    info: {
      title: `${source} ${detailType}`,
      version: options.version,
      description:
        options.description ??
        `EventBridge events with source ${source} and detail-type ${detailType}.`,
      ...(options.owner ? { 'x-owner': options.owner } : {}),
    },
    channels: {
      [channelId]: {
        address: `${options.busName ? `${options.busName}/` : ''}${source}/${detailType}`,
        description: `EventBridge rule pattern: {"source": ["${source}"], "detail-type": ["${detailType}"]}`,
        messages: {
          [detailType]: { $ref: `#/components/messages/${detailType}` },
        },
      },
    },
    operations: {
      [`publish${detailType}`]: {
        action: 'send',
        channel: { $ref: `#/channels/${channelId}` },
        messages: [{ $ref: `#/channels/${channelId}/messages/${detailType}` }],
      },
    },
    components: {
      messages: {
        [detailType]: {
          name: detailType,
          title: detailType,
          contentType: 'application/json',
          payload: toDraft07(detail),
        },
      },
    },
  };
}

/**
 * Rewrites the draft-04 keywords whose meaning changed in draft-06/07:
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers, `id`
 * becomes `$id`; `$schema` is dropped (the document declares the dialect).
 */
export function toDraft07(schema: JsonSchema): JsonSchema {
  const { $schema: _dropped, id, ...rest } = schema;
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(rest)) {
    result[keyword] = convertValue(keyword, value);
  }
  if (typeof id === 'string') {
    result.$id = id;
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[flag] === 'boolean') {
      delete result[flag];
      if (schema[flag] === true && typeof schema[bound] === 'number') {
        result[flag] = schema[bound];
        delete result[bound];
      }
    }
  }
  return result;
}

const SCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'definitions',
  'patternProperties',
]);
const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalProperties',
  'not',
  'additionalItems',
]);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);

function convertValue(keyword: string, value: unknown): unknown {
  if (SCHEMA_MAP_KEYWORDS.has(keyword) && isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [
        name,
        isJsonObject(child) ? toDraft07(child as JsonSchema) : child,
      ]),
    );
  }
  if (SCHEMA_KEYWORDS.has(keyword)) {
    if (Array.isArray(value)) {
      return value.map(item => (isJsonObject(item) ? toDraft07(item) : item));
    }
    return isJsonObject(value) ? toDraft07(value as JsonSchema) : value;
  }
  if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
    return value.map(item => (isJsonObject(item) ? toDraft07(item) : item));
  }
  return value;
}
