import { JsonSchema } from '../schema/types';
import { SchemaComparison } from './compareSchemas';
import { CompatibilityLevel } from './rules';
import { SchemaChange, SchemaDiff } from './schemaChange';

export type { SchemaChange, SchemaDiff } from './schemaChange';
export { backwardVerdict } from './backwardVerdict';
export type { BackwardVerdict } from './backwardVerdict';

/**
 * Compares two versions of a JSON Schema and classifies the change as FULL,
 * BACKWARD, FORWARD compatible or breaking (`NONE`), listing every change
 * with its JSON path. Both inputs must have their `$ref`s resolved (as
 * {@link readEventSchema} returns them). A keyword the checker does not
 * interpret is listed as `keyword-not-analysed`, which is never
 * compatible; `backwardVerdict` tells that apart from a proven break.
 * @public
 */
export function diffSchemas(
  previous: JsonSchema,
  next: JsonSchema,
): SchemaDiff {
  const changes: SchemaChange[] = [];
  new SchemaComparison().compare(previous, next, '$', change =>
    changes.push(change),
  );
  const backward = changes.every(change => change.backward);
  const forward = changes.every(change => change.forward);
  let compatibility: CompatibilityLevel = 'NONE';
  if (backward && forward) {
    compatibility = 'FULL';
  } else if (backward) {
    compatibility = 'BACKWARD';
  } else if (forward) {
    compatibility = 'FORWARD';
  }
  return { compatibility, breaking: compatibility === 'NONE', changes };
}
