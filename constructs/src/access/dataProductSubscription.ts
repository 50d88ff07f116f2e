import {
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { EventBus, Match, Rule } from 'aws-cdk-lib/aws-events';
import { AccountPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  checkName,
  forwardingRolePath,
  subscriptionBusName,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RuleQueueTarget } from '../product/ruleQueueTarget';
import { createDomainKey } from '../security/domainKey';
import {
  LONGEST_QUEUE_RETENTION,
  secureQueueProps,
} from '../storage/secureQueue';

/**
 * What a consuming stack subscribes to: a product another domain shares with it.
 *
 * @public
 */
export interface DataProductSubscriptionProps {
  /** The producing domain, as in the product's contract. */
  readonly domain: string;
  /** The product's name, as in its contract. */
  readonly product: string;
  /**
   * The producer's AWS account: the bus admits events from its forwarding
   * role for this product only (`forwardingRolePath`).
   */
  readonly producerAccount: string;
  /**
   * The detail-types to queue; the producer forwards only what the grant
   * in its contract allows, so this narrows, never widens.
   *
   * @defaultValue - everything the producer forwards
   */
  readonly detailTypes?: readonly string[];
  /**
   * The key of the bus and queues.
   *
   * @defaultValue - a new customer-managed key, rotated yearly
   */
  readonly key?: IKey;
  /** @defaultValue RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The consumer's side of a data product shared across accounts: the bus
 * the producer's forwarding rule targets (named by convention, see
 * `subscriptionBusName`), admitting `events:PutEvents` only from the
 * producer's forwarding role of this product (by its path,
 * `forwardingRolePath`), and a rule into an encrypted queue with a
 * dead-letter queue, which the consuming service reads. The producer's contract grants
 * the access (`access.consumers`); this only receives it. Both sides are
 * in the same Region: the producer forwards to its own Region's bus name.
 *
 * @example
 * ```ts
 * new DataProductSubscription(this, 'TradeExecutions', {
 *   domain: 'trading', product: 'trade-executions', producerAccount: '111122223333',
 * });
 * ```
 * @public
 */
export class DataProductSubscription extends Construct {
  readonly bus: EventBus;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly rule: Rule;
  readonly key: IKey;

  constructor(
    scope: Construct,
    id: string,
    props: DataProductSubscriptionProps,
  ) {
    super(scope, id);
    const problems = [
      !Token.isUnresolved(props.producerAccount) &&
        !/^\d{12}$/.test(props.producerAccount) &&
        `producerAccount: must be a 12-digit AWS account id (got "${props.producerAccount}")`,
      checkName('domain', props.domain) &&
        `domain: ${checkName('domain', props.domain)}`,
      checkName('dataProduct', props.product) &&
        `product: ${checkName('dataProduct', props.product)}`,
      props.detailTypes?.length === 0 &&
        'detailTypes: list at least one, or leave it out for everything the producer forwards',
    ].filter(Boolean);
    if (problems.length > 0) {
      throw new Error(
        `DataProductSubscription ${this.node.path}:\n${problems.map(p => `  - ${p}`).join('\n')}`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const busName = subscriptionBusName(props.domain, props.product);
    this.key =
      props.key ??
      createDomainKey(this, 'Key', {
        domain: props.domain,
        removalPolicy,
        description: `Subscription to data product ${props.domain}/${props.product}: encrypts its bus and queues`,
      });
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: busName,
      kmsKey: this.key,
      description: `Events of data product ${props.domain}/${props.product}, forwarded from account ${props.producerAccount}`,
    });
    // The producer's account, narrowed to its forwarding role by the role's
    // path: a condition, not the role's ARN as principal, because a policy
    // naming a role that does not exist yet fails to deploy, and this stack
    // may deploy before the producer's.
    const forwardingRoles = Stack.of(this).formatArn({
      service: 'iam',
      region: '',
      account: props.producerAccount,
      resource: 'role',
      resourceName: `${forwardingRolePath(props.domain, props.product).slice(1)}*`,
    });
    this.bus.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ProducerMayForward',
        principals: [new AccountPrincipal(props.producerAccount)],
        actions: ['events:PutEvents'],
        resources: [this.bus.eventBusArn],
        conditions: { ArnLike: { 'aws:PrincipalArn': forwardingRoles } },
      }),
    );
    const encrypted = {
      ...secureQueueProps({ key: this.key, removalPolicy }),
      retentionPeriod: LONGEST_QUEUE_RETENTION,
    };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', encrypted);
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the terminal store of undeliverable or unprocessed events; a DLQ of a DLQ would hide messages further.',
    });
    this.queue = new Queue(this, 'Queue', {
      ...encrypted,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.rule = new Rule(this, 'Rule', {
      eventBus: this.bus,
      description: `Queues data product ${props.domain}/${props.product}`,
      // The bus admits the producer's forwarding role only (its policy), so
      // the rule needs no account filter; EventBridge wants some pattern.
      eventPattern: props.detailTypes
        ? { detailType: [...props.detailTypes] }
        : { source: Match.exists() },
      targets: [
        new RuleQueueTarget(this.queue, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }
}
