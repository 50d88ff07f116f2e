import { resolveLocalRefs } from '../../schema/resolveRefs';
import { isJsonObject, JsonSchema } from '../../schema/types';
import { BackwardVerdict, backwardVerdict } from '../backwardVerdict';
import { diffSchemas } from '../diffSchemas';
import { ReferenceCase } from './caseFiles';

/** What the project's checker said about one case. */
export type ProjectVerdict = BackwardVerdict | 'crash';

export interface CaseOutcome {
  readonly case: ReferenceCase;
  readonly verdict: ProjectVerdict;
  /** The changes behind a verdict that is not `compatible`, or the crash. */
  readonly reasons: readonly string[];
}

/** Decides one case's BACKWARD verdict; throws are the checker's crashes. */
export type BackwardCheck = (
  original: unknown,
  update: unknown,
) => { verdict: BackwardVerdict; reasons: string[] };

/**
 * The project's check as the platform runs it: `$ref`s resolved as the
 * schema reader does, then `diffSchemas`. Boolean root schemas are
 * written as the objects they mean, since the reader only takes objects.
 */
export const projectBackwardCheck: BackwardCheck = (original, update) => {
  const diff = diffSchemas(readSchema(original), readSchema(update));
  return {
    verdict: backwardVerdict(diff),
    reasons: diff.changes
      .filter(change => !change.backward)
      .map(change => `${change.path} ${change.kind}: ${change.description}`),
  };
};

function readSchema(schema: unknown): JsonSchema {
  if (schema === true) {
    return {};
  }
  if (schema === false) {
    return { not: {} };
  }
  if (!isJsonObject(schema)) {
    throw new TypeError('a schema must be an object or a boolean');
  }
  return resolveLocalRefs(schema, schema);
}

/** Runs the check on every case; a throw is recorded, never propagated. */
export function judgeCases(
  cases: readonly ReferenceCase[],
  check: BackwardCheck = projectBackwardCheck,
): CaseOutcome[] {
  return cases.map(referenceCase => {
    try {
      const { verdict, reasons } = check(
        referenceCase.original,
        referenceCase.update,
      );
      return { case: referenceCase, verdict, reasons };
    } catch (error) {
      const reason =
        error instanceof Error ? `${error.name}: ${error.message}` : `${error}`;
      return { case: referenceCase, verdict: 'crash', reasons: [reason] };
    }
  });
}
