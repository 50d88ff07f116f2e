import {
  KeywordComparison,
  numberOrUndefined,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence, constraintPresence } from './presence';

/** Whether `value` is a whole multiple of `step`, tolerant of binary fractions (0.01, 0.001). */
function isWholeMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/**
 * `pattern` and `format`: added tightens, removed loosens, and a different
 * one is unrelated (whether one pattern's language contains another's is
 * not decided).
 */
export const stringKeywords: KeywordComparison = {
  name: 'strings',
  keywords: ['pattern', 'format'],
  wellFormed: { pattern: VALUE_SHAPES.string, format: VALUE_SHAPES.string },
  compare(pair) {
    for (const keyword of ['pattern', 'format']) {
      comparePresence(pair, {
        subject: keyword,
        read: node =>
          typeof node[keyword] === 'string'
            ? (node[keyword] as string)
            : undefined,
        added: () => 'constraint-tightened',
        removed: () => 'constraint-loosened',
        changed: () => 'constraint-changed',
      });
    }
  },
};

/** `multipleOf`: a divisor of the old step accepts more (0.01 → 0.001), a multiple of it fewer. */
export const multipleOfKeyword: KeywordComparison = {
  name: 'multipleOf',
  keywords: ['multipleOf'],
  wellFormed: { multipleOf: VALUE_SHAPES.number },
  compare(pair) {
    comparePresence(pair, {
      subject: 'multipleOf',
      read: node => numberOrUndefined(node.multipleOf),
      added: () => 'constraint-tightened',
      removed: () => 'constraint-loosened',
      changed: (before, after) => {
        if (isWholeMultiple(before, after)) {
          return 'constraint-loosened';
        }
        return isWholeMultiple(after, before)
          ? 'constraint-tightened'
          : 'constraint-changed';
      },
    });
  },
};

/** `uniqueItems`: `true` is the stricter; `false` means the same as absent. */
export const uniqueItemsKeyword: KeywordComparison = {
  name: 'uniqueItems',
  keywords: ['uniqueItems'],
  wellFormed: { uniqueItems: VALUE_SHAPES.boolean },
  compare(pair) {
    comparePresence(pair, {
      subject: 'uniqueItems',
      read: node => (node.uniqueItems === true ? true : undefined),
      ...constraintPresence('uniqueItems'),
      changed: () => undefined,
    });
  },
};
