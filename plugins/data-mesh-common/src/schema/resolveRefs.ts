import { isJsonObject, JsonSchema, SchemaFormatError } from './types';

/** Marks where a recursive `$ref` was cut instead of being expanded forever. */
export const RECURSIVE_REF_KEYWORD = 'x-datamesh-recursive-ref';

/**
 * Returns a copy of `node` with every local `$ref` (`#/...`) replaced by the
 * schema it points to inside `document`, recursively.
 *
 * A reference that is part of a cycle is not expanded a second time: it
 * becomes `{ type: 'object', 'x-datamesh-recursive-ref': '<ref>' }`, so the
 * result is always finite. External references (URLs, other files) are
 * rejected: registry content must be self-contained.
 *
 * @param pointer - where `node` sits in `document`, for error messages.
 */
export function resolveLocalRefs(
  document: unknown,
  node: unknown,
  pointer = '#',
): JsonSchema {
  const resolved = resolve(document, node, pointer, []);
  if (!isJsonObject(resolved)) {
    throw new SchemaFormatError('expected a schema object', pointer);
  }
  return resolved as JsonSchema;
}

function resolve(
  document: unknown,
  node: unknown,
  pointer: string,
  stack: string[],
): unknown {
  if (Array.isArray(node)) {
    return node.map((item, index) =>
      resolve(document, item, `${pointer}/${index}`, stack),
    );
  }
  if (!isJsonObject(node)) {
    return node;
  }
  const ref = node.$ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith('#')) {
      throw new SchemaFormatError(
        `external $ref "${ref}" is not supported; registry schemas must be self-contained`,
        pointer,
      );
    }
    if (stack.includes(ref)) {
      return { type: 'object', [RECURSIVE_REF_KEYWORD]: ref };
    }
    const target = followPointer(document, ref, pointer);
    const { $ref: _ignored, ...siblings } = node;
    const expanded = resolve(document, target, ref, [...stack, ref]);
    // Keywords beside a $ref (OpenAPI descriptions, mostly) are kept on top.
    return Object.keys(siblings).length > 0 && isJsonObject(expanded)
      ? {
          ...expanded,
          ...(resolve(document, siblings, pointer, stack) as object),
        }
      : expanded;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = resolve(
      document,
      value,
      `${pointer}/${escapePointer(key)}`,
      stack,
    );
  }
  return copy;
}

/** Resolves a JSON pointer such as `#/components/schemas/Trade` against a document. */
export function followPointer(
  document: unknown,
  ref: string,
  from = '#',
): unknown {
  const segments = ref
    .slice(1)
    .split('/')
    .filter((segment, index) => !(index === 0 && segment === ''))
    .map(segment =>
      decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'),
    );
  let current: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      current = current[Number(segment)];
    } else if (
      isJsonObject(current) &&
      Object.prototype.hasOwnProperty.call(current, segment)
    ) {
      current = current[segment];
    } else {
      throw new SchemaFormatError(
        `$ref "${ref}" points to nothing in the document`,
        from,
      );
    }
  }
  return current;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
