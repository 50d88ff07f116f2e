import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AddToResourcePolicyResult,
  PolicyStatement,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * A KMS key that scopes the unconditioned service-principal statements
 * aws-cdk-lib's constructs add to its policy, which a construct outside
 * the L2 cannot reach otherwise.
 *
 * Today that is one: `StateMachine` with a customer-managed key and
 * logging adds `delivery.logs.amazonaws.com` `kms:Decrypt*` with no
 * condition (as in the Step Functions encryption guide's example). The
 * same guide gives the execution role `kms:GenerateDataKey` only with the
 * encryption context `SourceArn` = `arn:<partition>:logs:<region>:<account>:*`
 * (CDK adds that statement too), so that is the context Step Functions
 * encrypts its log payloads under; KMS decrypts only with the context the
 * data was encrypted under, so the statement gets
 * `kms:EncryptionContext:SourceArn` equal to that value, and log delivery
 * of other accounts' or Regions' payloads is refused.
 */
class DomainKey extends Key {
  addToResourcePolicy(
    statement: PolicyStatement,
    allowNoOp?: boolean,
  ): AddToResourcePolicyResult {
    if (
      isUnconditionedGrantTo(statement, 'delivery.logs.amazonaws.com') &&
      statement.actions.every(action => action.startsWith('kms:Decrypt'))
    ) {
      statement.addCondition('StringEquals', {
        'kms:EncryptionContext:SourceArn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`,
      });
    }
    return super.addToResourcePolicy(statement, allowNoOp);
  }
}

function isUnconditionedGrantTo(
  statement: PolicyStatement,
  service: string,
): boolean {
  return (
    Object.keys(statement.conditions).length === 0 &&
    statement.principals.some(
      principal =>
        principal instanceof ServicePrincipal && principal.service === service,
    )
  );
}

/**
 * The domain's customer-managed key, rotated yearly. Every store of the
 * domain is encrypted with it. Services that encrypt on their own behalf
 * get key-policy statements scoped to this account's resources: CloudWatch
 * Logs (the log groups), CloudWatch (alarm notifications to the encrypted
 * topic) and EventBridge (its rules' deliveries to the products' encrypted
 * queues). The bus adds its own statement (`aws:SourceArn` = the bus).
 *
 * The EventBridge statement is here, not in the product, for two reasons:
 * a product stack imports the key and cannot change its policy; and a
 * statement naming one rule's ARN would make a cycle (key → rule → queue
 * → key). It is limited by `aws:SourceAccount` and `aws:SourceArn` to
 * rules of this account and Region; each queue's own policy then admits
 * only its rule.
 *
 * The roles of the products (Lambda, Pipes, Firehose, Step Functions)
 * need nothing here: the default policy delegates the key to the
 * account's IAM, so the `key.grant*` IAM statements suffice.
 */
export function createDomainKey(
  scope: Construct,
  id: string,
  props: {
    readonly domain: string;
    readonly removalPolicy: RemovalPolicy;
    /** @defaultValue - the domain key's: what it encrypts */
    readonly description?: string;
  },
): Key {
  const key = new DomainKey(scope, id, {
    description:
      props.description ??
      `Data mesh domain ${props.domain}: encrypts its bus, queues, data lake, logs and query results`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: props.removalPolicy,
  });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccount',
      principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
        },
      },
    }),
  );
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowCloudWatchAlarmsToNotify',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
  );
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: 'AllowEventBridgeRulesOfThisAccountToEncryptQueues',
      principals: [new ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: {
          'aws:SourceArn': `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/*`,
        },
      },
    }),
  );
  return key;
}
