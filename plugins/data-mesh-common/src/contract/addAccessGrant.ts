import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  Scalar,
  YAMLSeq,
} from 'yaml';
import { isoDay } from './accessExpiry';
import { AccessGrant, canonicalConsumerRef } from './accessModel';
import { ContractIssue, ContractValidationError } from './errors';
import { CONTRACT_FILE_NAME, DataProductContract } from './model';
import { parseDataProductContract } from './parseContract';

/**
 * A grant as requested: the contract's fields, in the contract's spelling.
 *
 * @public
 */
export type AccessGrantRequest = AccessGrant;

/**
 * The day addAccessGrant checks a grant's expiry against, and the file its messages name.
 *
 * @public
 */
export interface AddAccessGrantOptions {
  /**
   * The day of the request (UTC): an `expires` before it is refused. The
   * caller's, so that a task and its tests agree on one clock.
   */
  readonly today: Date;
  /** The file name to show in error messages. @defaultValue data-product.yaml */
  readonly file?: string;
}

/**
 * A contract with one more approved consumer.
 *
 * @public
 */
export interface AccessGrantAdded {
  /** The new `data-product.yaml`: the old text with the grant inserted. */
  readonly text: string;
  /** The contract as the new text parses. */
  readonly contract: DataProductContract;
  /** Where the grant is: `access.consumers[index]`. */
  readonly index: number;
}

// The order a person writes a grant in (docs/data-contract.md), so the
// proposed change reads like a hand-written one.
const GRANT_FIELD_ORDER: ReadonlyArray<keyof AccessGrant> = [
  'consumer',
  'account',
  'role',
  'events',
  'table',
  'purpose',
  'expires',
  'piiApproval',
];

/**
 * Appends a grant to a contract's `access.consumers` (creating the section
 * when absent) and returns the new text; every other byte of the file is
 * kept, comments included.
 *
 * Throws {@link ContractValidationError}, naming each field as
 * `access.consumers[N].<field>`, when the contract with the new consumer
 * does not parse, and for the rules of a request that a stored contract
 * does not have: the last day is not before `today`, and a consumer and
 * account that already have a grant change that grant instead of adding
 * another. The stored contract itself must parse.
 * @public
 */
export function addAccessGrant(
  text: string,
  grant: AccessGrantRequest,
  options: AddAccessGrantOptions,
): AccessGrantAdded {
  const file = options.file ?? CONTRACT_FILE_NAME;
  const stored = parseDataProductContract(text, { file }).contract;
  const index = stored.access.consumers.length;
  const requestIssues = checkRequest(stored, grant, options.today).map(
    ({ field, message }) => ({
      path: `access.consumers[${index}].${field}`,
      message,
      file,
    }),
  );

  const updated = insertGrant(text, orderedGrant(grant));
  let contract: DataProductContract | undefined;
  let contractIssues: readonly ContractIssue[] = [];
  try {
    contract = parseDataProductContract(updated, { file }).contract;
  } catch (error) {
    if (!(error instanceof ContractValidationError)) {
      throw error;
    }
    // A request issue already says what is wrong with that field.
    const named = new Set(requestIssues.map(issue => issue.path));
    contractIssues = error.issues.filter(issue => !named.has(issue.path));
  }
  const issues = [...requestIssues, ...contractIssues];
  if (issues.length > 0 || !contract) {
    throw new ContractValidationError(file, issues);
  }
  return { text: updated, contract, index };
}

function checkRequest(
  stored: DataProductContract,
  grant: AccessGrantRequest,
  today: Date,
): Array<{ field: keyof AccessGrant; message: string }> {
  const problems: Array<{ field: keyof AccessGrant; message: string }> = [];
  const existing = stored.access.consumers.findIndex(
    other =>
      other.account === grant.account &&
      sameEntityRef(other.consumer, grant.consumer),
  );
  if (existing >= 0) {
    problems.push({
      field: 'consumer',
      message: `${grant.consumer} with account ${grant.account} already has access: change its grant instead (access.consumers[${existing}])`,
    });
  }
  // Calendar dates in ISO form compare as strings.
  const todayIso = isoDay(today);
  if (typeof grant.expires === 'string' && grant.expires < todayIso) {
    problems.push({
      field: 'expires',
      message: `${grant.expires} is in the past (today is ${todayIso}): give the grant's last day from today on`,
    });
  }
  return problems;
}

/** Entity refs name one entity whatever their case and an omitted default namespace. */
function sameEntityRef(a: string, b: string): boolean {
  return canonicalConsumerRef(a) === canonicalConsumerRef(b);
}

function orderedGrant(grant: AccessGrantRequest): Record<string, unknown> {
  return Object.fromEntries(
    GRANT_FIELD_ORDER.filter(field => grant[field] !== undefined).map(field => [
      field,
      grant[field],
    ]),
  );
}

/**
 * The grant inserted as text after the last consumer, or as a new
 * `access` section at the end, so the change is only added lines. Layouts
 * the insertion cannot place a block item in (a flow list, an `access`
 * without `consumers`) are edited through the document, which keeps the
 * comments but re-renders the rest of the file the way yaml writes it.
 */
function insertGrant(text: string, grant: Record<string, unknown>): string {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const access = document.get('access', true);
  const consumers = isMap(access) ? access.get('consumers', true) : undefined;

  if (access === undefined) {
    const section = renderBlock({ access: { consumers: [grant] } });
    return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${section}`;
  }
  if (isSeq(consumers) && !consumers.flow && consumers.range) {
    const [start, valueEnd] = consumers.range;
    const column = lineCounter.linePos(start).col - 1;
    const item = indent(renderBlock([grant]), column);
    const lineEnd = text.indexOf('\n', valueEnd - 1);
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    const before = text.slice(0, at);
    return `${before}${before.endsWith('\n') ? '' : '\n'}${item}${text.slice(at)}`;
  }

  const node = grantNode(document, grant);
  if (isSeq(consumers)) {
    consumers.flow = false;
    consumers.items.push(node);
  } else {
    document.setIn(['access', 'consumers'], new YAMLSeq());
    (document.getIn(['access', 'consumers'], true) as YAMLSeq).items.push(node);
  }
  return document.toString({ flowCollectionPadding: false });
}

function renderBlock(value: unknown): string {
  const document = new Document(value);
  const grants = isMap(document.contents)
    ? document.getIn(['access', 'consumers'], true)
    : document.contents;
  if (isSeq(grants)) {
    grants.items = grants.items.map(item => styleGrant(item));
  }
  return document.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

function grantNode(document: Document, grant: Record<string, unknown>) {
  return styleGrant(document.createNode(grant));
}

/** The contract's style: the account in single quotes, a short event list on one line. */
function styleGrant<T>(node: T): T {
  if (isMap(node)) {
    const account = node.get('account', true);
    if (isScalar(account)) {
      account.type = Scalar.QUOTE_SINGLE;
    }
    const events = node.get('events', true);
    if (isSeq(events)) {
      events.flow = true;
    }
  }
  return node;
}

function indent(block: string, columns: number): string {
  const padding = ' '.repeat(columns);
  return block
    .split('\n')
    .map(line => (line ? `${padding}${line}` : line))
    .join('\n');
}
