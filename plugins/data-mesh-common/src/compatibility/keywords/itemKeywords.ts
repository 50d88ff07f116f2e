import { JsonSchema } from '../../schema/types';
import {
  changeOf,
  KeywordComparison,
  NodePair,
  sameJson,
  VALUE_SHAPES,
} from './keywordComparison';
import { compareSubschemaKeyword } from './presence';
import { unevaluatedSchema } from './unevaluatedKeywords';

const ITEM_KEYWORDS = ['items', 'additionalItems', 'prefixItems'];

/**
 * How a node lays out array positions: a tuple of leading positions, if
 * any, and the schema of every position after it. Draft 4 to 2019-09 write
 * the tuple as `items: [...]` and the rest as `additionalItems`; 2020-12
 * writes `prefixItems: [...]` and the rest as `items`. Without a tuple the
 * one `items` schema covers every position. Where the node names no rest,
 * `unevaluatedItems` covers it when it means the same.
 */
interface ArrayLayout {
  readonly tuple?: readonly unknown[];
  readonly rest: unknown;
}

function layoutOf(node: JsonSchema): ArrayLayout {
  const unevaluated = unevaluatedSchema(node, 'unevaluatedItems');
  if (Array.isArray(node.prefixItems)) {
    return { tuple: node.prefixItems, rest: node.items ?? unevaluated ?? true };
  }
  if (Array.isArray(node.items)) {
    return {
      tuple: node.items,
      rest: node.additionalItems ?? unevaluated ?? true,
    };
  }
  return { rest: node.items ?? unevaluated ?? true };
}

/** `prefixItems` beside a list `items`: neither draft gives both a meaning. */
function mixesTupleForms(node: JsonSchema): boolean {
  return Array.isArray(node.prefixItems) && Array.isArray(node.items);
}

function itemAt(layout: ArrayLayout, index: number): unknown {
  return layout.tuple && index < layout.tuple.length
    ? layout.tuple[index]
    : layout.rest;
}

/**
 * With a tuple on either side, each position is compared with whatever
 * validates that position on the other side (its tuple entry, or the
 * schema of the rest), then the positions after both tuples.
 */
function compareTuples(
  pair: NodePair,
  before: ArrayLayout,
  after: ArrayLayout,
) {
  const length = Math.max(before.tuple?.length ?? 0, after.tuple?.length ?? 0);
  for (let index = 0; index < length; index += 1) {
    pair.compare(
      itemAt(before, index),
      itemAt(after, index),
      `${pair.path}[${index}]`,
    );
  }
  pair.compare(before.rest, after.rest, `${pair.path}[${length}:]`);
}

function compareItemSchemas(pair: NodePair) {
  compareSubschemaKeyword(
    pair,
    'items',
    node => layoutOf(node).rest,
    `${pair.path}[*]`,
  );
  // Without a tuple `additionalItems` has no effect, so comparing it can
  // only make a verdict stricter, never wrong; Confluent compares it too.
  compareSubschemaKeyword(
    pair,
    'additionalItems',
    node => node.additionalItems,
    `${pair.path}(additionalItems)`,
  );
}

/**
 * `items` (one schema for every item, or a tuple), `additionalItems` and
 * 2020-12 `prefixItems`, read through one layout so that both tuple forms
 * share one comparison.
 */
export const itemKeywords: KeywordComparison = {
  name: 'items',
  keywords: ITEM_KEYWORDS,
  wellFormed: {
    items: value => VALUE_SHAPES.schema(value) || VALUE_SHAPES.list(value),
    additionalItems: VALUE_SHAPES.schema,
    prefixItems: VALUE_SHAPES.list,
  },
  compare(pair) {
    const { previous, next } = pair;
    if (mixesTupleForms(previous) || mixesTupleForms(next)) {
      for (const keyword of ITEM_KEYWORDS) {
        if (!sameJson(previous[keyword], next[keyword])) {
          pair.report(
            changeOf(
              'keyword-not-analysed',
              pair.path,
              keyword,
              `"${keyword}" changed where prefixItems stands beside a list "items", which no draft gives a meaning; not analysed`,
            ),
          );
        }
      }
      return;
    }
    const before = layoutOf(previous);
    const after = layoutOf(next);
    if (before.tuple || after.tuple) {
      compareTuples(pair, before, after);
    } else {
      compareItemSchemas(pair);
    }
  },
};
