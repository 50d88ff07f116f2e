import {
  KeywordComparison,
  NodePair,
  numberOrUndefined,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence } from './presence';

const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'];
const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'];

function compareBound(pair: NodePair, keyword: string, isUpper: boolean) {
  comparePresence(pair, {
    subject: keyword,
    read: node => numberOrUndefined(node[keyword]),
    added: () => 'constraint-tightened',
    removed: () => 'constraint-loosened',
    changed: (before, after) =>
      (isUpper ? after > before : after < before)
        ? 'constraint-loosened'
        : 'constraint-tightened',
  });
}

/** Draft 4's boolean exclusive bounds: `true` is the stricter. */
function compareExclusiveFlag(pair: NodePair, keyword: string) {
  comparePresence(pair, {
    subject: keyword,
    read: node => (node[keyword] === true ? true : undefined),
    added: () => ({
      kind: 'constraint-tightened',
      description: `${keyword} added`,
    }),
    removed: () => ({
      kind: 'constraint-loosened',
      description: `${keyword} removed`,
    }),
    changed: () => undefined,
  });
}

/**
 * Numeric, length, item-count and property-count bounds; a bound moving
 * outwards loosens. `exclusiveMaximum`/`exclusiveMinimum` are numbers
 * from draft 6 and flags beside `maximum`/`minimum` in draft 4.
 */
export const boundKeywords: KeywordComparison = {
  name: 'bounds',
  keywords: [
    ...UPPER_BOUNDS,
    ...LOWER_BOUNDS,
    'exclusiveMaximum',
    'exclusiveMinimum',
  ],
  wellFormed: {
    ...Object.fromEntries(
      [...UPPER_BOUNDS, ...LOWER_BOUNDS].map(keyword => [
        keyword,
        VALUE_SHAPES.number,
      ]),
    ),
    exclusiveMaximum: value =>
      VALUE_SHAPES.number(value) || VALUE_SHAPES.boolean(value),
    exclusiveMinimum: value =>
      VALUE_SHAPES.number(value) || VALUE_SHAPES.boolean(value),
  },
  compare(pair) {
    UPPER_BOUNDS.forEach(keyword => compareBound(pair, keyword, true));
    LOWER_BOUNDS.forEach(keyword => compareBound(pair, keyword, false));
    compareBound(pair, 'exclusiveMaximum', true);
    compareBound(pair, 'exclusiveMinimum', false);
    compareExclusiveFlag(pair, 'exclusiveMaximum');
    compareExclusiveFlag(pair, 'exclusiveMinimum');
  },
};
