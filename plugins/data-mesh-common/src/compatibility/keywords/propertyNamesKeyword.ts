import { KeywordComparison, VALUE_SHAPES } from './keywordComparison';
import { compareSubschemaKeyword } from './presence';

/**
 * `propertyNames`: every property name must pass its schema, so the old
 * and new schemas are compared as schemas of names; adding one tightens,
 * removing one loosens. Names are always strings, which the comparison
 * does not know: `{maxLength: 8}` becoming `{type: string, maxLength: 8}`
 * reads as narrowed, stricter than needed.
 */
export const propertyNamesKeyword: KeywordComparison = {
  name: 'propertyNames',
  keywords: ['propertyNames'],
  wellFormed: { propertyNames: VALUE_SHAPES.schema },
  compare(pair) {
    compareSubschemaKeyword(
      pair,
      'propertyNames',
      node => node.propertyNames,
      `${pair.path}(propertyNames)`,
    );
  },
};
