/**
 * Cutting text to a size without splitting a character: a cut between the
 * two UTF-16 halves of a surrogate pair (an emoji, say) would leave a lone
 * surrogate, which is not a character and has no UTF-8 encoding.
 */

/** The largest cut at or before `length` that keeps surrogate pairs whole. */
function characterBoundary(text: string, length: number): number {
  if (length <= 0 || length >= text.length) {
    return Math.max(0, Math.min(length, text.length));
  }
  const before = text.charCodeAt(length - 1);
  const after = text.charCodeAt(length);
  const splitsPair =
    before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  return splitsPair ? length - 1 : length;
}

/** The text cut to at most `maxLength` UTF-16 units, marked with `…` when cut. */
export function cutText(text: string, maxLength: number): string {
  return text.length <= maxLength
    ? text
    : `${text.slice(0, characterBoundary(text, maxLength - 1))}…`;
}

/**
 * The longest prefix of the text, cut between characters, whose size by
 * `sizeOf` is within `maxSize`. `sizeOf` must grow with the prefix and
 * count every UTF-16 unit as at least 1 (UTF-8 bytes, or the bytes of the
 * JSON-escaped text, do), which bounds the search.
 */
export function longestPrefixWithin(
  text: string,
  maxSize: number,
  sizeOf: (prefix: string) => number,
): string {
  const prefixOf = (length: number) =>
    text.slice(0, characterBoundary(text, length));
  // Binary search for the longest fitting length: O(log n) measurements.
  let fits = 0;
  let tooLong = Math.min(text.length, Math.max(0, Math.floor(maxSize))) + 1;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (sizeOf(prefixOf(middle)) <= maxSize) {
      fits = middle;
    } else {
      tooLong = middle;
    }
  }
  return prefixOf(fits);
}
