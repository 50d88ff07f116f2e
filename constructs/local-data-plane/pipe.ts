import { PutRecordBatchCommand, _Record } from '@aws-sdk/client-firehose';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { AwsClients } from './aws-clients';
import { LocalFunction } from './lambda-runtime';
import { ProvisionedTemplate } from './provision';
import { TemplateResource } from './template';

/** A Pipe of the template: SQS source -> Lambda enrichment -> Firehose target. */
export interface LocalPipe {
  readonly logicalId: string;
  readonly name: string;
  readonly sourceQueueUrl: string;
  readonly enrichmentLogicalId: string;
  readonly deliveryStreamName: string;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
}

/** How the run injects at-least-once redelivery of a message the first time it is received. */
export type RedeliveryChoice = 'same-batch' | 'later-batch' | undefined;

/** What one drain of a pipe did. */
export interface PipeDrain {
  readonly batches: number;
  readonly messagesReceived: number;
  readonly recordsDelivered: number;
  readonly failedBatches: number;
  /** Time spent in the enrichment function (with its DynamoDB and quarantine calls). */
  readonly enrichmentMs: number;
  /** Copies injected: handed over in the same batch, or sent to the queue again. */
  readonly redeliveries: {
    readonly sameBatch: number;
    readonly laterBatch: number;
  };
  /** Every line the enrichment wrote, in order (EMF metrics among them). */
  readonly logLines: readonly string[];
  readonly errors: readonly string[];
}

/** SQS moves a message to its DLQ after maxReceiveCount receives; this bounds a run without one. */
const MAX_FAILED_BATCHES = 100;

/** Firehose PutRecordBatch limits: 500 records and 4 MiB a call. */
const FIREHOSE_BATCH_RECORDS = 500;
const FIREHOSE_BATCH_BYTES = 4 * 1024 * 1024;

