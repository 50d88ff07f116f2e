import { NOT_ANALYSED_KIND } from './rules';
import { SchemaDiff } from './schemaChange';

/**
 * The BACKWARD verdict of a diff as a gate needs it: `not-analysed` when
 * the only changes that keep it from being compatible are ones the checker
 * does not interpret, so that a gate can tell "proven breaking" from
 * "unknown" (both fail it; only one is the author's fault).
 */
export type BackwardVerdict = 'compatible' | 'breaking' | 'not-analysed';

export function backwardVerdict(diff: SchemaDiff): BackwardVerdict {
  const blocking = diff.changes.filter(change => !change.backward);
  if (blocking.length === 0) {
    return 'compatible';
  }
  return blocking.every(change => change.kind === NOT_ANALYSED_KIND)
    ? 'not-analysed'
    : 'breaking';
}
