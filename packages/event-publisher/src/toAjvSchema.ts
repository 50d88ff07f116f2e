// A one-line guard kept here rather than imported from the common package:
// producers install this package alone, without the contract tooling.
const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const SCHEMA_MAP_KEYWORDS = [
  'properties',
  'patternProperties',
  'definitions',
] as const;
const SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'not'] as const;
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'items'] as const;

/**
 * Rewrites a draft-04 schema (what contracts are written in and the registry
 * stores) into the draft-07 dialect ajv 8 compiles, so the handler needs no
 * draft-04 meta-schema: boolean `exclusiveMinimum`/`exclusiveMaximum` become
 * numbers, `id` becomes `$id`, `$schema` goes. Everything else is the same
 * in both drafts, so validation results are unchanged.
 *
 * @public
 */
export function toAjvSchema(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  const { $schema: _dialect, id, ...rest } = schema;
  const copy: Record<string, unknown> = { ...rest };
  if (typeof id === 'string') {
    copy.$id = id;
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof copy[flag] === 'boolean') {
      if (copy[flag] === true && typeof copy[bound] === 'number') {
        copy[flag] = copy[bound];
        delete copy[bound];
      } else {
        delete copy[flag];
      }
    }
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = copy[keyword];
    if (isJsonObject(map)) {
      copy[keyword] = Object.fromEntries(
        Object.entries(map).map(([name, child]) => [
          name,
          isJsonObject(child) ? toAjvSchema(child) : child,
        ]),
      );
    }
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    const child = copy[keyword];
    if (isJsonObject(child)) {
      copy[keyword] = toAjvSchema(child);
    }
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = copy[keyword];
    if (Array.isArray(list)) {
      copy[keyword] = list.map(child =>
        isJsonObject(child) ? toAjvSchema(child) : child,
      );
    }
  }
  return copy;
}
