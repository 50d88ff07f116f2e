import { JsonSchema } from '../../schema/types';
import { acceptsAnything } from './annotations';
import { KeywordComparison, NodePair, VALUE_SHAPES } from './keywordComparison';
import { comparePresence } from './presence';

/** A schema that constrains something: `true` and `{}` read as absent. */
function constraining(value: unknown): unknown {
  return value === undefined || acceptsAnything(value) ? undefined : value;
}

/** What validates array positions from `start` on: with a tuple, `additionalItems`; else `items`. */
function beyondTuple(node: JsonSchema): unknown {
  return Array.isArray(node.items)
    ? (node.additionalItems ?? true)
    : (node.items ?? true);
}

function itemAt(node: JsonSchema, index: number): unknown {
  return Array.isArray(node.items) && index < node.items.length
    ? node.items[index]
    : beyondTuple(node);
}

/**
 * With a tuple on either side, each position is compared with whatever
 * validates that position on the other side (its tuple entry, or
 * `additionalItems`, or the one `items` schema), then the positions after
 * both tuples.
 */
function compareTuples(pair: NodePair) {
  const length = Math.max(
    Array.isArray(pair.previous.items) ? pair.previous.items.length : 0,
    Array.isArray(pair.next.items) ? pair.next.items.length : 0,
  );
  for (let index = 0; index < length; index += 1) {
    pair.compare(
      itemAt(pair.previous, index),
      itemAt(pair.next, index),
      `${pair.path}[${index}]`,
    );
  }
  pair.compare(
    beyondTuple(pair.previous),
    beyondTuple(pair.next),
    `${pair.path}[${length}:]`,
  );
}

function compareItemSchemas(pair: NodePair) {
  comparePresence(pair, {
    subject: 'items',
    read: node => constraining(node.items),
    added: () => ({
      kind: 'constraint-tightened',
      description: 'items schema added',
    }),
    removed: () => ({
      kind: 'constraint-loosened',
      description: 'items schema removed',
    }),
    changed: (before, after) => pair.compare(before, after, `${pair.path}[*]`),
  });
  // Without a tuple `additionalItems` has no effect, so comparing it can
  // only make a verdict stricter, never wrong; Confluent compares it too.
  comparePresence(pair, {
    subject: 'additionalItems',
    read: node => constraining(node.additionalItems),
    added: () => 'constraint-tightened',
    removed: () => 'constraint-loosened',
    changed: (before, after) =>
      pair.compare(before, after, `${pair.path}(additionalItems)`),
  });
}

/** `items` (one schema for every item, or a tuple) and `additionalItems`. */
export const itemKeywords: KeywordComparison = {
  name: 'items',
  keywords: ['items', 'additionalItems'],
  wellFormed: {
    items: value => VALUE_SHAPES.schema(value) || VALUE_SHAPES.list(value),
    additionalItems: VALUE_SHAPES.schema,
  },
  compare(pair) {
    if (Array.isArray(pair.previous.items) || Array.isArray(pair.next.items)) {
      compareTuples(pair);
    } else {
      compareItemSchemas(pair);
    }
  },
};
