import { Stack } from 'aws-cdk-lib';
import { EventBus, IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  AccessGrant,
  DataProductContract,
  forwardingRolePath,
  grantedDetailTypes,
  resolveEvents,
  subscriptionBusName,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { ServiceRole } from '../security/serviceRole';

/**
 * A rule forwarding a product's granted events to one consumer's account.
 *
 * @public
 */
export interface EventForwarding {
  readonly grant: AccessGrant;
  readonly rule: Rule;
  /** The consumer's bus the rule targets (see `DataProductSubscription`). */
  readonly targetBusArn: string;
}

/**
 * One rule per grant with events, on the domain bus, forwarding the
 * granted detail-types of this product's sources to the consumer account's
 * subscription bus. EventBridge delivers cross-account with a role of the
 * producer's; that role may put events on the granted buses only (the target's own grant), and only
 * EventBridge rules of this account on this bus may assume it. Its IAM path
 * is the product's (`forwardingRolePath`), which is how the consumer's bus
 * admits this role and no other principal of the account. Deliveries
 * that fail after EventBridge's retries land in the product's dead-letter
 * queue, so a consumer's outage loses nothing.
 */
export function createEventForwarding(
  scope: Construct,
  props: {
    readonly contract: DataProductContract;
    readonly grants: readonly AccessGrant[];
    readonly bus: IEventBus;
    readonly deadLetters: IQueue;
  },
): EventForwarding[] {
  const withEvents = props.grants.filter(grant => grant.events);
  if (withEvents.length === 0) {
    return [];
  }
  const stack = Stack.of(scope);
  const events = resolveEvents(props.contract);
  const busName = subscriptionBusName(
    props.contract.domain,
    props.contract.name,
  );
  const role = new ServiceRole(scope, 'ForwardingRole', {
    description: `EventBridge forwarding data product ${props.contract.domain}/${props.contract.name} to its approved consumers`,
    path: forwardingRolePath(props.contract.domain, props.contract.name),
    assumedBy: new ServicePrincipal('events.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'events',
          resource: 'rule',
          resourceName: `${props.bus.eventBusName}/*`,
        }),
      },
    }),
  });
  return withEvents.map(grant => {
    const targetBusArn = stack.formatArn({
      service: 'events',
      account: grant.account,
      resource: 'event-bus',
      resourceName: busName,
    });
    const detailTypes = new Set(grantedDetailTypes(grant, events));
    const granted = events.filter(event => detailTypes.has(event.detailType));
    // One grant per account forwards events (the contract's rule).
    const rule = new Rule(scope, `Forward${grant.account}`, {
      eventBus: props.bus,
      description:
        `Forwards ${props.contract.name} events to ${grant.consumer} (account ${grant.account})`.slice(
          0,
          512,
        ),
      eventPattern: {
        source: [...new Set(granted.map(event => event.source))],
        detailType: granted.map(event => event.detailType),
      },
      targets: [
        new EventBusTarget(
          EventBus.fromEventBusArn(
            scope,
            `ConsumerBus${grant.account}`,
            targetBusArn,
          ),
          {
            role,
            // EventBridge's default retry policy (24 h, 185 attempts) first.
            deadLetterQueue: props.deadLetters,
          },
        ),
      ],
    });
    return { grant, rule, targetBusArn };
  });
}
