import { isJsonObject } from '../../schema/types';
import {
  KeywordComparison,
  NodePair,
  formatValue,
  sameShape,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence } from './presence';

const DEPENDENCY_KEYWORDS = [
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
];

function entryOf(value: unknown, name: string): unknown {
  return isJsonObject(value) &&
    Object.prototype.hasOwnProperty.call(value, name)
    ? value[name]
    : undefined;
}

/**
 * One dependency keyword's entries, by property name: an entry applies
 * only to objects holding that property, so adding one tightens, removing
 * one loosens, and a changed one is compared as what it is (a list of
 * further required properties, or a schema for the whole object).
 */
function compareDependencies(pair: NodePair, keyword: string) {
  const names = new Set(
    [pair.previous[keyword], pair.next[keyword]].flatMap(value =>
      isJsonObject(value) ? Object.keys(value) : [],
    ),
  );
  for (const name of names) {
    const what = `${keyword} of "${name}"`;
    comparePresence(pair, {
      subject: keyword,
      read: node => entryOf(node[keyword], name),
      added: after => ({
        kind: 'constraint-tightened',
        description: `${what} added: ${formatValue(after)}`,
      }),
      removed: () => ({
        kind: 'constraint-loosened',
        description: `${what} removed`,
      }),
      changed: (before, after) => {
        if (Array.isArray(before) && Array.isArray(after)) {
          const added = after.filter(n => !before.includes(n));
          const removed = before.filter(o => !after.includes(o));
          return [
            ...(added.length > 0
              ? [
                  {
                    kind: 'constraint-tightened' as const,
                    description: `${what} now also requires ${formatValue(added)}`,
                  },
                ]
              : []),
            ...(removed.length > 0
              ? [
                  {
                    kind: 'constraint-loosened' as const,
                    description: `${what} no longer requires ${formatValue(removed)}`,
                  },
                ]
              : []),
          ];
        }
        if (!Array.isArray(before) && !Array.isArray(after)) {
          pair.compare(before, after, `${pair.path}(${keyword}.${name})`);
          return undefined;
        }
        return {
          kind: 'keyword-not-analysed',
          description: `${what} changed between a property list and a schema; not analysed`,
        };
      },
    });
  }
}

/** Draft 4-7 `dependencies` and their 2019-09 split into `dependentRequired` and `dependentSchemas`. */
export const dependencyKeywords: KeywordComparison = {
  name: 'dependencies',
  keywords: DEPENDENCY_KEYWORDS,
  wellFormed: sameShape(DEPENDENCY_KEYWORDS, VALUE_SHAPES.object),
  compare(pair) {
    for (const keyword of DEPENDENCY_KEYWORDS) {
      compareDependencies(pair, keyword);
    }
  },
};
