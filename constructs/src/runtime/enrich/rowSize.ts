import { TableRecord } from './transformRecord';

/**
 * Firehose's limit on one record: 1,000 KiB of data. The Pipe sends each
 * row as its JSON text, so that is what must fit; Firehose would refuse a
 * larger record, failing the Pipe's whole batch.
 */
export const FIREHOSE_MAX_RECORD_BYTES = 1_024_000;

/** The row's size in UTF-8 bytes when Firehose would refuse it; undefined when it fits. */
export function oversizeRowBytes(row: TableRecord): number | undefined {
  const json = JSON.stringify(row);
  // A UTF-16 unit takes 1 to 3 UTF-8 bytes: count bytes only near the limit.
  if (json.length * 3 <= FIREHOSE_MAX_RECORD_BYTES) {
    return undefined;
  }
  const bytes = Buffer.byteLength(json, 'utf8');
  return bytes > FIREHOSE_MAX_RECORD_BYTES ? bytes : undefined;
}
