import { JsonSchema } from '../../schema/types';
import {
  KeywordComparison,
  formatValue,
  sameJson,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence } from './presence';

/** The values `enum` and `const` together allow; undefined when neither is set. */
function allowedValues(node: JsonSchema): unknown[] | undefined {
  const listed = Array.isArray(node.enum) ? node.enum : undefined;
  if (!('const' in node)) {
    return listed;
  }
  return (listed ?? [node.const]).filter(value => sameJson(value, node.const));
}

function formatValues(values: unknown[]): string {
  return values.map(formatValue).join(', ');
}

/** `enum` and `const` (a one-value enum): values added loosen, removed tighten. */
export const enumKeywords: KeywordComparison = {
  name: 'enum',
  keywords: ['enum', 'const'],
  wellFormed: { enum: VALUE_SHAPES.list },
  compare(pair) {
    comparePresence(pair, {
      subject: 'enum',
      read: allowedValues,
      added: after => ({
        kind: 'enum-added',
        description: `enum [${formatValues(after)}] added`,
      }),
      removed: before => ({
        kind: 'enum-removed',
        description: `enum [${formatValues(before)}] removed`,
      }),
      changed: (before, after) => {
        const added = after.filter(a => !before.some(b => sameJson(a, b)));
        const removed = before.filter(b => !after.some(a => sameJson(a, b)));
        return [
          ...(added.length > 0
            ? [
                {
                  kind: 'enum-values-added' as const,
                  description: `enum values added: ${formatValues(added)}`,
                },
              ]
            : []),
          ...(removed.length > 0
            ? [
                {
                  kind: 'enum-values-removed' as const,
                  description: `enum values removed: ${formatValues(removed)}`,
                },
              ]
            : []),
        ];
      },
    });
  },
};
