import { isJsonObject, JsonSchema, typesOf } from '../../schema/types';
import { SchemaChangeKind } from '../rules';
import { SchemaChange } from '../schemaChange';
import {
  changeOf,
  KeywordComparison,
  NodePair,
  sameJson,
} from './keywordComparison';

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
type Combinator = (typeof COMBINATORS)[number];

/**
 * One side's combination: a sum (anyOf/oneOf: one member must match) or
 * a product (allOf: every member must). A side without a combinator is a
 * combination of one member, itself, shaped like the other side's.
 */
interface Combination {
  readonly keyword: Combinator | undefined;
  readonly shape: 'sum' | 'product';
  readonly members: readonly unknown[];
}

function shapeOf(keyword: Combinator): Combination['shape'] {
  return keyword === 'allOf' ? 'product' : 'sum';
}

function combinatorsIn(node: JsonSchema): Combinator[] {
  return COMBINATORS.filter(keyword => node[keyword] !== undefined);
}

/** Whether a node's combinator is one this module reads; false for several at once or a malformed one. */
function readable(node: JsonSchema): boolean {
  const present = combinatorsIn(node);
  return (
    present.length <= 1 &&
    present.every(keyword => Array.isArray(node[keyword]))
  );
}

export function hasCombinator(node: JsonSchema): boolean {
  return combinatorsIn(node).length > 0;
}

function combinationOf(node: JsonSchema): Combination | undefined {
  const [keyword] = combinatorsIn(node);
  return keyword
    ? { keyword, shape: shapeOf(keyword), members: node[keyword] as unknown[] }
    : undefined;
}

/** Among candidate comparisons, the one that keeps BACKWARD with the fewest other changes. */
function bestBackward(
  candidates: ReadonlyArray<{ index: number; changes: SchemaChange[] }>,
): { index: number; changes: SchemaChange[] } | undefined {
  const score = (changes: SchemaChange[]) =>
    changes.filter(change => !change.forward).length * 1000 + changes.length;
  return candidates
    .filter(candidate => candidate.changes.every(change => change.backward))
    .sort((a, b) => score(a.changes) - score(b.changes))[0];
}

/**
 * Pairs each of `coveredCount` members with the covering member whose
 * comparison is backward with the fewest changes, in order; `unused` are
 * the covering members no one needed.
 */
function coverMembers(
  coveredCount: number,
  coveringCount: number,
  changesOf: (covered: number, covering: number) => SchemaChange[],
): {
  outcomes: Array<{ index: number; changes?: SchemaChange[] }>;
  unused: number[];
} {
  const used = new Set<number>();
  const outcomes = Array.from({ length: coveredCount }, (_, index) => {
    const match = bestBackward(
      Array.from({ length: coveringCount }, (__, k) => ({
        index: k,
        changes: changesOf(index, k),
      })),
    );
    if (match) {
      used.add(match.index);
    }
    return { index, changes: match?.changes };
  });
  const unused = Array.from({ length: coveringCount }, (_, k) => k).filter(
    k => !used.has(k),
  );
  return { outcomes, unused };
}

function memberPath(pair: NodePair, side: Combination, index: number): string {
  return side.keyword ? `${pair.path}(${side.keyword}[${index}])` : pair.path;
}

function report(
  pair: NodePair,
  kind: SchemaChangeKind,
  path: string,
  subject: string,
  description: string,
) {
  pair.report(changeOf(kind, path, subject, description));
}

function describeMember(
  side: Combination,
  index: number,
  role: 'old' | 'new',
): string {
  return side.keyword
    ? `${role} ${side.keyword} member ${index}`
    : `the ${role} schema`;
}

/**
 * Whether the new combination accepts every document the old one did,
 * member by member (sufficient conditions, so "not shown" reads as breaking):
 * a sum's old members must each be accepted by some new member; a
 * product's new members must each accept everything some old member did.
 */
function compareMembers(
  pair: NodePair,
  before: Combination,
  after: Combination,
) {
  const newKeyword = after.keyword ?? before.keyword!;
  if (before.shape === after.shape) {
    // A sum's old members must each be accepted by a new one; a product's
    // new members must each be implied by an old one.
    const sum = before.shape === 'sum';
    const [covered, covering] = sum ? [before, after] : [after, before];
    const { outcomes, unused } = coverMembers(
      covered.members.length,
      covering.members.length,
      (c, k) => {
        const [oldIndex, newIndex] = sum ? [c, k] : [k, c];
        return pair.changesOf(
          before.members[oldIndex],
          after.members[newIndex],
          memberPath(pair, after, newIndex),
        );
      },
    );
    for (const { index, changes } of outcomes) {
      if (changes) {
        changes.forEach(pair.report);
      } else if (sum) {
        report(
          pair,
          'sum-member-removed',
          memberPath(pair, before, index),
          newKeyword,
          `no member of the new ${newKeyword} accepts every document ${describeMember(before, index, 'old')} accepted`,
        );
      } else {
        report(
          pair,
          'product-member-added',
          memberPath(pair, after, index),
          newKeyword,
          `${describeMember(after, index, 'new')} is a constraint no old member implied`,
        );
      }
    }
    for (const index of unused) {
      if (sum) {
        report(
          pair,
          'sum-member-added',
          memberPath(pair, after, index),
          newKeyword,
          `${describeMember(after, index, 'new')} added`,
        );
      } else if (before.keyword) {
        // A side without a combinator is its own member: what it dropped is
        // reported keyword by keyword already.
        report(
          pair,
          'product-member-removed',
          memberPath(pair, before, index),
          newKeyword,
          `${describeMember(before, index, 'old')} is no longer required`,
        );
      }
    }
    return;
  }
  if (before.shape === 'sum') {
    // Each old alternative must satisfy every new constraint.
    before.members.forEach(member =>
      after.members.forEach((constraint, j) =>
        pair.compare(member, constraint, memberPath(pair, after, j)),
      ),
    );
    return;
  }
  // Old documents satisfied every old member: one of them inside one new
  // alternative is enough.
  const match = bestBackward(
    before.members.flatMap((member, i) =>
      after.members.map((candidate, j) => ({
        index: i * after.members.length + j,
        changes: pair.changesOf(member, candidate, memberPath(pair, after, j)),
      })),
    ),
  );
  if (match) {
    match.changes.forEach(pair.report);
  } else {
    report(
      pair,
      'sum-member-removed',
      pair.path,
      newKeyword,
      `no member of the new ${newKeyword} accepts every document some old ${before.keyword} member accepted`,
    );
  }
}

