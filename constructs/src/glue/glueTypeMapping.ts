import {
  checkName,
  columnNameFor,
  JsonSchema,
  RECURSIVE_REF_KEYWORD,
  typesOf,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { ValuePlan } from '../runtime/enrich/config';
import { arrayPlan, KEEP_PLAN, structPlan } from './valuePlans';

/**
 * A JSON Schema node's Glue type and how the handler converts its values.
 *
 * @public
 */
export interface GlueMapping {
  readonly glueType: string;
  readonly plan: ValuePlan;
}

const AS_JSON: GlueMapping = { glueType: 'string', plan: { kind: 'json' } };
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * Maps a JSON Schema node to a Glue (Hive) type; the table in
 * docs/constructs.md documents every rule:
 *
 * - string: `string`; `format: date-time` → `timestamp`, `format: date` → `date`
 * - integer: `int` when `minimum` and `maximum` fit 32 bits, else `bigint`
 * - number: `double` (JSON numbers are IEEE doubles on the wire already)
 * - boolean: `boolean`
 * - object with properties: `struct<...>`, recursively
 * - array: `array<items>`; without an item schema `array<string>` of JSON text
 * - a PII field that is hashed: `string`
 * - anything else (free-form objects, several non-null types, no type,
 *   a cut recursive `$ref`): `string` holding the value as JSON text
 *
 * `null` in a type list only makes the column nullable (every Glue column is).
 *
 * @param path - the field's dotted path as contracts write it (`legs[].account`).
 * @param hashedPaths - paths whose values are replaced by a keyed hash.
 * @public
 */
export function mapSchemaToGlue(
  schema: JsonSchema,
  path: string,
  hashedPaths: ReadonlySet<string>,
): GlueMapping {
  if (hashedPaths.has(path)) {
    return { glueType: 'string', plan: { kind: 'hash' } };
  }
  const types = (typesOf(schema) ?? []).filter(type => type !== 'null');
  if (schema[RECURSIVE_REF_KEYWORD] !== undefined || types.length !== 1) {
    return AS_JSON;
  }
  switch (types[0]) {
    case 'string':
      return mapString(schema);
    case 'integer':
      return { glueType: fitsInt(schema) ? 'int' : 'bigint', plan: KEEP_PLAN };
    case 'number':
      return { glueType: 'double', plan: KEEP_PLAN };
    case 'boolean':
      return { glueType: 'boolean', plan: KEEP_PLAN };
    case 'object':
      return mapObject(schema, path, hashedPaths);
    case 'array':
      return mapArray(schema, path, hashedPaths);
    default:
      return AS_JSON;
  }
}

/**
 * The column (or struct field) name of a property: snake_case, as Glue
 * lower-cases names and Athena needs no quoting for snake_case.
 *
 * @throws Error when no valid column name can be derived.
 * @public
 */
export function toColumnName(propertyName: string): string {
  const column = columnNameFor(propertyName);
  const problem = checkName('columnName', column);
  if (problem) {
    throw new Error(
      `Property "${propertyName}" cannot become a Glue column: ${problem}`,
    );
  }
  return column;
}

function mapString(schema: JsonSchema): GlueMapping {
  if (schema.format === 'date-time') {
    return { glueType: 'timestamp', plan: { kind: 'timestamp' } };
  }
  if (schema.format === 'date') {
    return { glueType: 'date', plan: KEEP_PLAN };
  }
  return { glueType: 'string', plan: KEEP_PLAN };
}

function fitsInt(schema: JsonSchema): boolean {
  const { minimum, maximum } = schema;
  return (
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    minimum >= INT_MIN &&
    maximum <= INT_MAX
  );
}

function mapObject(
  schema: JsonSchema,
  path: string,
  hashedPaths: ReadonlySet<string>,
): GlueMapping {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    return AS_JSON;
  }
  const fields = properties.map(([name, property]) => {
    const mapped = mapSchemaToGlue(property, `${path}.${name}`, hashedPaths);
    return { from: name, to: toColumnName(name), mapped };
  });
  const glueType = `struct<${fields
    .map(field => `${field.to}:${field.mapped.glueType}`)
    .join(',')}>`;
  const plan = structPlan(
    fields.map(field => ({
      from: field.from,
      to: field.to,
      plan: field.mapped.plan,
    })),
  );
  return { glueType, plan };
}

function mapArray(
  schema: JsonSchema,
  path: string,
  hashedPaths: ReadonlySet<string>,
): GlueMapping {
  const items = schema.items;
  if (!items || Array.isArray(items)) {
    return {
      glueType: 'array<string>',
      plan: { kind: 'array', items: { kind: 'json' } },
    };
  }
  const mapped = mapSchemaToGlue(items, `${path}[]`, hashedPaths);
  return {
    glueType: `array<${mapped.glueType}>`,
    plan: arrayPlan(mapped.plan),
  };
}
