import { Names } from 'aws-cdk-lib';
import {
  CfnRule,
  IRuleRef,
  IRuleTarget,
  RuleTargetConfig,
} from 'aws-cdk-lib/aws-events';
import {
  addToDeadLetterQueueResourcePolicy,
  bindBaseTargetConfig,
  TargetBaseProps,
} from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IQueue } from 'aws-cdk-lib/aws-sqs';

/**
 * An SQS queue as the target of an EventBridge rule, which only that rule
 * may send to: the queue-policy statement allows `events.amazonaws.com`
 * `sqs:SendMessage` with `aws:SourceArn` = the rule's ARN (`ArnEquals`),
 * the condition AWS documents for EventBridge to SQS.
 *
 * aws-cdk-lib's `SqsQueue` target drops that condition for KMS-encrypted
 * queues (a rule-ARN condition on its key grant would make a dependency
 * cycle, aws/aws-cdk#11158) and, unless the consuming app's cdk.json sets
 * `@aws-cdk/aws-events:eventsTargetQueueSameAccount`, leaves the grant
 * unconditioned. Product repositories bring their own cdk.json, so the
 * condition is set here. The queue policy may name the rule: the rule
 * refers to the queue, not to its policy, so there is no cycle. The key
 * grant EventBridge needs for an encrypted queue is not made here: the
 * domain key allows this account's rules (see `createDomainKey`).
 *
 * A dead-letter queue in `props` gets the same rule-ARN statement, from
 * aws-cdk-lib's own helper.
 */
export class RuleQueueTarget implements IRuleTarget {
  constructor(
    private readonly queue: IQueue,
    private readonly props: TargetBaseProps = {},
  ) {}

  bind(rule: IRuleRef): RuleTargetConfig {
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: `SendFrom${Names.nodeUniqueId(rule.node)}`,
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnEquals: { 'aws:SourceArn': CfnRule.arnForRule(rule) },
        },
      }),
    );
    if (this.props.deadLetterQueue) {
      addToDeadLetterQueueResourcePolicy(rule, this.props.deadLetterQueue);
    }
    return {
      ...bindBaseTargetConfig(this.props),
      arn: this.queue.queueArn,
      targetResource: this.queue,
    };
  }
}
