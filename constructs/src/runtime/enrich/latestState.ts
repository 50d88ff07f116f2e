import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { LatestStateConfig } from './config';
import {
  chunksOf,
  realSleep,
  sendUntilProcessed,
  Sleep,
} from './dynamoDbBatches';
import { TableRecord } from './transformRecord';

/** Where the newest row of each key is kept. */
export interface LatestStateSink {
  /** Resolves once every row is stored; rejects otherwise (the batch is then retried). */
  write(records: readonly TableRecord[]): Promise<void>;
}

/** BatchWriteItem's limit of items per request. */
const BATCH_WRITE_MAX_ITEMS = 25;

/**
 * Writes the newest row of each key to DynamoDB with BatchWriteItem, 25
 * items a request, retrying unprocessed items (DynamoDB returns them under
 * load) with backoff; items still unprocessed after the last attempt fail
 * the batch, which SQS then delivers again (the writes are idempotent).
 * Last writer wins across batches: see `LatestStateOptions` for why.
 */
export class DynamoDbLatestState implements LatestStateSink {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly config: LatestStateConfig,
    private readonly maxAttempts = 5,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async write(records: readonly TableRecord[]): Promise<void> {
    const items = this.newestPerKey(records);
    await Promise.all(
      chunksOf(items, BATCH_WRITE_MAX_ITEMS).map(chunk =>
        this.writeChunk(chunk),
      ),
    );
  }

  /**
   * One item per key (BatchWriteItem rejects a request that names a key
   * twice): the row with the latest event time, the later row on a tie.
   * Rows without a key value are left out; the key is required by every
   * event, so only an explicit null gets here.
   */
  private newestPerKey(
    records: readonly TableRecord[],
  ): Array<Record<string, unknown>> {
    const { keyColumn, expiresAtAttribute, retentionSeconds } = this.config;
    const newest = new Map<string, TableRecord>();
    for (const record of records) {
      const value = record[keyColumn];
      if (value === undefined || value === null) {
        continue;
      }
      const key = String(value);
      const kept = newest.get(key);
      if (!kept || eventTime(record) >= eventTime(kept)) {
        newest.set(key, record);
      }
    }
    return [...newest].map(([key, record]) => ({
      ...record,
      [keyColumn]: key,
      [expiresAtAttribute]:
        Math.floor(eventTime(record) / 1000) + retentionSeconds,
    }));
  }

  private writeChunk(
    items: ReadonlyArray<Record<string, unknown>>,
  ): Promise<void> {
    const requests = items.map(item => ({ PutRequest: { Item: item } }));
    return sendUntilProcessed(
      requests,
      async pending => {
        const response = await this.client.send(
          new BatchWriteCommand({
            RequestItems: { [this.tableName]: [...pending] },
          }),
        );
        return (response.UnprocessedItems?.[this.tableName] ?? []).flatMap(
          request =>
            request.PutRequest?.Item
              ? [{ PutRequest: { Item: request.PutRequest.Item } }]
              : [],
        );
      },
      {
        maxAttempts: this.maxAttempts,
        sleep: this.sleep,
        describeFailure: unprocessed =>
          `${unprocessed} latest-state items still unprocessed by ${this.tableName} after ${this.maxAttempts} attempts`,
      },
    );
  }
}

/** The row's event time (epoch ms); its ingestion time if the event's was unparsable. */
function eventTime(record: TableRecord): number {
  const time = record.event_time ?? record.ingested_at;
  return typeof time === 'number' ? time : 0;
}
