#!/usr/bin/env node
// Generates the two TypeScript views of the REST API from its one
// description, plugins/data-mesh-backend/src/schema/openapi.yaml:
//
// - the backend's validated router: the document `as const` for
//   `createValidatedOpenApiRouter` (backend-openapi-utils), so the routes'
//   parameters and bodies are typed by the document and checked at run time;
// - the common package's types (openapi-typescript), from which the API's
//   response types and the one typed client are written.
//
// `backstage-repo-tools package schema openapi generate` does the same with
// openapi-generator, a Java jar it downloads from Maven Central, which this
// project's machines cannot reach (docs/decisions/0010-one-api-description.md).
//
// Usage: node scripts/generate-openapi.mjs [--check]
//   --check  writes nothing; fails naming each generated file that is stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import ts from 'typescript';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'plugins/data-mesh-backend/src/schema/openapi.yaml';
const ROUTER =
  'plugins/data-mesh-backend/src/schema/openapi/generated/router.ts';
const TYPES = 'plugins/data-mesh-common/src/api/generated/openapi.ts';

// No release tags in the generated files: they are not exported from any
// package entry point, and `@internal` would make tsc's stripInternal drop
// them from the declarations the modules that use them import.
const HEADER = `// ******************************************************************
// * Generated from ${SOURCE}
// * by scripts/generate-openapi.mjs. Do not edit: change the document
// * and run \`npm run openapi:generate\`.
// ******************************************************************
`;

async function routerSource(document) {
  return `${HEADER}import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The REST API's OpenAPI document. */
export const spec = ${JSON.stringify(document, null, 2)} as const;

/**
 * An express router whose requests are checked against {@link spec} before
 * any handler runs; a request that does not match gets 400.
 */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

async function typesSource(document) {
  const ast = await openapiTS(document, {
    exportType: true,
    // What the API returns is for reading.
    immutable: true,
    // A schema in an answer is the common package's JsonSchema, whose
    // keywords callers read; the document can only say "an object".
    inject: "import type { JsonSchema } from '../../schema/types';",
    transform: (_schema, { path }) =>
      path === '#/components/schemas/JsonSchema'
        ? ts.factory.createTypeReferenceNode('JsonSchema')
        : undefined,
  });
  return `${HEADER}/* eslint-disable */\n${asTsDoc(astToString(ast))}
/** Each operation's method and path template, by operationId. */
export const operationRoutes = ${JSON.stringify(operationRoutes(document), null, 2)} as const;
`;
}

/**
 * The common package exports `components` and `operations` (renamed) as
 * part of its public API, so their comments must be TSDoc, which the API
 * reports check: openapi-typescript's JSDoc `@description` and `@enum`
 * tags become plain text, and the two types get a release tag.
 */
function asTsDoc(source) {
  return source
    .replace(/@description /g, '')
    .replace(/^\s*\/\*\* @enum \{[^}]*\} \*\/\n/gm, '')
    .replace(/^\s*\* @enum \{[^}]*\}\n/gm, '')
    .replace(
      /^export type components = /m,
      "/**\n * The REST API's schemas, by name.\n *\n * @public\n */\nexport type components = ",
    )
    .replace(
      /^export interface operations /m,
      "/**\n * The REST API's operations, by operationId: parameters and answers.\n *\n * @public\n */\nexport interface operations ",
    );
}

function operationRoutes(document) {
  const routes = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId) {
        routes[operation.operationId] = { method: method.toUpperCase(), path };
      }
    }
  }
  return routes;
}

async function format(path, source) {
  const options = (await prettier.resolveConfig(resolve(root, path))) ?? {};
  return prettier.format(source, { ...options, filepath: path });
}

async function main() {
  const check = process.argv.includes('--check');
  const document = parse(await readFile(resolve(root, SOURCE), 'utf8'));
  const outputs = [
    [ROUTER, await routerSource(document)],
    [TYPES, await typesSource(document)],
  ];
  const stale = [];
  for (const [path, source] of outputs) {
    const target = resolve(root, path);
    const wanted = await format(path, source);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === wanted) continue;
    if (check) {
      stale.push(path);
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, wanted);
      console.log(`wrote ${relative(root, target)}`);
    }
  }
  if (stale.length > 0) {
    console.error(
      `Generated from ${SOURCE} but out of date: ${stale.join(', ')}. Run npm run openapi:generate.`,
    );
    process.exitCode = 1;
  }
}

await main();
