import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long CPU work over the whole catalog (indexing 5,000 schemas, serializing
 * the export) runs in slices: after each slice of this many milliseconds
 * the work yields, so requests served meanwhile (health probes, the
 * portal's lists) wait one slice at most, not the whole job.
 */
export const DEFAULT_SLICE_MS = 10;

/**
 * Returns a function to await between items of a long loop: it resolves at
 * once while the current slice lasts, and after the next event-loop turn
 * once the slice is spent.
 */
export function eventLoopSlices(
  sliceMs: number = DEFAULT_SLICE_MS,
): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) {
      return undefined;
    }
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}
