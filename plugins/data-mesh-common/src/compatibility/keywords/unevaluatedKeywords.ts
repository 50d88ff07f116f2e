import { JsonSchema } from '../../schema/types';
import { RECURSIVE_REF_KEYWORD } from '../../schema/resolveRefs';
import { constraining } from './annotations';
import {
  changeOf,
  KeywordComparison,
  sameJson,
  sameShape,
  VALUE_SHAPES,
} from './keywordComparison';

const UNEVALUATED_KEYWORDS = [
  'unevaluatedProperties',
  'unevaluatedItems',
] as const;
type UnevaluatedKeyword = (typeof UNEVALUATED_KEYWORDS)[number];

/**
 * Keywords whose subschemas apply to the same instance and so may mark
 * properties or items as evaluated: the in-place applicators, a `$ref` not
 * resolved (or cut as recursive), and, for items, `contains`. `then`/`else`
 * without `if` and `dependencies` lists evaluate nothing, but counting them
 * only makes the answer stricter. `not` is left out: its subschema must
 * fail, and a failed subschema evaluates nothing.
 */
const IN_PLACE_APPLICATORS = [
  'allOf',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  RECURSIVE_REF_KEYWORD,
];
const EVALUATED_ELSEWHERE_BY: Readonly<
  Record<UnevaluatedKeyword, readonly string[]>
> = {
  unevaluatedProperties: IN_PLACE_APPLICATORS,
  unevaluatedItems: [...IN_PLACE_APPLICATORS, 'contains'],
};

function evaluatedElsewhere(
  node: JsonSchema,
  keyword: UnevaluatedKeyword,
): boolean {
  return EVALUATED_ELSEWHERE_BY[keyword].some(applicator =>
    Object.prototype.hasOwnProperty.call(node, applicator),
  );
}

/**
 * The schema `unevaluatedProperties` / `unevaluatedItems` gives what the
 * node's own keywords leave uncovered, where it means exactly what
 * `additionalProperties` / `additionalItems` (or, without a tuple, `items`)
 * would: when no other keyword at the node evaluates anything. Undefined
 * otherwise, or when the keyword is absent; callers use it only where the
 * node has no such keyword of its own (then it is inert).
 */
export function unevaluatedSchema(
  node: JsonSchema,
  keyword: UnevaluatedKeyword,
): unknown {
  return evaluatedElsewhere(node, keyword) ? undefined : node[keyword];
}

/**
 * Where nothing else evaluates, the object and item modules read these
 * keywords (through {@link unevaluatedSchema}). Beside an applicator what
 * they cover depends on which subschemas matched, which a change anywhere
 * below the node can move, so any change to such a node is not analysed.
 */
export const unevaluatedKeywords: KeywordComparison = {
  name: 'unevaluated',
  keywords: UNEVALUATED_KEYWORDS,
  wellFormed: sameShape(UNEVALUATED_KEYWORDS, VALUE_SHAPES.schema),
  compare(pair) {
    const { previous, next } = pair;
    for (const keyword of UNEVALUATED_KEYWORDS) {
      const opaque = [previous, next].some(
        node =>
          constraining(node[keyword]) !== undefined &&
          evaluatedElsewhere(node, keyword),
      );
      if (opaque && !sameJson(previous, next)) {
        pair.report(
          changeOf(
            'keyword-not-analysed',
            pair.path,
            keyword,
            `"${keyword}" stands beside keywords whose subschemas may evaluate ${keyword === 'unevaluatedItems' ? 'items' : 'properties'}, so what it covers depends on which of them match; changes to this schema are not analysed`,
          ),
        );
      }
    }
  },
};
