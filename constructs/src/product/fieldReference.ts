/**
 * How a contract's field path (`merchant.countryCode`, `legs[].amount`)
 * reads in Athena SQL over the product's table. A contract names JSON
 * properties; the table holds them under the Glue names the enrichment
 * function wrote (`toColumnName` of every segment), and each name is
 * quoted, so a field called `order` or `group` stays a column, never a
 * keyword.
 */
import { quoteIdentifier } from '@financial-data-mesh/plugin-data-mesh-common';
import { toColumnName } from '../glue/glueTypeMapping';

const INTO_ARRAY = '[]';

/** True when the path goes into an array: `legs[].amount`, `reason_codes[]`. */
export function isInsideArray(path: string): boolean {
  return path.includes(INTO_ARRAY);
}

/**
 * The paths a field lies inside, named as the Glue mapping names them when
 * it decides what to hash: `a.b[].c` → `a`, `a.b`, `a.b[]`.
 */
export function enclosingPaths(path: string): string[] {
  const paths: string[] = [];
  let prefix = '';
  for (const segment of path.split('.')) {
    const intoArray = segment.endsWith(INTO_ARRAY);
    const property = intoArray ? segment.slice(0, -INTO_ARRAY.length) : segment;
    prefix = prefix ? `${prefix}.${property}` : property;
    paths.push(prefix);
    if (intoArray) {
      prefix = `${prefix}${INTO_ARRAY}`;
      paths.push(prefix);
    }
  }
  // The last one is the field itself.
  paths.pop();
  return paths;
}

/**
 * The value of a field outside arrays: its column, then struct field
 * access, `merchant.countryCode` → `"merchant"."country_code"`.
 *
 * @throws Error for a path into an array, which has one value per element.
 */
export function columnReference(path: string): string {
  if (isInsideArray(path)) {
    throw new Error(
      `${path} is inside an array: it has a value per element, not per row`,
    );
  }
  return fieldAccess(undefined, path);
}

/**
 * A condition that is true for a row when `test` is true of the field's
 * value or, on a path into arrays, of any element's value:
 * `legs[].amount` → `cardinality(filter("legs", element1 → <test of element1."amount">)) > 0`.
 * A null or empty array has no element, so nothing to match. Written with
 * `filter` and `cardinality` rather than Trino's `any_match`: DuckDB, which
 * runs these queries in the local tests, has `filter` and takes
 * `cardinality` as a one-line macro, but has no `any_match`.
 */
export function anyValueMatches(
  path: string,
  test: (value: string) => string,
): string {
  // `legs[].fees[].amount` -> `legs`, `.fees`, `.amount`: a row's value, then each element's.
  const [first, ...inElements] = path.split(INTO_ARRAY);
  const matches = (
    value: string,
    rest: readonly string[],
    depth: number,
  ): string => {
    if (rest.length === 0) {
      return test(value);
    }
    // A variable per array level, so an inner lambda still reaches its own element.
    const element = `element${depth}`;
    const inner = matches(
      fieldAccess(element, rest[0]),
      rest.slice(1),
      depth + 1,
    );
    return `cardinality(filter(${value}, ${element} -> ${inner})) > 0`;
  };
  return matches(fieldAccess(undefined, first), inElements, 1);
}

/** `base` (a lambda variable, or the row when undefined) followed by the quoted Glue names of a dotted path. */
function fieldAccess(base: string | undefined, dottedPath: string): string {
  const names = dottedPath
    .split('.')
    .filter(property => property !== '')
    .map(property => quoteIdentifier(toColumnName(property)));
  return (base === undefined ? names : [base, ...names]).join('.');
}
