import { annotationKeywords } from './annotations';
import { boundKeywords } from './boundKeywords';
import { combinatorKeywords } from './combinatorKeywords';
import { conditionalKeywords } from './conditionalKeywords';
import { containsKeywords } from './containsKeywords';
import { dependencyKeywords } from './dependencyKeywords';
import { enumKeywords } from './enumKeywords';
import { itemKeywords } from './itemKeywords';
import { KeywordComparison } from './keywordComparison';
import { notKeyword } from './notKeyword';
import { objectKeywords } from './objectKeywords';
import { propertyNamesKeyword } from './propertyNamesKeyword';
import { typeKeyword } from './typeKeyword';
import { unevaluatedKeywords } from './unevaluatedKeywords';
import {
  multipleOfKeyword,
  stringKeywords,
  uniqueItemsKeyword,
} from './valueKeywords';

/**
 * Every keyword module, in the order their changes are listed. `type`
 * comes first: below an incompatible type nothing else is comparable.
 */
export const KEYWORD_COMPARISONS: readonly KeywordComparison[] = [
  typeKeyword,
  enumKeywords,
  boundKeywords,
  stringKeywords,
  multipleOfKeyword,
  uniqueItemsKeyword,
  annotationKeywords,
  objectKeywords,
  propertyNamesKeyword,
  itemKeywords,
  containsKeywords,
  unevaluatedKeywords,
  combinatorKeywords,
  notKeyword,
  conditionalKeywords,
  dependencyKeywords,
];

/** The keywords some module interprets, derived from the modules themselves. */
export const INTERPRETED_KEYWORDS: ReadonlySet<string> = new Set(
  KEYWORD_COMPARISONS.flatMap(comparison => comparison.keywords),
);

const INTERPRETED_PREFIXES = KEYWORD_COMPARISONS.flatMap(
  comparison => comparison.keywordPrefixes ?? [],
);

/** Whether a keyword's changes are analysed; any other is reported as not analysed. */
export function isInterpretedKeyword(keyword: string): boolean {
  return (
    INTERPRETED_KEYWORDS.has(keyword) ||
    INTERPRETED_PREFIXES.some(prefix => keyword.startsWith(prefix))
  );
}