function typesOverlap(a: unknown, b: unknown): boolean {
  if (a === false || b === false) {
    return false;
  }
  const left = isJsonObject(a) ? typesOf(a as JsonSchema) : undefined;
  const right = isJsonObject(b) ? typesOf(b as JsonSchema) : undefined;
  if (!left || !right) {
    return true;
  }
  const numeric = (type: string) => type === 'number' || type === 'integer';
  return left.some(
    type => right.includes(type) || (numeric(type) && right.some(numeric)),
  );
}

/**
 * A document valid under exactly one old member may match two new ones,
 * which `oneOf` refuses. Members that are unchanged from an old `oneOf`
 * never matched together; any other pair must have disjoint types.
 */
function checkOneOfOverlap(
  pair: NodePair,
  before: Combination,
  after: Combination,
) {
  const unchanged = (member: unknown) =>
    before.keyword === 'oneOf' &&
    before.members.some(old => sameJson(old, member));
  for (let i = 0; i < after.members.length; i += 1) {
    for (let j = i + 1; j < after.members.length; j += 1) {
      const [a, b] = [after.members[i], after.members[j]];
      if ((unchanged(a) && unchanged(b)) || !typesOverlap(a, b)) {
        continue;
      }
      report(
        pair,
        'keyword-not-analysed',
        pair.path,
        'oneOf',
        `oneOf members ${i} and ${j} may both match one document, which oneOf refuses; whether old documents still match exactly one is not analysed`,
      );
      return;
    }
  }
}

/**
 * When only the old node has a combinator, its members may carry what
 * the new node states at the top (`oneOf: [{type: string}]` becoming
 * `type: string`). This compares each old member with the whole new node
 * instead of keyword by keyword; the walker uses it when that shows
 * BACKWARD and the keyword comparison does not.
 */
export function compareMembersWithWholeNode(pair: NodePair): void {
  const before = combinationOf(pair.previous);
  if (!before || !readable(pair.previous)) {
    return;
  }
  report(
    pair,
    'combined-type-changed',
    pair.path,
    before.keyword!,
    `${before.keyword} replaced by a single schema; its members compared with it`,
  );
  compareMembers(pair, before, {
    keyword: undefined,
    shape: before.shape,
    members: [pair.next],
  });
}

/** `allOf`, `anyOf` and `oneOf`, member by member. */
export const combinatorKeywords: KeywordComparison = {
  name: 'combinators',
  // Not `wellFormed`: a combinator that is not a list is reported below,
  // with the case of several combinators side by side.
  keywords: COMBINATORS,
  compare(pair) {
    const { previous, next } = pair;
    if (!hasCombinator(previous) && !hasCombinator(next)) {
      return;
    }
    if (!readable(previous) || !readable(next)) {
      for (const keyword of COMBINATORS) {
        if (!sameJson(previous[keyword], next[keyword])) {
          report(
            pair,
            'keyword-not-analysed',
            pair.path,
            keyword,
            `"${keyword}" changed beside another combinator (or is not a list); not analysed`,
          );
        }
      }
      return;
    }
    const before = combinationOf(previous);
    const after = combinationOf(next);
    if (
      before &&
      after &&
      before.keyword === after.keyword &&
      sameJson(before.members, after.members)
    ) {
      return;
    }
    if (!after) {
      // Dropping a constraint only loosens.
      report(
        pair,
        'constraint-loosened',
        pair.path,
        before!.keyword!,
        `${before!.keyword} removed`,
      );
      return;
    }
    if (before && before.keyword !== after.keyword) {
      report(
        pair,
        'combined-type-changed',
        pair.path,
        after.keyword!,
        `${before.keyword} -> ${after.keyword}`,
      );
    }
    if (before?.keyword === 'oneOf' && after.keyword === 'oneOf') {
      report(
        pair,
        'one-of-members-changed',
        pair.path,
        'oneOf',
        'oneOf members changed: whether old readers accept every new document is not decided (one may match two old members)',
      );
    }
    compareMembers(
      pair,
      before ?? { keyword: undefined, shape: after.shape, members: [previous] },
      after,
    );
    if (after.keyword === 'oneOf') {
      checkOneOfOverlap(
        pair,
        before ?? { keyword: undefined, shape: 'sum', members: [previous] },
        after,
      );
    }
  },
};
