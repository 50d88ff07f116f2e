import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  DEFAULT_SCHEMA_READ_LIMITS,
  RECURSIVE_REF_KEYWORD,
  resolveLocalRefs,
} from './resolveRefs';
import { readEventSchema } from './readEventSchema';
import { listSchemaFields } from './fields';
import { isJsonObject, SchemaFormatError } from './types';

/** Each definition refers to the next twice: 2^levels leaves as a tree. */
function fanOut(levels: number): Record<string, unknown> {
  const definitions: Record<string, unknown> = {
    [`D${levels}`]: { type: 'string' },
  };
  for (let level = 0; level < levels; level++) {
    const next = { $ref: `#/definitions/D${level + 1}` };
    definitions[`D${level}`] = {
      type: 'object',
      properties: { left: next, right: { ...next } },
    };
  }
  return {
    type: 'object',
    properties: { root: { $ref: '#/definitions/D0' } },
    definitions,
  };
}

/** `{"properties":{"child":...}}` nested `depth` times, built as text (JSON.stringify itself overflows). */
function deeplyNested(depth: number): string {
  return `${'{"type":"object","properties":{"child":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
}

/**
 * The specification of resolution, as the reader did it before sharing and
 * budgets: copy everything, expand every $ref at every use, cut cycles.
 */
function naiveResolve(
  document: unknown,
  node: unknown,
  stack: string[] = [],
): unknown {
  if (Array.isArray(node)) {
    return node.map(item => naiveResolve(document, item, stack));
  }
  if (!isJsonObject(node)) {
    return node;
  }
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (stack.includes(ref)) {
      return { type: 'object', [RECURSIVE_REF_KEYWORD]: ref };
    }
    let target: unknown = document;
    for (const segment of ref.slice(1).split('/').filter(Boolean)) {
      target = (target as Record<string, unknown>)[
        decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')
      ];
    }
    const { $ref: _ref, ...siblings } = node;
    const expanded = naiveResolve(document, target, [...stack, ref]);
    return Object.keys(siblings).length > 0 && isJsonObject(expanded)
      ? { ...expanded, ...(naiveResolve(document, siblings, stack) as object) }
      : expanded;
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      naiveResolve(document, value, stack),
    ]),
  );
}

function jsonFilesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap(name => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return jsonFilesUnder(path);
    }
    return path.endsWith('.json') ? [path] : [];
  });
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('resolveLocalRefs', () => {
  it.each([20, 24])(
    'refuses a %i-level $ref fan-out at once, naming the size limit',
    levels => {
      const document = fanOut(levels);
      const started = Date.now();
      const error = errorOf(() => resolveLocalRefs(document, document));
      expect(error).toBeInstanceOf(SchemaFormatError);
      expect(error.message).toContain(
        `the schema expands to more than ${DEFAULT_SCHEMA_READ_LIMITS.maxNodes} nodes`,
      );
      expect(error.message).toContain('maxNodes');
      // Generous: the point is "not seconds"; the benchmark measures speed.
      expect(Date.now() - started).toBeLessThan(1000);
    },
  );

  it('expands a shared definition once and shares the result', () => {
    const document = fanOut(8);
    const resolved = resolveLocalRefs(document, document.properties);
    const root = (resolved as { root: { properties: Record<string, unknown> } })
      .root;
    expect(root.properties.left).toBe(root.properties.right);
    expect(resolved).toEqual(naiveResolve(document, document.properties));
  });

  it('counts a shared definition at every use', () => {
    // 2^8 leaves and their parents: about 1,300 values as a tree.
    const document = fanOut(8);
    expect(() =>
      resolveLocalRefs(document, document.properties, '#', { maxNodes: 1000 }),
    ).toThrow(/more than 1000 nodes/);
    expect(() =>
      resolveLocalRefs(document, document.properties, '#', { maxNodes: 2000 }),
    ).not.toThrow();
  });

  it('marks cycles as before and does not share what depends on the enclosing refs', () => {
    const document = {
      definitions: {
        Party: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            guarantor: { $ref: '#/definitions/Party' },
            account: { $ref: '#/definitions/Account' },
          },
        },
        Account: {
          type: 'object',
          properties: {
            holder: { $ref: '#/definitions/Party' },
            id: { type: 'string' },
          },
        },
      },
      properties: {
        buyer: { $ref: '#/definitions/Party' },
        seller: { $ref: '#/definitions/Party' },
        account: { $ref: '#/definitions/Account' },
      },
    };
    const resolved = resolveLocalRefs(document, document);
    expect(resolved).toEqual(naiveResolve(document, document));
    const buyer = (resolved.properties as Record<string, any>).buyer;
    expect(buyer.properties.guarantor).toEqual({
      type: 'object',
      [RECURSIVE_REF_KEYWORD]: '#/definitions/Party',
    });
    // Account under Party cuts at Party; Account at the root expands Party once.
    expect(
      buyer.properties.account.properties.holder[RECURSIVE_REF_KEYWORD],
    ).toBe('#/definitions/Party');
    const account = (resolved.properties as Record<string, any>).account;
    expect(account.properties.holder.properties.name).toEqual({
      type: 'string',
    });
  });

  it('names a $ref with a bad % escape', () => {
    const document = {
      type: 'object',
      properties: { amount: { $ref: '#/definitions/%E0%A4%A' } },
      definitions: {},
    };
    const error = errorOf(() => resolveLocalRefs(document, document));
    expect(error).toBeInstanceOf(SchemaFormatError);
    expect(error.message).toBe(
      '$ref "#/definitions/%E0%A4%A" has an invalid percent-escape (a "%" must be followed by two hex digits of UTF-8) (at #/properties/amount)',
    );
  });

  it('refuses nesting 3,000 deep with the depth limit, not a stack overflow', () => {
    const document = JSON.parse(deeplyNested(3000));
    const error = errorOf(() => resolveLocalRefs(document, document));
    expect(error).toBeInstanceOf(SchemaFormatError);
    expect(error.message).toMatch(
      /^the schema nests deeper than 256 levels \(the limit of schema depth, maxDepth\) \(at #\/properties\/child\/.{0,120}\.\.\.\)$/,
    );
  });

  it('counts the depth of a shared definition wherever it is used', () => {
    const document = {
      // `c` first: Deep is expanded shallow, then reused deeper under `a.b`.
      properties: {
        c: { $ref: '#/definitions/Deep' },
        a: { properties: { b: { $ref: '#/definitions/Deep' } } },
      },
      definitions: { Deep: JSON.parse(deeplyNested(10)) },
    };
    expect(() =>
      resolveLocalRefs(document, document.properties, '#', { maxDepth: 23 }),
    ).toThrow(/deeper than 23 levels/);
    expect(() =>
      resolveLocalRefs(document, document.properties, '#', { maxDepth: 24 }),
    ).not.toThrow();
  });

  it('gives up after its time budget', () => {
    const document = {
      properties: Object.fromEntries(
        Array.from({ length: 2000 }, (_, index) => [
          `field${index}`,
          { type: 'string' },
        ]),
      ),
    };
    expect(() =>
      resolveLocalRefs(document, document, '#', { maxMilliseconds: -1 }),
    ).toThrow(
      /took longer than -1 ms \(the limit of schema reading time, maxMilliseconds\)/,
    );
  });

  describe('the sample registries', () => {
    const root = resolve(__dirname, '../../../..');
    const files = [
      ...jsonFilesUnder(join(root, 'examples/registry')),
      ...jsonFilesUnder(join(root, 'examples/domains')),
    ].filter(file => /versions|schemas/.test(file));

    it('has schemas to compare', () => {
      expect(files.length).toBeGreaterThan(10);
    });

    it.each(files.map(file => [relative(root, file), file]))(
      '%s resolves exactly as the plain expansion',
      (_name, file) => {
        const document = JSON.parse(readFileSync(file, 'utf8'));
        expect(resolveLocalRefs(document, document)).toEqual(
          naiveResolve(document, document),
        );
      },
    );
  });
});

describe('readEventSchema under the budgets', () => {
  it('reads a fan-out within the limit, and lists its fields', () => {
    const content = JSON.stringify(fanOut(10));
    const read = readEventSchema(content, 'JSONSchemaDraft4');
    expect(listSchemaFields(read.detail)).toHaveLength(2 ** 11 - 1);
  });

  it('bounds the field listing of a deep, narrow schema over a shared subtree', () => {
    const document = fanOut(11);
    let chain: Record<string, unknown> = { $ref: '#/definitions/D0' };
    for (let level = 0; level < 100; level++) {
      chain = { type: 'object', properties: { next: chain } };
    }
    (document.properties as Record<string, unknown>).root = chain;
    const read = readEventSchema(JSON.stringify(document), 'JSONSchemaDraft4');
    expect(() => listSchemaFields(read.detail)).toThrow(
      /the field listing carries more than 1000000 schema nodes/,
    );
  });

  it('passes limits through', () => {
    const content = JSON.stringify(fanOut(6));
    expect(() =>
      readEventSchema(content, 'JSONSchemaDraft4', {
        limits: { maxNodes: 50 },
      }),
    ).toThrow(/more than 50 nodes/);
  });
});
