import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  chunksOf,
  realSleep,
  sendUntilProcessed,
  Sleep,
} from './dynamoDbBatches';

/** A reference item: the attributes an event is enriched with. */
export type ReferenceItem = Record<string, unknown>;

/** Where reference items come from. */
export interface ReferenceDataSource {
  /** The items of the keys that exist; absent keys are left out. */
  fetch(keys: readonly string[]): Promise<Map<string, ReferenceItem>>;
}

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_MAX_KEYS = 100;

/**
 * Reads reference items from DynamoDB with BatchGetItem, 100 keys a
 * request, retrying unprocessed keys (DynamoDB returns them under load)
 * with backoff. Keys still unprocessed after the last attempt fail the
 * batch: missing reference data must not be made up.
 */
export class DynamoDbReferenceSource implements ReferenceDataSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keyAttribute: string,
    private readonly maxAttempts = 5,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async fetch(keys: readonly string[]): Promise<Map<string, ReferenceItem>> {
    const items = new Map<string, ReferenceItem>();
    await Promise.all(
      chunksOf(keys, BATCH_GET_MAX_KEYS).map(chunk =>
        this.fetchChunk(chunk, items),
      ),
    );
    return items;
  }

  private fetchChunk(
    keys: readonly string[],
    items: Map<string, ReferenceItem>,
  ): Promise<void> {
    const keyItems = keys.map(key => ({ [this.keyAttribute]: key }));
    return sendUntilProcessed(
      keyItems,
      async pending => {
        const response = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: [...pending] } },
          }),
        );
        for (const item of response.Responses?.[this.tableName] ?? []) {
          items.set(String(item[this.keyAttribute]), item);
        }
        return response.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      },
      {
        maxAttempts: this.maxAttempts,
        sleep: this.sleep,
        describeFailure: unprocessed =>
          `${unprocessed} reference keys still unprocessed by ${this.tableName} after ${this.maxAttempts} attempts`,
      },
    );
  }
}

/**
 * An in-memory cache in front of a reference source. Reference data
 * changes rarely, so a warm handler serves nearly every lookup from memory;
 * absent keys are cached too, so a burst of events with an unknown key
 * costs one read, not one per event.
 */
export class CachedReferenceData {
  private readonly entries = new Map<
    string,
    { item: ReferenceItem | undefined; expiresAt: number }
  >();

  constructor(
    private readonly source: ReferenceDataSource,
    private readonly options: {
      readonly ttlMs: number;
      /** Oldest entries are evicted beyond this many. */
      readonly maxEntries: number;
      readonly now?: () => number;
    },
  ) {}

  /** The item of each key; undefined for a key the source does not have. */
  async lookup(
    keys: Iterable<string>,
  ): Promise<Map<string, ReferenceItem | undefined>> {
    const now = (this.options.now ?? Date.now)();
    const found = new Map<string, ReferenceItem | undefined>();
    const misses: string[] = [];
    for (const key of keys) {
      if (found.has(key)) {
        continue;
      }
      const cached = this.entries.get(key);
      if (cached && cached.expiresAt > now) {
        found.set(key, cached.item);
      } else {
        found.set(key, undefined);
        misses.push(key);
      }
    }
    if (misses.length > 0) {
      const fetched = await this.source.fetch(misses);
      const expiresAt = now + this.options.ttlMs;
      for (const key of misses) {
        const item = fetched.get(key);
        found.set(key, item);
        this.entries.delete(key);
        this.entries.set(key, { item, expiresAt });
      }
      this.evictOldest();
    }
    return found;
  }

  private evictOldest(): void {
    // A Map iterates in insertion order, so the first keys are the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) {
        return;
      }
      this.entries.delete(key);
    }
  }
}
