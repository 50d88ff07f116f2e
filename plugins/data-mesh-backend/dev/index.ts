/**
 * The plugin alone, for working on it: `backstage-cli package start` in
 * this folder serves `/api/data-mesh` on :7007 from the repository's
 * app-config.yaml, with mock auth so plain `curl` works. The whole product
 * (catalog, scaffolder and the modules) is the root dev backend,
 * packages/backend, which `npm start` runs.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { join } from 'node:path';

// app-config.yaml's paths (the sample registry) are relative to the
// repository root; `package start` runs here, in the plugin's folder.
// eslint-disable-next-line no-restricted-syntax -- a dev entry, run from source
process.chdir(join(__dirname, '../../..'));

const backend = createBackend();
// Every request is a signed-in mock user: no token needed in development.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
