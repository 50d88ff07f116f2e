import {
  anyValueMatches,
  columnReference,
  enclosingPaths,
  isInsideArray,
} from './fieldReference';

describe('field paths in Athena SQL', () => {
  it('reads a field outside arrays as its quoted Glue column and struct fields', () => {
    expect(columnReference('order')).toBe('"order"');
    expect(columnReference('merchant.countryCode')).toBe(
      '"merchant"."country_code"',
    );
    expect(columnReference('settlement-ref')).toBe('"settlement_ref"');
    expect(() => columnReference('legs[].amount')).toThrow(
      'legs[].amount is inside an array',
    );
  });

  it('tests the elements of arrays, one lambda variable per level', () => {
    const isNull = (value: string) => `${value} IS NULL`;
    expect(anyValueMatches('merchant.countryCode', isNull)).toBe(
      '"merchant"."country_code" IS NULL',
    );
    expect(anyValueMatches('tags[]', isNull)).toBe(
      'cardinality(filter("tags", element1 -> element1 IS NULL)) > 0',
    );
    expect(anyValueMatches('legs[].fees[].feeAmount', isNull)).toBe(
      'cardinality(filter("legs", element1 -> cardinality(filter(element1."fees", element2 -> element2."fee_amount" IS NULL)) > 0)) > 0',
    );
  });

  it('names the paths a field lies inside as the Glue mapping does', () => {
    expect(enclosingPaths('order')).toEqual([]);
    expect(enclosingPaths('tags[]')).toEqual(['tags']);
    expect(enclosingPaths('a.b[].c')).toEqual(['a', 'a.b', 'a.b[]']);
    expect(isInsideArray('a.b[].c')).toBe(true);
    expect(isInsideArray('a.b')).toBe(false);
  });
});
