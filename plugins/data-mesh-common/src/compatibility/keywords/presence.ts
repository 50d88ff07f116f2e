import { JsonSchema } from '../../schema/types';
import { SchemaChangeKind } from '../rules';
import { constraining } from './annotations';
import { changeOf, formatValue, NodePair, sameJson } from './keywordComparison';

/** A change to report: a kind, with a description when the default will not do. */
export type PresenceOutcome =
  | SchemaChangeKind
  | { readonly kind: SchemaChangeKind; readonly description: string };

/**
 * How one keyword's value is read and what each transition means. `read`
 * returns undefined for "absent" (and for values that mean the same as
 * absent); a rule returning undefined reports nothing, for instance after
 * comparing the values as sub-schemas itself.
 */
export interface PresenceRules<T> {
  readonly subject: string;
  /** Where the changes are reported; default: the node's path. */
  readonly path?: string;
  /** Reads the value from a node; `side` tells which, for values read elsewhere. */
  readonly read: (node: JsonSchema, side: 'previous' | 'next') => T | undefined;
  readonly added: (after: T) => PresenceOutcome | PresenceOutcome[] | void;
  readonly removed: (before: T) => PresenceOutcome | PresenceOutcome[] | void;
  readonly changed: (
    before: T,
    after: T,
  ) => PresenceOutcome | PresenceOutcome[] | void;
}

/**
 * The one place that tells added from removed from changed (and equal
 * from changed): every keyword module states only what each means.
 */
export function comparePresence<T>(
  pair: NodePair,
  rules: PresenceRules<T>,
): void {
  const before = rules.read(pair.previous, 'previous');
  const after = rules.read(pair.next, 'next');
  let outcome: PresenceOutcome | PresenceOutcome[] | void;
  // Built only when needed: the values may be whole sub-schemas.
  let describe: () => string;
  if (before === undefined && after === undefined) {
    return;
  } else if (before === undefined) {
    outcome = rules.added(after!);
    describe = () => `${rules.subject} ${formatValue(after)} added`;
  } else if (after === undefined) {
    outcome = rules.removed(before);
    describe = () => `${rules.subject} ${formatValue(before)} removed`;
  } else if (sameJson(before, after)) {
    return;
  } else {
    outcome = rules.changed(before, after);
    describe = () =>
      `${rules.subject} ${formatValue(before)} -> ${formatValue(after)}`;
  }
  let outcomes: PresenceOutcome[] = [];
  if (Array.isArray(outcome)) {
    outcomes = outcome;
  } else if (outcome) {
    outcomes = [outcome];
  }
  const path = rules.path ?? pair.path;
  for (const item of outcomes) {
    pair.report(
      typeof item === 'string'
        ? changeOf(item, path, rules.subject, describe())
        : changeOf(item.kind, path, rules.subject, item.description),
    );
  }
}

/**
 * What a constraint's presence usually means: added tightens, removed
 * loosens, told as "<what> added" / "<what> removed".
 */
export function constraintPresence(what: string): {
  added: () => PresenceOutcome;
  removed: () => PresenceOutcome;
} {
  return {
    added: () => ({
      kind: 'constraint-tightened',
      description: `${what} added`,
    }),
    removed: () => ({
      kind: 'constraint-loosened',
      description: `${what} removed`,
    }),
  };
}

/**
 * A keyword holding one sub-schema that parts of the instance must pass
 * (`items`, `propertyNames`, ...): `true` and `{}` read as absent, so adding
 * one tightens, removing one loosens, and a changed one is compared as a
 * schema at `schemaPath`.
 */
export function compareSubschemaKeyword(
  pair: NodePair,
  subject: string,
  read: (node: JsonSchema) => unknown,
  schemaPath: string,
): void {
  comparePresence(pair, {
    subject,
    read: node => constraining(read(node)),
    ...constraintPresence(`${subject} schema`),
    changed: (before, after) => pair.compare(before, after, schemaPath),
  });
}
