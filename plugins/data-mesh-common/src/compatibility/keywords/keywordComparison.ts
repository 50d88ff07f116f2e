import { isJsonObject, JsonSchema } from '../../schema/types';
import { COMPATIBILITY_RULES, SchemaChangeKind } from '../rules';
import { SchemaChange } from '../schemaChange';

/** A sub-schema as JSON Schema allows it: `true` accepts anything, `false` nothing. */
export type SchemaOrBoolean = JsonSchema | boolean;

export type Report = (change: SchemaChange) => void;

/** Two versions of one schema node, and how to compare what lies below. */
export interface NodePair {
  readonly previous: JsonSchema;
  readonly next: JsonSchema;
  /** JSON path of the node, e.g. `$.legs[*]`. */
  readonly path: string;
  readonly report: Report;
  /**
   * Compares two sub-schemas the way this node is compared, reporting to
   * `report` (default: this node's report).
   */
  compare(
    previous: unknown,
    next: unknown,
    path: string,
    report?: Report,
  ): void;
  /** The changes `compare` would report, without reporting them. */
  changesOf(previous: unknown, next: unknown, path: string): SchemaChange[];
}

/**
 * One keyword module: the keywords it interprets and how it compares them.
 * The set of interpreted keywords is the union of every module's, so a
 * keyword no module declares is reported as not analysed.
 */
export interface KeywordComparison {
  readonly name: string;
  readonly keywords: readonly string[];
  /** Keyword prefixes it interprets too, e.g. `x-` for vendor extensions. */
  readonly keywordPrefixes?: readonly string[];
  /**
   * The value shape each keyword must have for `compare` to read it; a
   * changed value of another shape is reported as not analysed rather
   * than skipped.
   */
  readonly wellFormed?: Readonly<Record<string, (value: unknown) => boolean>>;
  /** Returns `stop` when nothing else about the node is comparable. */
  compare(pair: NodePair): void | 'stop';
}

export function changeOf(
  kind: SchemaChangeKind,
  path: string,
  subject: string,
  description: string,
): SchemaChange {
  return { kind, path, subject, description, ...COMPATIBILITY_RULES[kind] };
}

export function childPath(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? `${path}.${name}`
    : `${path}['${name}']`;
}

/**
 * JSON equality, ignoring the order of object keys. It stops at the first
 * difference and at shared subtrees (the schema reader shares each `$ref`
 * target), so comparing at every level of a deep schema stays cheap.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameJson(item, b[index]))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) {
    return false;
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      key =>
        Object.prototype.hasOwnProperty.call(b, key) &&
        sameJson(a[key], b[key]),
    )
  );
}

/**
 * Whether two sub-schemas are shown to accept the same documents: compared
 * each way, every change is BACKWARD. A sufficient condition, so `false`
 * means "not shown", never "different".
 */
export function acceptsTheSame(
  pair: NodePair,
  a: unknown,
  b: unknown,
  path: string,
): boolean {
  return [pair.changesOf(a, b, path), pair.changesOf(b, a, path)].every(
    changes => changes.every(change => change.backward),
  );
}

const MAX_VALUE_TEXT = 200;

/** A value for a change's description, cut short: a whole sub-schema can be large. */
export function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_TEXT
    ? `${text.slice(0, MAX_VALUE_TEXT)}…`
    : text;
}

/** Value shapes for {@link KeywordComparison.wellFormed}. */
export const VALUE_SHAPES = {
  number: (value: unknown) => typeof value === 'number',
  string: (value: unknown) => typeof value === 'string',
  boolean: (value: unknown) => typeof value === 'boolean',
  list: (value: unknown) => Array.isArray(value),
  stringList: (value: unknown) =>
    Array.isArray(value) && value.every(item => typeof item === 'string'),
  object: isJsonObject,
  schema: (value: unknown) => typeof value === 'boolean' || isJsonObject(value),
};

/** {@link KeywordComparison.wellFormed} for keywords that share one value shape. */
export function sameShape(
  keywords: readonly string[],
  shape: (value: unknown) => boolean,
): Record<string, (value: unknown) => boolean> {
  return Object.fromEntries(keywords.map(keyword => [keyword, shape]));
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
