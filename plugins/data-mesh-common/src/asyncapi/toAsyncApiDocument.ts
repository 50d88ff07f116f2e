import { draft04ToDraft07 } from '@financial-data-mesh/json-schema-draft04';
import { JsonSchema } from '../schema/types';

/**
 * The event toAsyncApiDocument describes: source, detail-type, version, and where it travels and who owns it.
 *
 * @public
 */
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
 * @public
 */
export function toAsyncApiDocument(
  detail: JsonSchema,
  options: AsyncApiDocumentOptions,
): Record<string, unknown> {
  const { detailType, source } = options;
  const channelId = detailType;
  return {
    asyncapi: '3.1.0',
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
          payload: draft04ToDraft07(detail),
        },
      },
    },
  };
}
