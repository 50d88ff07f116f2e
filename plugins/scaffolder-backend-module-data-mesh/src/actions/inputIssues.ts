import { InputError } from '@backstage/errors';

/** A problem with one input of an action, located by its path. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Throws one error listing every problem, each prefixed with the input
 * path it concerns, so a template author fixes the form in one pass.
 */
export function throwIfInvalid(
  actionId: string,
  issues: readonly InputIssue[],
): void {
  if (issues.length === 0) {
    return;
  }
  const lines = issues.map(issue => `  - ${issue.path}: ${issue.message}`);
  throw new InputError(
    `${actionId}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`} in the input:\n${lines.join('\n')}`,
  );
}
