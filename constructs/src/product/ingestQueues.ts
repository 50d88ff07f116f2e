import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DataProductContract,
  resolveEvents,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  QUARANTINE_DETAIL_TYPE,
  QUARANTINE_SOURCE,
} from '../runtime/enrich/config';
import {
  LONGEST_QUEUE_RETENTION,
  secureQueueProps,
} from '../storage/secureQueue';
import { RuleQueueTarget } from './ruleQueueTarget';

/** The queues of a product: the buffer the pipe reads, its DLQ, the quarantine. */
export interface IngestQueues {
  readonly buffer: Queue;
  readonly deadLetters: Queue;
  readonly quarantine: Queue;
  /** The rule that routes the product's events to the buffer. */
  readonly eventsRule: Rule;
  /** The rule that routes the product's rejected events to the quarantine. */
  readonly quarantineRule: Rule;
}

/**
 * Routes a product's events from the domain bus into an encrypted SQS
 * buffer with a dead-letter queue (after `maxReceiveCount` failed
 * deliveries), and the product's quarantined events into their own queue.
 * Failed rule deliveries go to the DLQ too, so nothing is dropped silently.
 * Each queue accepts messages from EventBridge only for its own rule
 * (`aws:SourceArn`, see {@link RuleQueueTarget}).
 */
export function createIngestQueues(
  scope: Construct,
  props: {
    readonly contract: DataProductContract;
    readonly bus: IEventBus;
    readonly key: IKey;
    readonly removalPolicy: RemovalPolicy;
    readonly maxReceiveCount: number;
    /** Must be at least the enrichment's timeout, or messages are delivered twice. */
    readonly visibilityTimeout: Duration;
  },
): IngestQueues {
  const encrypted = secureQueueProps(props);
  const deadLetters = new Queue(scope, 'DeadLetterQueue', {
    ...encrypted,
    retentionPeriod: LONGEST_QUEUE_RETENTION,
  });
  const quarantine = new Queue(scope, 'QuarantineQueue', {
    ...encrypted,
    retentionPeriod: LONGEST_QUEUE_RETENTION,
  });
  for (const terminal of [deadLetters, quarantine]) {
    Validations.of(terminal).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a terminal store (dead letters or quarantine) watched by an alarm; a DLQ of a DLQ would hide messages further.',
    });
  }
  const buffer = new Queue(scope, 'BufferQueue', {
    ...encrypted,
    retentionPeriod: Duration.days(4),
    visibilityTimeout: props.visibilityTimeout,
    deadLetterQueue: {
      queue: deadLetters,
      maxReceiveCount: props.maxReceiveCount,
    },
  });

  const events = resolveEvents(props.contract);
  const eventsRule = new Rule(scope, 'EventsRule', {
    eventBus: props.bus,
    description: `Events of data product ${props.contract.name}`,
    eventPattern: {
      source: [...new Set(events.map(event => event.source))],
      detailType: events.map(event => event.detailType),
    },
    targets: [
      new RuleQueueTarget(buffer, {
        deadLetterQueue: deadLetters,
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      }),
    ],
  });
  const quarantineRule = new Rule(scope, 'QuarantineRule', {
    eventBus: props.bus,
    description: `Rejected events of data product ${props.contract.name}`,
    eventPattern: {
      source: [QUARANTINE_SOURCE],
      detailType: [QUARANTINE_DETAIL_TYPE],
      detail: { dataProduct: [props.contract.name] },
    },
    targets: [
      new RuleQueueTarget(quarantine, { deadLetterQueue: deadLetters }),
    ],
  });
  return { buffer, deadLetters, quarantine, eventsRule, quarantineRule };
}
