import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { grantedDetailTypes } from '@financial-data-mesh/plugin-data-mesh-common';
import { DataProduct } from '../src/data-product';
import { DataProductSubscription } from '../src/access/dataProductSubscription';
import { AwsClients, createAwsClients } from './aws-clients';
import { drainQueue } from './sqs-queues';
import { provisionTemplate } from './provision';
import { CloudFormationTemplate, Deployment } from './template';

/** A consumer's side of a grant, provisioned in the consumer's own emulated account. */
export interface ConsumerSubscription {
  /** The producing product. */
  readonly product: string;
  readonly consumer: string;
  readonly account: string;
  readonly queueUrl: string;
  readonly clients: AwsClients;
}

/** What one consumer's queue received of a product's events. */
export interface ForwardedEvents {
  readonly consumer: string;
  readonly account: string;
  /** Events of the granted detail-types the producer published. */
  readonly expected: number;
  /** The detail-type of each event in the consumer's queue. */
  readonly receivedDetailTypes: readonly string[];
}

/**
 * For each grant with events that a product forwards, the consumer's stack
 * (one `DataProductSubscription`, as a consumer writes it) synthesized and
 * provisioned in the consumer's account of the same emulator, so the
 * producer's forwarding rule has a real bus to deliver to and the run can
 * count what arrives.
 */
export async function provisionConsumerSubscriptions(
  products: Iterable<DataProduct>,
  endpoint: string,
  producer: Deployment,
): Promise<ConsumerSubscription[]> {
  const subscriptions: ConsumerSubscription[] = [];
  for (const product of products) {
    for (const { grant } of product.eventForwarding) {
      const deployment = { account: grant.account, region: producer.region };
      const app = new App();
      const stack = new Stack(app, `Consumer${grant.account}`, {
        env: deployment,
      });
      const subscription = new DataProductSubscription(stack, 'Subscription', {
        domain: product.contract.domain,
        product: product.contract.name,
        producerAccount: producer.account,
      });
      const template = app.synth().getStackByName(stack.stackName)
        .template as CloudFormationTemplate;
      const clients = createAwsClients(endpoint, grant.account);
      const provisioned = await provisionTemplate(
        template,
        clients,
        deployment,
      );
      const queueId = stack.getLogicalId(
        subscription.queue.node.defaultChild as CfnElement,
      );
      subscriptions.push({
        product: product.contract.name,
        consumer: grant.consumer,
        account: grant.account,
        queueUrl: provisioned.resolver.resolveString({ Ref: queueId }, queueId),
        clients,
      });
    }
  }
  return subscriptions;
}

/** Drains each consumer's queue of `product` and says what it received. */
export async function readForwardedEvents(
  subscriptions: readonly ConsumerSubscription[],
  product: DataProduct,
  published: ReadonlyArray<{ readonly detailType: string }>,
): Promise<ForwardedEvents[]> {
  const forwarded: ForwardedEvents[] = [];
  for (const { grant } of product.eventForwarding) {
    const subscription = subscriptions.find(
      candidate =>
        candidate.product === product.contract.name &&
        candidate.account === grant.account &&
        candidate.consumer === grant.consumer,
    )!;
    const granted = new Set(grantedDetailTypes(grant, product.contract.events));
    const bodies = await drainQueue(
      subscription.clients,
      subscription.queueUrl,
    );
    forwarded.push({
      consumer: grant.consumer,
      account: grant.account,
      expected: published.filter(event => granted.has(event.detailType)).length,
      receivedDetailTypes: bodies.map(
        body => (JSON.parse(body) as { 'detail-type': string })['detail-type'],
      ),
    });
  }
  return forwarded;
}
