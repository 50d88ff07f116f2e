import {
  isMap,
  isPair,
  isScalar,
  LineCounter,
  Node,
  parseDocument,
  Document,
} from 'yaml';
import { z } from 'zod';
import {
  CONTRACT_FILE_NAME,
  dataProductContractSchema,
  DataProductContract,
} from './model';
import {
  ContractIssue,
  ContractValidationError,
  formatFieldPath,
  SourcePosition,
} from './errors';

/**
 * A contract that passed validation, with a way back to its source positions.
 *
 * @public
 */
export interface ParsedContract {
  readonly contract: DataProductContract;
  /** The file name used in messages. */
  readonly file: string;
  /** Where a field path is in the source; the nearest existing parent when the field is absent. */
  positionOf(path: ReadonlyArray<string | number>): SourcePosition | undefined;
}

/**
 * What parseDataProductContract names in its messages.
 *
 * @public
 */
export interface ParseContractOptions {
  /** The file name to show in error messages. @defaultValue data-product.yaml */
  readonly file?: string;
}

/**
 * Parses and validates a `data-product.yaml`.
 *
 * Reports every problem at once, each with its field path, file, line and
 * column. Throws {@link ContractValidationError}; never returns a partially
 * valid contract.
 * @public
 */
export function parseDataProductContract(
  text: string,
  options: ParseContractOptions = {},
): ParsedContract {
  const file = options.file ?? CONTRACT_FILE_NAME;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const positionOf = (path: ReadonlyArray<string | number>) =>
    locate(document, lineCounter, path);

  const syntaxIssues = document.errors.map<ContractIssue>(error => {
    const position = lineCounter.linePos(error.pos[0]);
    return {
      path: '',
      message: `YAML syntax error: ${firstLine(error.message)}`,
      file,
      line: position.line,
      column: position.col,
    };
  });
  if (syntaxIssues.length > 0) {
    throw new ContractValidationError(file, syntaxIssues);
  }

  const raw: unknown = document.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ContractValidationError(file, [
      {
        path: '',
        message:
          'the contract must be a YAML mapping with apiVersion, kind, name, domain, ...',
        file,
        line: 1,
        column: 1,
      },
    ]);
  }

  const result = dataProductContractSchema.safeParse(raw);
  if (!result.success) {
    throw new ContractValidationError(
      file,
      toIssues(result.error, file, positionOf),
    );
  }
  return { contract: result.data, file, positionOf };
}

function toIssues(
  error: z.ZodError,
  file: string,
  positionOf: ParsedContract['positionOf'],
): ContractIssue[] {
  const issues = error.issues.flatMap(issue => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      // One issue per unknown key, pointing at the key itself.
      return issue.keys.map(key => {
        const path = [...issue.path, key];
        return withPosition(
          {
            path: formatFieldPath(path),
            message: `unknown field "${key}"`,
            file,
          },
          positionOf(path),
        );
      });
    }
    const message = describeIssue(issue);
    return [
      withPosition(
        { path: formatFieldPath(issue.path), message, file },
        positionOf(issue.path),
      ),
    ];
  });
  return issues.sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

function describeIssue(issue: z.ZodIssue): string {
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === 'undefined'
  ) {
    return 'is required';
  }
  // zod's own wording is `Expected x, received y`; any other is the
  // schema's `invalid_type_error`, which says more (e.g. how to quote).
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.message.startsWith('Expected ')
  ) {
    return `must be a ${issue.expected}, not a ${issue.received}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.message;
  }
  if (issue.code === z.ZodIssueCode.invalid_union_discriminator) {
    return `must be one of ${issue.options.map(option => String(option)).join(', ')}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return `must be one of ${issue.options.join(', ')} (got "${String(issue.received)}")`;
  }
  return issue.message;
}

function withPosition(
  issue: ContractIssue,
  position: SourcePosition | undefined,
): ContractIssue {
  return position
    ? { ...issue, line: position.line, column: position.column }
    : issue;
}

/** Finds the YAML node of a path, falling back to the deepest existing ancestor. */
function locate(
  document: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<string | number>,
): SourcePosition | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(document, path.slice(0, depth));
    if (node?.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return undefined;
}

function nodeAt(
  document: Document,
  path: ReadonlyArray<string | number>,
): Node | undefined {
  if (path.length === 0) {
    return document.contents ?? undefined;
  }
  const parent =
    path.length === 1
      ? document.contents
      : document.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find(
      item => isPair(item) && isScalar(item.key) && item.key.value === last,
    );
    // Point at the value when there is one, at the key otherwise (`name:` with nothing after it).
    const value = pair?.value;
    if (value && typeof value === 'object' && 'range' in value && value.range) {
      return value as Node;
    }
    return (pair?.key as Node | undefined) ?? undefined;
  }
  const node = document.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node
    ? (node as Node)
    : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
