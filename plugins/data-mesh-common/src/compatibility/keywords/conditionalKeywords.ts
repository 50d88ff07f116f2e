import { JsonSchema } from '../../schema/types';
import { acceptsAnything } from './annotations';
import {
  acceptsTheSame,
  KeywordComparison,
  sameShape,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence, constraintPresence } from './presence';

const CONDITIONAL_KEYWORDS = ['if', 'then', 'else'];

/** One side's `if`/`then`/`else`, an absent branch read as `true`. */
interface Conditional {
  readonly if: unknown;
  readonly then: unknown;
  readonly else: unknown;
}

/** Undefined where the node constrains nothing by it (no `if`, or no branch that constrains). */
function conditionalOf(node: JsonSchema): Conditional | undefined {
  if (!Object.prototype.hasOwnProperty.call(node, 'if')) {
    // `then` and `else` without `if` have no effect.
    return undefined;
  }
  const conditional = {
    if: node.if,
    then: node.then ?? true,
    else: node.else ?? true,
  };
  return acceptsAnything(conditional.then) && acceptsAnything(conditional.else)
    ? undefined
    : conditional;
}

/**
 * `if`/`then`/`else`: added tightens, removed loosens. With an `if` that
 * accepts the same documents on both sides each document meets the same
 * branch, so the branches are compared as schemas. A changed `if` moves
 * documents between branches: an old document that passed `then` may now
 * have to pass `else`, and which documents move depends on how the two
 * `if` schemas overlap, which is not decided; so that is not analysed.
 */
export const conditionalKeywords: KeywordComparison = {
  name: 'conditional',
  keywords: CONDITIONAL_KEYWORDS,
  wellFormed: sameShape(CONDITIONAL_KEYWORDS, VALUE_SHAPES.schema),
  compare(pair) {
    comparePresence(pair, {
      subject: 'if',
      read: conditionalOf,
      ...constraintPresence('if/then/else'),
      changed: (before, after) => {
        if (!acceptsTheSame(pair, before.if, after.if, `${pair.path}(if)`)) {
          return {
            kind: 'keyword-not-analysed',
            description:
              'the "if" schema changed, so documents may move between "then" and "else"; not analysed',
          };
        }
        pair.compare(before.then, after.then, `${pair.path}(then)`);
        pair.compare(before.else, after.else, `${pair.path}(else)`);
        return undefined;
      },
    });
  },
};
