import { cutText, longestPrefixWithin } from './truncateText';

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('cutting text', () => {
  it('cuts to a length, marked, never between the halves of a surrogate pair', () => {
    expect(cutText('abcdef', 10)).toBe('abcdef');
    expect(cutText('abcdef', 4)).toBe('abc…');
    expect(cutText('ab😀cd', 4)).toBe('ab…');
    expect(cutText('ab😀cd', 5)).toBe('ab😀…');
  });

  it.each([
    ['ASCII', 'abcdefghij', 4, 'abcd'],
    ['2-byte characters', 'éééé', 5, 'éé'],
    ['3-byte characters', '€€€€', 8, '€€'],
    ['4-byte characters', '😀😀😀', 11, '😀😀'],
    ['a text that fits', 'a€😀', 100, 'a€😀'],
    ['no room', '€', 2, ''],
  ])(
    'finds the longest prefix within a byte size: %s',
    (_label, text, max, prefix) => {
      expect(longestPrefixWithin(text, max, utf8Bytes)).toBe(prefix);
    },
  );
});
