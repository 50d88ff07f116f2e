import { EnrichmentHandlerConfig } from './config';
import {
  EventEnvelope,
  isEventEnvelope,
  PipeSqsMessage,
} from './eventEnvelope';
import { QualityChecker } from './qualityRules';
import { QuarantinedEvent, QuarantineReason } from './quarantine';
import { EventValidator } from './validateEvents';

/** A message whose event passed every per-event check. */
export interface AdmittedEvent {
  readonly message: PipeSqsMessage;
  readonly event: EventEnvelope;
  /** The `warn` quality rules it breaks: it is delivered, and they are counted. */
  readonly warnings: readonly string[];
}

/** Checks one message: its event admitted, or the reason it is quarantined. */
export type MessageAdmission = (
  message: PipeSqsMessage,
) => AdmittedEvent | QuarantinedEvent;

/**
 * The checks each message passes on its own, in order: size, JSON, the
 * EventBridge envelope, a known event type, its schema, its `error` quality
 * rules. The first that fails sets the quarantine reason.
 */
export function createMessageAdmission(dependencies: {
  readonly config: EnrichmentHandlerConfig;
  readonly validate: EventValidator;
  readonly checkQuality: QualityChecker;
}): MessageAdmission {
  const { config, validate, checkQuality } = dependencies;
  return message => {
    const reject = (
      reason: QuarantineReason,
      problem: string,
    ): QuarantinedEvent => ({
      reason,
      problems: [{ path: '', message: problem }],
      messageId: message.messageId,
      body: message.body,
    });
    // Length in UTF-16 units is a cheap lower bound; count bytes only near the limit.
    if (
      message.body.length * 3 > config.maxEventBytes &&
      Buffer.byteLength(message.body) > config.maxEventBytes
    ) {
      return reject(
        'oversize',
        `event is larger than ${config.maxEventBytes} bytes`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.body);
    } catch (error) {
      return reject(
        'not-json',
        `body is not JSON: ${(error as Error).message}`,
      );
    }
    if (!isEventEnvelope(parsed)) {
      return reject(
        'not-an-event',
        'body is not an EventBridge event (id, source, detail-type, time, detail)',
      );
    }
    const event = parsed;
    const quarantine = (
      reason: QuarantineReason,
      problems: QuarantinedEvent['problems'],
    ): QuarantinedEvent => ({
      reason,
      problems,
      messageId: message.messageId,
      eventId: event.id,
      body: message.body,
    });
    const problems = validate(event);
    if (problems) {
      return quarantine(
        config.events[event['detail-type']]?.source === event.source
          ? 'schema-violation'
          : 'unknown-event-type',
        problems,
      );
    }
    const quality = checkQuality(event['detail-type'], event.detail);
    if (quality.errors.length > 0) {
      return quarantine('quality-rule-violation', quality.errors);
    }
    return { message, event, warnings: quality.warnings };
  };
}

/** True for an admitted event, false for a quarantined one. */
export function isAdmitted(
  outcome: AdmittedEvent | QuarantinedEvent,
): outcome is AdmittedEvent {
  return 'event' in outcome;
}
