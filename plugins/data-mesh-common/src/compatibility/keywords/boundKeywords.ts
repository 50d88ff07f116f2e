import { JsonSchema } from '../../schema/types';
import {
  KeywordComparison,
  NodePair,
  numberOrUndefined,
  sameShape,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence, constraintPresence } from './presence';

const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'];
const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'];

/**
 * One bound: added tightens, removed loosens, moved outwards loosens.
 * `read` gives its value where it is not simply the keyword's (a default).
 */
export function compareBound(
  pair: NodePair,
  keyword: string,
  isUpper: boolean,
  read: (node: JsonSchema) => number | undefined = node =>
    numberOrUndefined(node[keyword]),
) {
  comparePresence(pair, {
    subject: keyword,
    read,
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
    ...constraintPresence(keyword),
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
    ...sameShape([...UPPER_BOUNDS, ...LOWER_BOUNDS], VALUE_SHAPES.number),
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
