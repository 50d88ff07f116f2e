import { isJsonObject, JsonSchema, SchemaFormatError } from './types';

/**
 * Marks where a recursive `$ref` was cut instead of being expanded forever.
 *
 * @public
 */
export const RECURSIVE_REF_KEYWORD = 'x-datamesh-recursive-ref';

/**
 * How much work reading one schema may take. Registry content comes from
 * anyone who can write to a registry, so every bound is enforced per schema
 * and crossing one fails that schema with a {@link SchemaFormatError} naming
 * the limit, never the process.
 * @public
 */
export interface SchemaReadLimits {
  /**
   * The most JSON values (objects, arrays and scalars) the resolved schema
   * may hold, counted as if every shared `$ref` target were copied at each
   * use. This bounds any walk of the result, not just resolution.
   * @defaultValue 100000 - the sample schemas hold at most about 200 values,
   * so large real schemas have room; a 2 KB `$ref` fan-out (each
   * definition using the next twice) is refused from about 13 levels.
   */
  readonly maxNodes: number;
  /**
   * The deepest nesting of JSON values in the resolved schema.
   * @defaultValue 256 - real event schemas nest fewer than 20 levels; recursive
   * walks of the result (field listing, diff, JSON serialisation) use a few
   * stack frames per level, and Node's default stack overflows near 2,000
   * levels of the simplest of them, so 256 leaves a wide margin.
   */
  readonly maxDepth: number;
  /**
   * Wall-clock time resolution may take, checked every 1,024 values.
   * @defaultValue 250 - a backstop for a starved CPU: `maxNodes` keeps the
   * normal cost at a few milliseconds.
   */
  readonly maxMilliseconds: number;
}

export const DEFAULT_SCHEMA_READ_LIMITS: SchemaReadLimits = {
  maxNodes: 100_000,
  maxDepth: 256,
  maxMilliseconds: 250,
};

/** A resolved `$ref` target, with its size and height as a tree. */
interface SharedExpansion {
  readonly value: unknown;
  readonly nodes: number;
  readonly height: number;
}

/** The state of resolving one schema: budgets spent, shared expansions. */
class Expansion {
  private readonly document: unknown;
  private readonly limits: SchemaReadLimits;
  private readonly deadline: number;
  private readonly shared = new Map<string, SharedExpansion>();
  /** The refs being expanded, outermost first: a ref met again is a cycle. */
  private readonly refStack: string[] = [];
  /** Values in the result, counted as a tree. */
  private nodes = 0;
  /** Values actually built, for the periodic clock check. */
  private work = 0;
  /** The deepest level reached, for the height of a shared expansion. */
  private deepest = 0;
  /** Recursion markers made so far: an expansion that made none is sharable. */
  private cycleCuts = 0;

  constructor(document: unknown, limits: SchemaReadLimits) {
    this.document = document;
    this.limits = limits;
    this.deadline = Date.now() + limits.maxMilliseconds;
  }

