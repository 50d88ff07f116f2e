import { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents' limit of entries per call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
/**
 * PutEvents' limit of 256 KiB per call, counted as {@link putEventsEntrySize}
 * counts each entry.
 *
 * @public
 */
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

/**
 * An entry's size as EventBridge counts it (see "Calculating PutEvents event entry size").
 *
 * @public
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  let size = 14; // Time is counted as 14 bytes whether set or not.
  for (const text of [entry.Source, entry.DetailType, entry.Detail]) {
    if (text) {
      size += Buffer.byteLength(text, 'utf8');
    }
  }
  for (const resource of entry.Resources ?? []) {
    size += Buffer.byteLength(resource, 'utf8');
  }
  return size;
}

/**
 * Groups entry indexes into PutEvents calls, in order, each within the
 * entry and size limits. An entry too large on its own is not placed: it
 * is returned in `oversize` so the caller can report it without sending.
 */
export function groupIntoPutEventsBatches(
  entries: readonly PutEventsRequestEntry[],
): { batches: number[][]; oversize: number[] } {
  const batches: number[][] = [];
  const oversize: number[] = [];
  let current: number[] = [];
  let currentBytes = 0;
  entries.forEach((entry, index) => {
    const size = putEventsEntrySize(entry);
    if (size > PUT_EVENTS_MAX_BYTES) {
      oversize.push(index);
      return;
    }
    if (
      current.length === PUT_EVENTS_MAX_ENTRIES ||
      currentBytes + size > PUT_EVENTS_MAX_BYTES
    ) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += size;
  });
  if (current.length > 0) {
    batches.push(current);
  }
  return { batches, oversize };
}
