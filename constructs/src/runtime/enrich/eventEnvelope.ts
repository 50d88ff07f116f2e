/** An SQS message as an EventBridge Pipe hands it to its enrichment. */
export interface PipeSqsMessage {
  readonly messageId: string;
  readonly body: string;
}

/** The EventBridge event carried in the message body. */
export interface EventEnvelope {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

/** True when a parsed body has the envelope fields the pipeline relies on. */
export function isEventEnvelope(value: unknown): value is EventEnvelope {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const event = value as Record<string, unknown>;
  return (
    typeof event.id === 'string' &&
    typeof event.source === 'string' &&
    typeof event['detail-type'] === 'string' &&
    typeof event.time === 'string' &&
    event.detail !== null &&
    typeof event.detail === 'object' &&
    !Array.isArray(event.detail)
  );
}
