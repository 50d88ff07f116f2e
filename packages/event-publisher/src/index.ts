/**
 * Publishes a data product's events to its domain's EventBridge bus: typed
 * by detail-type, validated against the contract's schemas, batched within
 * PutEvents' limits and retried with backoff. A runtime library for
 * producer services and Lambda handlers; it needs no aws-cdk-lib.
 *
 * @packageDocumentation
 */

export {
  EventPublishError,
  EventPublisher,
  EventValidationError,
} from './EventPublisher';
export type {
  EventCatalog,
  EventPublisherOptions,
  EventPublishFailure,
  PublishableEvent,
  PutEventsClient,
} from './EventPublisher';
export { PUT_EVENTS_MAX_BYTES, putEventsEntrySize } from './putEventsBatches';
