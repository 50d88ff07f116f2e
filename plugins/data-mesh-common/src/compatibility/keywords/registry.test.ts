import { SchemaChange } from '../schemaChange';
import { NodePair } from './keywordComparison';
import { comparePresence } from './presence';
import {
  INTERPRETED_KEYWORDS,
  isInterpretedKeyword,
  KEYWORD_COMPARISONS,
} from './registry';

describe('keyword registry', () => {
  it('gives every keyword to exactly one module', () => {
    const claimed = KEYWORD_COMPARISONS.flatMap(module =>
      module.keywords.map(keyword => `${keyword} (${module.name})`),
    );
    const keywords = claimed.map(entry => entry.split(' ')[0]);
    expect(keywords.filter((k, i) => keywords.indexOf(k) !== i)).toEqual([]);
  });

  it('derives the interpreted keywords from the modules', () => {
    expect(INTERPRETED_KEYWORDS).toEqual(
      new Set(KEYWORD_COMPARISONS.flatMap(module => module.keywords)),
    );
    expect(isInterpretedKeyword('oneOf')).toBe(true);
    expect(isInterpretedKeyword('x-team')).toBe(true);
    expect(isInterpretedKeyword('prefixItems')).toBe(true);
    expect(isInterpretedKeyword('contentMediaType')).toBe(false);
  });
});

describe('comparePresence', () => {
  const pairOf = (previous: object, next: object, changes: SchemaChange[]) =>
    ({
      previous,
      next,
      path: '$.fee',
      report: (change: SchemaChange) => changes.push(change),
    }) as unknown as NodePair;
  const rules = {
    subject: 'maximum',
    read: (node: Record<string, unknown>) =>
      typeof node.maximum === 'number' ? node.maximum : undefined,
    added: () => 'constraint-tightened' as const,
    removed: () => 'constraint-loosened' as const,
    changed: (before: number, after: number) =>
      after > before ? ('constraint-loosened' as const) : undefined,
  };

  it.each<[string, object, object, string[]]>([
    ['absent on both sides', {}, {}, []],
    ['equal', { maximum: 5 }, { maximum: 5 }, []],
    ['added', {}, { maximum: 5 }, ['constraint-tightened: maximum 5 added']],
    ['removed', { maximum: 5 }, {}, ['constraint-loosened: maximum 5 removed']],
    [
      'changed',
      { maximum: 5 },
      { maximum: 9 },
      ['constraint-loosened: maximum 5 -> 9'],
    ],
    ['changed, nothing to report', { maximum: 9 }, { maximum: 5 }, []],
  ])('%s', (_label, previous, next, expected) => {
    const changes: SchemaChange[] = [];
    comparePresence(pairOf(previous, next, changes), rules);
    expect(changes.map(c => `${c.kind}: ${c.description}`)).toEqual(expected);
  });
});

describe('well-formed shapes', () => {
  it('are declared only for keywords their module interprets', () => {
    for (const module of KEYWORD_COMPARISONS) {
      expect(Object.keys(module.wellFormed ?? {})).toEqual(
        Object.keys(module.wellFormed ?? {}).filter(keyword =>
          module.keywords.includes(keyword),
        ),
      );
    }
  });
});
