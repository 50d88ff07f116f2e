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

/**
 * Clients for the emulator's default account, or for `account`: another
 * account of the same emulator (a consumer's, in the cross-account run).
 * moto picks the account from its `x-moto-account-id` header; LocalStack
 * from a 12-digit access key, so both are set.
 */
export function createAwsClients(
  endpoint: string,
  account?: string,
): AwsClients {
  const config = {
    endpoint,
    region: EMULATOR_ENVIRONMENT.AWS_REGION,
    credentials: {
      accessKeyId: account ?? EMULATOR_ENVIRONMENT.AWS_ACCESS_KEY_ID,
      secretAccessKey: EMULATOR_ENVIRONMENT.AWS_SECRET_ACCESS_KEY,
    },
  };
  const clients: AwsClients = {
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    dynamoDb: new DynamoDBClient(config),
    // Emulators serve buckets by path, not by virtual host.
    s3: new S3Client({ ...config, forcePathStyle: true }),
    glue: new GlueClient(config),
    firehose: new FirehoseClient(config),
  };
  if (account) {
    for (const client of Object.values(clients)) {
      // The header step is the same for every client; typed as one of them.
      (client.middlewareStack as EventBridgeClient['middlewareStack']).add(
        next => async args => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) {
            request.headers['x-moto-account-id'] = account;
          }
          return next(args);
        },
        { step: 'build', name: 'emulatorAccount' },
      );
    }
  }
  return clients;
}

export function destroyAwsClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) {
    client.destroy();
  }
}
