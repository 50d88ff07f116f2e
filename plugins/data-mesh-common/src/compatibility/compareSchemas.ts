import { isJsonObject, JsonSchema } from '../schema/types';
import { SchemaChange } from './schemaChange';
import { acceptsAnything } from './keywords/annotations';
import {
  compareMembersWithWholeNode,
  hasCombinator,
} from './keywords/combinatorKeywords';
import {
  changeOf,
  NodePair,
  Report,
  sameJson,
} from './keywords/keywordComparison';
import { isInterpretedKeyword, KEYWORD_COMPARISONS } from './keywords/registry';

/**
 * How many schema nodes one diff may compare. Combinators compare members
 * pairwise, so nested ones multiply; registry content comes from anyone
 * who can write to a registry, and the diff runs in the backend.
 * Real event schemas need a few hundred.
 */
export const MAX_NODE_COMPARISONS = 50_000;

/** Interpreted keywords that changed where a side's value has the wrong shape. */
function malformedChanges(previous: JsonSchema, next: JsonSchema): string[] {
  return KEYWORD_COMPARISONS.flatMap(comparison =>
    Object.entries(comparison.wellFormed ?? {})
      .filter(
        ([keyword, isWellFormed]) =>
          [previous, next].some(
            node =>
              Object.prototype.hasOwnProperty.call(node, keyword) &&
              !isWellFormed(node[keyword]),
          ) && !sameJson(previous[keyword], next[keyword]),
      )
      .map(([keyword]) => keyword),
  );
}

/** One diff's walk over two schemas: every keyword module at every node. */
export class SchemaComparison {
  private comparisons = 0;

  /** Compares two (sub-)schemas; `true`/`false` and non-schemas included. */
  compare(
    previous: unknown,
    next: unknown,
    path: string,
    report: Report,
  ): void {
    const before = previous === true ? {} : previous;
    const after = next === true ? {} : next;
    if (before === false || after === false) {
      this.compareWithFalse(before, after, path, report);
      return;
    }
    if (!isJsonObject(before) || !isJsonObject(after)) {
      if (!sameJson(before, after)) {
        report(
          changeOf(
            'keyword-not-analysed',
            path,
            'schema',
            'not a schema (neither an object nor a boolean); not analysed',
          ),
        );
      }
      return;
    }
    this.comparisons += 1;
    if (this.comparisons > MAX_NODE_COMPARISONS) {
      report(
        changeOf(
          'keyword-not-analysed',
          path,
          'schema',
          `comparison stopped after ${MAX_NODE_COMPARISONS} schema nodes; the rest is not analysed`,
        ),
      );
      return;
    }
    this.compareNodes(before as JsonSchema, after as JsonSchema, path, report);
  }

  /** The changes `compare` would report. */
  changesOf(previous: unknown, next: unknown, path: string): SchemaChange[] {
    const changes: SchemaChange[] = [];
    this.compare(previous, next, path, change => changes.push(change));
    return changes;
  }

  private compareWithFalse(
    before: unknown,
    after: unknown,
    path: string,
    report: Report,
  ) {
    if (before === after) {
      return;
    }
    if (before === false) {
      report(
        changeOf(
          'false-schema-replaced',
          path,
          'schema',
          'the schema was false (nothing valid); now some documents are',
        ),
      );
    } else {
      report(
        changeOf(
          'false-schema-introduced',
          path,
          'schema',
          acceptsAnything(before)
            ? 'anything was valid; now the schema is false (nothing valid)'
            : 'the schema is now false (nothing valid)',
        ),
      );
    }
  }

  private compareNodes(
    previous: JsonSchema,
    next: JsonSchema,
    path: string,
    report: Report,
  ) {
    const byKeyword = this.changesByKeyword(previous, next, path);
    if (
      hasCombinator(previous) &&
      !hasCombinator(next) &&
      !byKeyword.every(change => change.backward)
    ) {
      const byMember: SchemaChange[] = [];
      compareMembersWithWholeNode(
        this.pairOf(previous, next, path, change => byMember.push(change)),
      );
      if (byMember.length > 0 && byMember.every(change => change.backward)) {
        byMember.forEach(report);
        return;
      }
    }
    byKeyword.forEach(report);
  }

  private changesByKeyword(
    previous: JsonSchema,
    next: JsonSchema,
    path: string,
  ): SchemaChange[] {
    const changes: SchemaChange[] = [];
    const pair = this.pairOf(previous, next, path, change =>
      changes.push(change),
    );
    for (const keyword of malformedChanges(previous, next)) {
      changes.push(
        changeOf(
          'keyword-not-analysed',
          path,
          keyword,
          `"${keyword}" changed and is not of the shape JSON Schema gives it, so the change is not analysed`,
        ),
      );
    }
    for (const comparison of KEYWORD_COMPARISONS) {
      if (comparison.compare(pair) === 'stop') {
        return changes;
      }
    }
    for (const keyword of new Set([
      ...Object.keys(previous),
      ...Object.keys(next),
    ])) {
      if (
        !isInterpretedKeyword(keyword) &&
        !sameJson(previous[keyword], next[keyword])
      ) {
        changes.push(
          changeOf(
            'keyword-not-analysed',
            path,
            keyword,
            `"${keyword}" changed; this checker does not interpret it, so the change is not analysed`,
          ),
        );
      }
    }
    return changes;
  }

  private pairOf(
    previous: JsonSchema,
    next: JsonSchema,
    path: string,
    report: Report,
  ): NodePair {
    return {
      previous,
      next,
      path,
      report,
      compare: (before, after, childPath, childReport = report) =>
        this.compare(before, after, childPath, childReport),
      changesOf: (before, after, childPath) =>
        this.changesOf(before, after, childPath),
    };
  }
}
