import { readFileSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parse } from 'yaml';

/** Where the API's OpenAPI document lives, inside this package. */
export const OPENAPI_SPEC_PATH = resolvePackagePath(
  '@financial-data-mesh/plugin-data-mesh-backend',
  'src/schema/openapi.yaml',
);

/**
 * The OpenAPI document of the REST API, read once: it is served at
 * `/openapi.json` and the contract test checks every response against it.
 */
export function loadOpenApiSpec(): Record<string, unknown> {
  return parse(readFileSync(OPENAPI_SPEC_PATH, 'utf8'));
}
