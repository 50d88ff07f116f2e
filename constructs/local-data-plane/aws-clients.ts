import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EMULATOR_ENVIRONMENT } from './emulator';

/** The real SDK clients of a run, every one pointed at the emulator. */
export interface AwsClients {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly dynamoDb: DynamoDBClient;
  readonly s3: S3Client;
  readonly glue: GlueClient;
  readonly firehose: FirehoseClient;
}

export function createAwsClients(endpoint: string): AwsClients {
  const config = {
    endpoint,
    region: EMULATOR_ENVIRONMENT.AWS_REGION,
    credentials: {
      accessKeyId: EMULATOR_ENVIRONMENT.AWS_ACCESS_KEY_ID,
      secretAccessKey: EMULATOR_ENVIRONMENT.AWS_SECRET_ACCESS_KEY,
    },
  };
  return {
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    dynamoDb: new DynamoDBClient(config),
    // Emulators serve buckets by path, not by virtual host.
    s3: new S3Client({ ...config, forcePathStyle: true }),
    glue: new GlueClient(config),
    firehose: new FirehoseClient(config),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) {
    client.destroy();
  }
}
