import { EventPublisher } from '../../publisher/EventPublisher';
import { QUARANTINE_DETAIL_TYPE, QUARANTINE_SOURCE } from './config';
import { ValidationProblem } from './validateEvents';

/** Why an event was set aside. */
export type QuarantineReason =
  | 'not-json'
  | 'not-an-event'
  | 'oversize'
  | 'unknown-event-type'
  | 'schema-violation';

/** A rejected event with everything needed to fix and replay it. */
export interface QuarantinedEvent {
  readonly reason: QuarantineReason;
  readonly problems: readonly ValidationProblem[];
  readonly messageId: string;
  readonly eventId?: string;
  readonly body: string;
}

/** Where rejected events go. */
export interface QuarantineSink {
  /** Resolves once every event is stored; rejects otherwise (the batch is then retried). */
  put(events: readonly QuarantinedEvent[]): Promise<void>;
}

/** Room left for the reason and problems inside EventBridge's 256 KiB entry. */
const MAX_BODY_IN_QUARANTINE = 200 * 1024;

/**
 * Sends rejected events back to the domain bus as `EventQuarantined`
 * events, which a rule delivers to the product's quarantine queue. The bus
 * archive keeps them too, and an oversize body (kept in full in the archive
 * as the original event) is cut to fit.
 */
export class EventBridgeQuarantine implements QuarantineSink {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly eventBusName: string,
    private readonly product: {
      readonly domain: string;
      readonly dataProduct: string;
    },
  ) {}

  async put(events: readonly QuarantinedEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await this.publisher.putEntries(
      events.map(event => ({
        EventBusName: this.eventBusName,
        Source: QUARANTINE_SOURCE,
        DetailType: QUARANTINE_DETAIL_TYPE,
        Detail: JSON.stringify({
          domain: this.product.domain,
          dataProduct: this.product.dataProduct,
          reason: event.reason,
          problems: event.problems.slice(0, 50),
          messageId: event.messageId,
          eventId: event.eventId,
          bodyTruncated: event.body.length > MAX_BODY_IN_QUARANTINE,
          body: event.body.slice(0, MAX_BODY_IN_QUARANTINE),
        }),
      })),
    );
  }
}
