/** Waits `ms` milliseconds; replaced in tests that count retries. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = ms =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Splits items into consecutive chunks of at most `size` (a batch API's limit). */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * Sends a DynamoDB batch request until nothing is left unprocessed
 * (DynamoDB hands back part of a batch under load), backing off between
 * attempts. `send` makes one request and resolves with what DynamoDB left
 * unprocessed.
 *
 * @throws Error from `describeFailure` with the count still unprocessed
 * after `maxAttempts`, so the caller's batch fails and is retried whole.
 */
export async function sendUntilProcessed<T>(
  items: readonly T[],
  send: (pending: readonly T[]) => Promise<readonly T[]>,
  options: {
    readonly maxAttempts: number;
    readonly sleep: Sleep;
    readonly describeFailure: (unprocessed: number) => string;
  },
): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > options.maxAttempts) {
      throw new Error(options.describeFailure(pending.length));
    }
    pending = await send(pending);
    if (pending.length > 0) {
      await options.sleep(Math.min(1000, 25 * 2 ** attempt));
    }
  }
}
