import { KeywordComparison, VALUE_SHAPES } from './keywordComparison';
import { acceptsAnything } from './annotations';
import { comparePresence } from './presence';

/**
 * `not`: the new schema accepts every old document when the new negated
 * schema accepts no more than the old one did, so the negated schemas are
 * compared the other way round (new as "before", old as "after"), and the
 * changes found there carry the right BACKWARD/FORWARD flags unchanged.
 */
export const notKeyword: KeywordComparison = {
  name: 'not',
  keywords: ['not'],
  wellFormed: { not: VALUE_SHAPES.schema },
  compare(pair) {
    const inverted = `${pair.path}(not)`;
    comparePresence(pair, {
      subject: 'not',
      read: node => ('not' in node ? node.not : undefined),
      added: after => (after === false ? undefined : 'constraint-tightened'),
      removed: before => (before === false ? undefined : 'constraint-loosened'),
      changed: (before, after) => {
        if (acceptsAnything(before) && acceptsAnything(after)) {
          return undefined;
        }
        pair.compare(after, before, inverted, change =>
          pair.report({
            ...change,
            description: `inside "not", read from new to old: ${change.description}`,
          }),
        );
        return undefined;
      },
    });
  },
};