/** The Pipe settings the template gives, with the ARNs resolved to the emulator's resources. */
export function readPipe(
  logicalId: string,
  resource: TemplateResource,
  provisioned: ProvisionedTemplate,
): LocalPipe {
  const properties = resource.Properties ?? {};
  const where = `${logicalId} (AWS::Pipes::Pipe)`;
  const logicalIdOf = (value: unknown, role: string): string => {
    const getAtt = (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.[
      'Fn::GetAtt'
    ];
    if (!getAtt) {
      throw new Error(`${where}: ${role} is not a resource of the template`);
    }
    return getAtt[0];
  };
  const queueId = logicalIdOf(properties.Source, 'Source');
  const streamId = logicalIdOf(properties.Target, 'Target');
  const sqs = (
    properties.SourceParameters as {
      SqsQueueParameters?: {
        BatchSize?: number;
        MaximumBatchingWindowInSeconds?: number;
      };
    }
  )?.SqsQueueParameters;
  return {
    logicalId,
    name: provisioned.resolver.resolveString(
      properties.Name ?? logicalId,
      where,
    ),
    sourceQueueUrl: provisioned.resolver.resolveString({ Ref: queueId }, where),
    enrichmentLogicalId: logicalIdOf(properties.Enrichment, 'Enrichment'),
    deliveryStreamName: provisioned.resolver.resolveString(
      { Ref: streamId },
      where,
    ),
    // Pipes' own defaults for an SQS source.
    batchSize: sqs?.BatchSize ?? 10,
    maxBatchingWindowSeconds: sqs?.MaximumBatchingWindowInSeconds ?? 0,
  };
}

/**
 * Runs a pipe as EventBridge Pipes does, each {@link PipeRunner.drain}
 * until its source queue is empty: a batch of up to `batchSize` messages
 * (gathered until the queue has no more), the enrichment invoked with it,
 * its output sent to the target stream one record per element, and only
 * then the messages deleted. A failed invocation or delivery leaves the
 * whole batch on the queue, to be received again and, after the queue's
 * `maxReceiveCount`, moved to its dead-letter queue by SQS. The batching
 * window is not waited for: a drain starts once events are published.
 */
export class PipeRunner {
  private readonly logLines: string[] = [];
  private readonly errors: string[] = [];
  /** Bodies already offered a redelivery: an injected copy is never copied again. */
  private readonly seen = new Set<string>();
  private readonly redeliveries = { sameBatch: 0, laterBatch: 0 };
  private batches = 0;
  private messagesReceived = 0;
  private recordsDelivered = 0;
  private failedBatches = 0;
  private enrichmentMs = 0;

  constructor(
    private readonly pipe: LocalPipe,
    private readonly enrichment: LocalFunction,
    private readonly clients: AwsClients,
    private readonly redeliver: (body: string) => RedeliveryChoice = () =>
      undefined,
  ) {}

  /** What the runs so far did. */
  get result(): PipeDrain {
    return {
      batches: this.batches,
      messagesReceived: this.messagesReceived,
      recordsDelivered: this.recordsDelivered,
      failedBatches: this.failedBatches,
      enrichmentMs: this.enrichmentMs,
      redeliveries: { ...this.redeliveries },
      logLines: this.logLines,
      errors: this.errors,
    };
  }

  /** Processes batches until the source queue is empty. */
  async drain(): Promise<void> {
    const { pipe, clients } = this;
    for (;;) {
      const batch = await receiveBatch(
        clients,
        pipe.sourceQueueUrl,
        pipe.batchSize,
      );
      if (batch.length === 0) {
        return;
      }
      this.batches++;
      const { input, taken, returned } = await this.compose(batch);
      await releaseMessages(clients, pipe.sourceQueueUrl, returned);
      this.messagesReceived += input.length;
      const invoked = performance.now();
      const invocation = await this.enrichment.invoke(input);
      this.enrichmentMs += performance.now() - invoked;
      this.logLines.push(...invocation.logLines);
      try {
        if (invocation.error) {
          throw invocation.error;
        }
        this.recordsDelivered += await putRecords(
          clients,
          pipe.deliveryStreamName,
          invocation.result ?? [],
        );
        await deleteMessages(clients, pipe.sourceQueueUrl, taken);
      } catch (error) {
        this.failedBatches++;
        if (this.failedBatches > MAX_FAILED_BATCHES) {
          throw new Error(
            `${pipe.name}: ${this.failedBatches} failed batches; is the source queue's redrive policy missing? Last: ${(error as Error).message}`,
          );
        }
        this.errors.push(`batch ${this.batches}: ${(error as Error).message}`);
        // The visibility timeout would return them later; return them now.
        await releaseMessages(clients, pipe.sourceQueueUrl, taken);
      }
    }
  }

  /** The enrichment's input from the received messages, with the injected copies. */
  private async compose(batch: readonly Message[]) {
    const input: Array<{ messageId: string; body: string }> = [];
    const taken: Message[] = [];
    const returned: Message[] = [];
    for (const message of batch) {
      const body = message.Body ?? '';
      const choice = this.seen.has(body) ? undefined : this.redeliver(body);
      // A same-batch copy takes a place in the batch: what no longer fits waits for the next one.
      if (
        input.length + (choice === 'same-batch' ? 2 : 1) >
        this.pipe.batchSize
      ) {
        returned.push(message);
        continue;
      }
      this.seen.add(body);
      taken.push(message);
      input.push({ messageId: message.MessageId!, body });
      if (choice === 'same-batch') {
        input.push({ messageId: `${message.MessageId}-redelivered`, body });
        this.redeliveries.sameBatch++;
      } else if (choice === 'later-batch') {
        await this.clients.sqs.send(
          new SendMessageCommand({
            QueueUrl: this.pipe.sourceQueueUrl,
            MessageBody: body,
          }),
        );
        this.redeliveries.laterBatch++;
      }
    }
    return { input, taken, returned };
  }
}

async function receiveBatch(
  clients: AwsClients,
  queueUrl: string,
  batchSize: number,
): Promise<Message[]> {
  const batch: Message[] = [];
  while (batch.length < batchSize) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, batchSize - batch.length),
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) {
      break;
    }
    batch.push(...Messages);
  }
  return batch;
}

/** Sends the enrichment's output, retrying the records Firehose reports as failed. */
async function putRecords(
  clients: AwsClients,
  streamName: string,
  records: readonly unknown[],
): Promise<number> {
  let chunk: _Record[] = [];
  let chunkBytes = 0;
  const flush = async () => {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const answer = await clients.firehose.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: streamName,
          Records: pending,
        }),
      );
      if (!answer.FailedPutCount) {
        break;
      }
      if (attempt === 3) {
        throw new Error(
          `${answer.FailedPutCount} records were not accepted by ${streamName}`,
        );
      }
      pending = pending.filter(
        (_, index) => answer.RequestResponses?.[index]?.ErrorCode,
      );
    }
    chunk = [];
    chunkBytes = 0;
  };
  for (const record of records) {
    const data = Buffer.from(JSON.stringify(record));
    if (
      chunk.length === FIREHOSE_BATCH_RECORDS ||
      chunkBytes + data.length > FIREHOSE_BATCH_BYTES
    ) {
      await flush();
    }
    chunk.push({ Data: data });
    chunkBytes += data.length;
  }
  await flush();
  return records.length;
}

async function deleteMessages(
  clients: AwsClients,
  queueUrl: string,
  messages: readonly Message[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const { Failed = [] } = await clients.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(start, start + 10).map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle!,
        })),
      }),
    );
    if (Failed.length > 0) {
      throw new Error(
        `could not delete ${Failed.length} messages: ${Failed[0].Message}`,
      );
    }
  }
}

async function releaseMessages(
  clients: AwsClients,
  queueUrl: string,
  messages: readonly Message[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    await clients.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.slice(start, start + 10).map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle!,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
}
