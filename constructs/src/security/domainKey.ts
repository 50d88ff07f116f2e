import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The domain's customer-managed key, rotated yearly. Every store of the
 * domain is encrypted with it. Services that encrypt on their own behalf
 * get key-policy statements scoped to this account's resources: CloudWatch
 * Logs (the log groups) and CloudWatch (alarm notifications to the
 * encrypted topic). EventBridge and SQS get theirs from the constructs that
 * need them.
 */
export function createDomainKey(
  scope: Construct,
  id: string,
  props: { readonly domain: string; readonly removalPolicy: RemovalPolicy },
): Key {
  const key = new Key(scope, id, {
    description: `Data mesh domain ${props.domain}: encrypts its bus, queues, data lake, logs and query results`,
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
  return key;
}

/**
 * What products in other stacks need from the domain key's policy, granted
 * up front because a product stack imports the key and cannot change its
 * policy. Their roles (Lambda, Pipes, Firehose, Step Functions) need
 * nothing here: the default policy delegates the key to the account's IAM,
 * so the `key.grant*` IAM statements a product stack adds to them suffice.
 * Service principals are another matter: EventBridge encrypts what its
 * rules send to the products' encrypted queues on its own behalf, so it
 * gets encrypt access, limited to this account's rules.
 */
export function grantProductStackServices(key: Key): void {
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
}
