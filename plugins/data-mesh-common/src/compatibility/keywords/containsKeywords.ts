import { JsonSchema } from '../../schema/types';
import { compareBound } from './boundKeywords';
import {
  acceptsTheSame,
  KeywordComparison,
  NodePair,
  numberOrUndefined,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence } from './presence';

function hasContains(node: JsonSchema): boolean {
  return Object.prototype.hasOwnProperty.call(node, 'contains');
}

/**
 * A changed `contains` schema is compared as a schema, even where
 * `minContains` is 0: draft 6 and 7 ignore `minContains` and still ask for
 * one match. Old documents keep their matches under a wider schema, but a
 * wider schema also counts more items against `maxContains`, so under a
 * new `maxContains` the two schemas must be shown to accept the same items.
 */
function compareContainsSchemas(
  pair: NodePair,
  before: unknown,
  after: unknown,
) {
  const path = `${pair.path}(contains)`;
  if (
    numberOrUndefined(pair.next.maxContains) !== undefined &&
    !acceptsTheSame(pair, before, after, path)
  ) {
    return {
      kind: 'keyword-not-analysed' as const,
      description:
        'contains changed under maxContains: the new schema may match more items of old documents than maxContains allows; not analysed',
    };
  }
  pair.compare(before, after, path);
  return undefined;
}

/**
 * `contains` with 2019-09's `minContains` (1 unless given) and
 * `maxContains`: adding `contains` tightens, removing it loosens; beside
 * `contains` on both sides the counts are bounds like any other. Without
 * `contains` the counts have no effect, so they are not compared.
 */
export const containsKeywords: KeywordComparison = {
  name: 'contains',
  keywords: ['contains', 'minContains', 'maxContains'],
  wellFormed: {
    contains: VALUE_SHAPES.schema,
    minContains: VALUE_SHAPES.number,
    maxContains: VALUE_SHAPES.number,
  },
  compare(pair) {
    comparePresence(pair, {
      subject: 'contains',
      read: node => (hasContains(node) ? node.contains : undefined),
      added: () => 'constraint-tightened',
      removed: () => 'constraint-loosened',
      changed: (before, after) => compareContainsSchemas(pair, before, after),
    });
    if (hasContains(pair.previous) && hasContains(pair.next)) {
      compareBound(
        pair,
        'minContains',
        false,
        node => numberOrUndefined(node.minContains) ?? 1,
      );
      compareBound(pair, 'maxContains', true);
    }
  },
};