  resolve(node: unknown, pointer: string, depth: number): unknown {
    this.enter(depth, 1, pointer);
    if (Array.isArray(node)) {
      return node.map((item, index) =>
        this.resolve(item, `${pointer}/${index}`, depth + 1),
      );
    }
    if (!isJsonObject(node)) {
      return node;
    }
    const ref = node.$ref;
    if (typeof ref === 'string') {
      // The $ref object itself is replaced, not kept: uncount it.
      this.nodes -= 1;
      return this.resolveRef(node, ref, pointer, depth);
    }
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] = this.resolve(
        value,
        `${pointer}/${escapePointer(key)}`,
        depth + 1,
      );
    }
    return copy;
  }

  private resolveRef(
    node: Record<string, unknown>,
    ref: string,
    pointer: string,
    depth: number,
  ): unknown {
    if (!ref.startsWith('#')) {
      throw new SchemaFormatError(
        `external $ref "${ref}" is not supported; registry schemas must be self-contained`,
        pointer,
      );
    }
    let expanded: unknown;
    if (this.refStack.includes(ref)) {
      this.enter(depth, 3, pointer);
      this.cycleCuts += 1;
      expanded = { type: 'object', [RECURSIVE_REF_KEYWORD]: ref };
    } else {
      expanded = this.expandShared(ref, pointer, depth);
    }
    const { $ref: _ignored, ...siblings } = node;
    if (Object.keys(siblings).length === 0 || !isJsonObject(expanded)) {
      return expanded;
    }
    // Keywords beside a $ref (OpenAPI descriptions, mostly) are kept on
    // top. Overridden keywords stay counted: the count is an upper bound.
    const resolvedSiblings = this.resolve(siblings, pointer, depth) as object;
    this.nodes -= 1;
    return { ...expanded, ...resolvedSiblings };
  }

  /** The expansion of `ref`'s target, built once when it cuts no cycle. */
  private expandShared(ref: string, pointer: string, depth: number): unknown {
    const known = this.shared.get(ref);
    if (known) {
      this.enter(depth + known.height, known.nodes, pointer);
      return known.value;
    }
    const target = followPointer(this.document, ref, pointer);
    const nodesBefore = this.nodes;
    const cutsBefore = this.cycleCuts;
    const deepestBefore = this.deepest;
    this.deepest = depth;
    this.refStack.push(ref);
    let value: unknown;
    try {
      value = this.resolve(target, ref, depth);
    } finally {
      this.refStack.pop();
    }
    const height = this.deepest - depth;
    this.deepest = Math.max(this.deepest, deepestBefore);
    if (this.cycleCuts === cutsBefore) {
      // Nothing in it depends on which refs enclose it: safe to share.
      this.shared.set(ref, { value, nodes: this.nodes - nodesBefore, height });
    }
    return value;
  }

  /** Accounts for `count` values reaching `depth`; throws past a limit. */
  private enter(depth: number, count: number, pointer: string): void {
    const { maxNodes, maxDepth, maxMilliseconds } = this.limits;
    if (depth > maxDepth) {
      throw new SchemaFormatError(
        `the schema nests deeper than ${maxDepth} levels (the limit of schema depth, maxDepth)`,
        shortenPointer(pointer),
      );
    }
    this.deepest = Math.max(this.deepest, depth);
    this.nodes += count;
    if (this.nodes > maxNodes) {
      throw new SchemaFormatError(
        `the schema expands to more than ${maxNodes} nodes (the limit of expanded schema size, maxNodes; each use of a $ref counts its whole target)`,
        pointer,
      );
    }
    this.work += 1;
    if (this.work % 1024 === 0 && Date.now() > this.deadline) {
      throw new SchemaFormatError(
        `resolving the schema took longer than ${maxMilliseconds} ms (the limit of schema reading time, maxMilliseconds)`,
        pointer,
      );
    }
  }
}

/**
 * Returns `node` with every local `$ref` (`#/...`) replaced by the schema it
 * points to inside `document`, recursively.
 *
 * A reference that is part of a cycle is not expanded a second time: it
 * becomes `{ type: 'object', 'x-datamesh-recursive-ref': '<ref>' }`, so the
 * result is always finite. External references (URLs, other files) are
 * rejected: registry content must be self-contained.
 *
 * A definition used several times is expanded once and the result shared
 * (the same object at each use), so the result is a DAG: treat it as
 * read-only. Only expansions that cut no cycle are shared, because those
 * do not depend on where they are used; the output equals the plain
 * tree expansion. The result is bounded by `limits`: at most `maxNodes`
 * values counted as a tree (shared subtrees once per use), so any
 * walk of the result, which sees the tree, does at most that much work;
 * at most `maxDepth` deep; and resolution gives up after `maxMilliseconds`.
 *
 * @param pointer - where `node` sits in `document`, for error messages.
 * @throws SchemaFormatError for a bad `$ref` or a crossed limit.
 */
export function resolveLocalRefs(
  document: unknown,
  node: unknown,
  pointer = '#',
  limits: Partial<SchemaReadLimits> = {},
): JsonSchema {
  const expansion = new Expansion(document, {
    ...DEFAULT_SCHEMA_READ_LIMITS,
    ...limits,
  });
  const resolved = expansion.resolve(node, pointer, 0);
  if (!isJsonObject(resolved)) {
    throw new SchemaFormatError('expected a schema object', pointer);
  }
  return resolved as JsonSchema;
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
      decodeSegment(segment, ref, from).replace(/~1/g, '/').replace(/~0/g, '~'),
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

function decodeSegment(segment: string, ref: string, from: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SchemaFormatError(
      `$ref "${ref}" has an invalid percent-escape (a "%" must be followed by two hex digits of UTF-8)`,
      from,
    );
  }
}

/** A pointer as deep as the depth limit is kilobytes long: keep its start. */
function shortenPointer(pointer: string): string {
  const MAX_LENGTH = 120;
  return pointer.length > MAX_LENGTH
    ? `${pointer.slice(0, MAX_LENGTH)}...`
    : pointer;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
