/**
 * A position in a source file, 1-based like editors show it.
 *
 * @public
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * One problem found in a contract (or in a file it references).
 *
 * @public
 */
export interface ContractIssue {
  /** The field path, such as `events[0].detailType`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** The file the problem is in: the contract, or a schema file it references. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Formats an issue the way compilers do: `file:line:column path: message`.
 *
 * @public
 */
export function formatContractIssue(issue: ContractIssue): string {
  const where =
    issue.line !== undefined
      ? `${issue.file}:${issue.line}:${issue.column ?? 1}`
      : issue.file;
  const field = issue.path ? ` ${issue.path}:` : '';
  return `${where}${field} ${issue.message}`;
}

/**
 * Thrown when a contract is invalid. Carries every issue found, not only the
 * first, so an author can fix them all in one pass.
 * @public
 */
export class ContractValidationError extends Error {
  readonly issues: readonly ContractIssue[];
  readonly file: string;

  constructor(file: string, issues: readonly ContractIssue[]) {
    const count =
      issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `Invalid data product contract ${file} (${count}):\n${issues
        .map(issue => `  - ${formatContractIssue(issue)}`)
        .join('\n')}`,
    );
    this.name = 'ContractValidationError';
    this.file = file;
    this.issues = issues;
  }
}

/** `['events', 0, 'detailType']` → `events[0].detailType`. */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') {
      return `${text}[${segment}]`;
    }
    return text ? `${text}.${segment}` : segment;
  }, '');
}
