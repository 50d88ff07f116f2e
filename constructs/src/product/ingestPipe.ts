import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ServiceRole } from '../security/serviceRole';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Aws } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * The EventBridge Pipe from the SQS buffer, through the enrichment Lambda,
 * to Firehose. Its role may consume this queue, invoke this function and
 * write to this stream, nothing else. Errors (never payloads, which may
 * hold PII) are logged to an encrypted log group.
 */
export function createIngestPipe(
  scope: Construct,
  props: {
    readonly name: string;
    readonly queue: IQueue;
    readonly enrichment: IFunction;
    readonly stream: CfnDeliveryStream;
    readonly key: IKey;
    readonly batchSize: number;
    readonly maxBatchingWindow: Duration;
    readonly removalPolicy: RemovalPolicy;
    readonly logRetention: RetentionDays;
  },
): CfnPipe {
  const role = new ServiceRole(scope, 'PipeRole', {
    assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: `Pipe of ${props.name}`,
  });
  props.queue.grantConsumeMessages(role);
  // The function's own ARN only: grantInvoke would add `:*` (every version and alias).
  role.addToPolicy(
    new PolicyStatement({
      sid: 'InvokeEnrichment',
      actions: ['lambda:InvokeFunction'],
      resources: [props.enrichment.functionArn],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'DeliverToFirehose',
      actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
      resources: [props.stream.attrArn],
    }),
  );
  props.key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  const logGroup = new LogGroup(scope, 'PipeLogs', {
    encryptionKey: props.key,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  logGroup.grantWrite(role);

  const pipe = new CfnPipe(scope, 'Pipe', {
    name: props.name,
    description: `Validate, enrich and deliver the events of ${props.name}`,
    roleArn: role.roleArn,
    source: props.queue.queueArn,
    sourceParameters: {
      sqsQueueParameters: {
        batchSize: props.batchSize,
        maximumBatchingWindowInSeconds: props.maxBatchingWindow.toSeconds(),
      },
    },
    enrichment: props.enrichment.functionArn,
    target: props.stream.attrArn,
    kmsKeyIdentifier: props.key.keyArn,
    logConfiguration: {
      level: 'ERROR',
      cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn },
    },
  });
  pipe.node.addDependency(role.permissions);
  return pipe;
}
