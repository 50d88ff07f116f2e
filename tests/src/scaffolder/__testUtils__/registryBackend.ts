import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import dataMeshPlugin from '@financial-data-mesh/plugin-data-mesh-backend';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { RegistrySnapshotClient } from '@financial-data-mesh/plugin-scaffolder-backend-module-data-mesh';
import { REPO_ROOT } from './scaffolderBackend';

export const SAMPLE_REGISTRY = resolve(REPO_ROOT, 'examples/registry');
export const SAMPLE_DOMAINS = resolve(REPO_ROOT, 'examples/domains');

/**
 * A real data mesh backend over the sample registry mirror, and a client
 * that talks to it over HTTP as the scaffolder module does.
 */
export async function startRegistryBackend() {
  const backend = await startTestBackend({
    features: [
      dataMeshPlugin,
      mockServices.rootConfig.factory({
        data: {
          dataMesh: {
            sources: [
              { id: 'examples', type: 'directory', path: SAMPLE_REGISTRY },
            ],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api/data-mesh`;
  for (let attempt = 0; ; attempt++) {
    const health = await fetch(`${baseUrl}/health`);
    if (health.status === 200) {
      break;
    }
    if (attempt > 200) {
      throw new Error('the data mesh snapshot never became ready');
    }
    await new Promise(r => setTimeout(r, 50));
  }
  const client = new RegistrySnapshotClient(
    mockServices.discovery.mock({ getBaseUrl: async () => baseUrl }),
    mockServices.auth(),
  );
  return { client, stop: () => backend.stop() };
}
