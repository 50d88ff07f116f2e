import {
  AttributeDefinition,
  CreateTableCommand,
  KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  PutRuleCommand,
  PutTargetsCommand,
  Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateDeliveryStreamCommand,
  ExtendedS3DestinationConfiguration,
} from '@aws-sdk/client-firehose';
import {
  CreateDatabaseCommand,
  CreateTableCommand as CreateGlueTableCommand,
  DatabaseInput,
  TableInput,
} from '@aws-sdk/client-glue';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { AwsClients } from './aws-clients';
import { Deployment, PhysicalResource } from './template';

/** Creates one resource on the emulator from its resolved properties. */
type Provisioner = (
  logicalId: string,
  properties: Record<string, unknown>,
  context: ProvisionContext,
) => Promise<PhysicalResource>;

export interface ProvisionContext {
  readonly clients: AwsClients;
  readonly deployment: Deployment;
  readonly resolve: (value: unknown) => unknown;
  readonly resolveString: (value: unknown) => string;
  readonly secrets: Map<string, string>;
}

export const arn = (
  deployment: Deployment,
  service: string,
  resource: string,
  global = false,
) =>
  `arn:aws:${service}:${global ? '' : deployment.region}:${global ? '' : deployment.account}:${resource}`;

/** CloudFormation's own rule for names it generates: the logical id, shortened. */
const generatedName = (logicalId: string, maxLength: number) =>
  logicalId.slice(0, maxLength);

/**
 * The resource types on the data path, each created through the real SDK
 * with the properties the template gives it.
 */
export const PROVISIONERS: Record<string, Provisioner> = {
  'AWS::S3::Bucket': async (logicalId, properties, { clients, resolve }) => {
    const name =
      (resolve(properties.BucketName) as string | undefined) ??
      generatedName(logicalId.toLowerCase(), 63);
    await clients.s3.send(new CreateBucketCommand({ Bucket: name }));
    return {
      ref: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
      },
    };
  },

  'AWS::DynamoDB::Table': async (
    logicalId,
    properties,
    { clients, resolve, deployment },
  ) => {
    const name =
      (resolve(properties.TableName) as string | undefined) ??
      generatedName(logicalId, 255);
    await clients.dynamoDb.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: resolve(properties.KeySchema) as KeySchemaElement[],
        AttributeDefinitions: resolve(
          properties.AttributeDefinitions,
        ) as AttributeDefinition[],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    return {
      ref: name,
      attributes: { Arn: arn(deployment, 'dynamodb', `table/${name}`) },
    };
  },

  'AWS::SQS::Queue': async (logicalId, properties, { clients, resolve }) => {
    const name =
      (resolve(properties.QueueName) as string | undefined) ??
      generatedName(logicalId, 80);
    const attributes: Record<string, string> = {};
    for (const key of [
      'VisibilityTimeout',
      'MessageRetentionPeriod',
      'DelaySeconds',
      'MaximumMessageSize',
      'ReceiveMessageWaitTimeSeconds',
    ]) {
      if (properties[key] !== undefined) {
        attributes[key] = String(resolve(properties[key]));
      }
    }
    if (properties.RedrivePolicy) {
      attributes.RedrivePolicy = JSON.stringify(
        resolve(properties.RedrivePolicy),
      );
    }
    const { QueueUrl } = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['QueueArn'],
      }),
    );
    return {
      ref: QueueUrl!,
      attributes: {
        Arn: Attributes!.QueueArn!,
        QueueName: name,
        QueueUrl: QueueUrl!,
      },
    };
  },

  'AWS::Events::EventBus': async (
    _logicalId,
    properties,
    { clients, resolveString },
  ) => {
    const name = resolveString(properties.Name);
    const { EventBusArn } = await clients.eventBridge.send(
      new CreateEventBusCommand({ Name: name }),
    );
    return { ref: name, attributes: { Arn: EventBusArn!, Name: name } };
  },

  'AWS::Events::Rule': async (
    logicalId,
    properties,
    { clients, resolve, deployment },
  ) => {
    const name =
      (resolve(properties.Name) as string | undefined) ??
      generatedName(logicalId, 64);
    const eventBusName = resolve(properties.EventBusName) as string | undefined;
    const { RuleArn } = await clients.eventBridge.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: eventBusName,
        Description: resolve(properties.Description) as string | undefined,
        EventPattern: JSON.stringify(resolve(properties.EventPattern)),
        ScheduleExpression: resolve(properties.ScheduleExpression) as
          string | undefined,
        State:
          (resolve(properties.State) as 'ENABLED' | undefined) ?? 'ENABLED',
      }),
    );
    const targets = (resolve(properties.Targets) as Target[] | undefined) ?? [];
    if (targets.length > 0) {
      await clients.eventBridge.send(
        new PutTargetsCommand({
          Rule: name,
          EventBusName: eventBusName,
          Targets: targets,
        }),
      );
    }
    return {
      ref: name,
      attributes: {
        Arn: RuleArn ?? arn(deployment, 'events', `rule/${name}`),
      },
    };
  },

  'AWS::Glue::Database': async (
    _logicalId,
    properties,
    { clients, resolve },
  ) => {
    const input = resolve(properties.DatabaseInput) as DatabaseInput;
    await clients.glue.send(
      new CreateDatabaseCommand({ DatabaseInput: input }),
    );
    return { ref: input.Name!, attributes: {} };
  },

  'AWS::Glue::Table': async (_logicalId, properties, { clients, resolve }) => {
    const input = resolve(properties.TableInput) as TableInput;
    const databaseName = resolve(properties.DatabaseName) as string;
    await clients.glue.send(
      new CreateGlueTableCommand({
        DatabaseName: databaseName,
        TableInput: input,
      }),
    );
    return { ref: input.Name!, attributes: {} };
  },

  'AWS::KinesisFirehose::DeliveryStream': async (
    logicalId,
    properties,
    { clients, resolve },
  ) => {
    const name =
      (resolve(properties.DeliveryStreamName) as string | undefined) ??
      generatedName(logicalId, 64);
    const { DeliveryStreamARN } = await clients.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        DeliveryStreamType: 'DirectPut',
        ExtendedS3DestinationConfiguration: resolve(
          properties.ExtendedS3DestinationConfiguration,
        ) as ExtendedS3DestinationConfiguration,
      }),
    );
    return { ref: name, attributes: { Arn: DeliveryStreamARN! } };
  },
};
