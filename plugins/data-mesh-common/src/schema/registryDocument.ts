import {
  AMAZON_EVENTS_DETAIL_TYPE_KEYWORD,
  AMAZON_EVENTS_SOURCE_KEYWORD,
} from './readEventSchema';
import { JsonSchema } from './types';

/**
 * The event toRegistryDocument wraps a detail schema for: its source, detail-type and description.
 *
 * @public
 */
export interface RegistryDocumentOptions {
  readonly source: string;
  readonly detailType: string;
  readonly description?: string;
}

/**
 * Wraps an event's detail schema in the EventBridge envelope, as the
 * `JSONSchemaDraft4` content we publish to the Schema Registry. The layout is
 * the one schema discovery produces (envelope at the root, the detail under
 * `definitions`), so AWS's console and code bindings read our schemas like
 * their own, and {@link readEventSchema} reads them back losslessly.
 * @public
 */
export function toRegistryDocument(
  detail: JsonSchema,
  options: RegistryDocumentOptions,
): JsonSchema {
  const { $schema: _schema, ...detailWithoutSchema } = detail;
  const document: JsonSchema = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: options.detailType,
    type: 'object',
    [AMAZON_EVENTS_SOURCE_KEYWORD]: options.source,
    [AMAZON_EVENTS_DETAIL_TYPE_KEYWORD]: options.detailType,
    required: [
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ],
    properties: {
      version: { type: 'string' },
      id: { type: 'string' },
      'detail-type': { type: 'string', enum: [options.detailType] },
      source: { type: 'string', enum: [options.source] },
      account: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail: { $ref: `#/definitions/${options.detailType}` },
    },
    definitions: { [options.detailType]: detailWithoutSchema },
  };
  if (options.description) {
    document.description = options.description;
  }
  return document;
}
