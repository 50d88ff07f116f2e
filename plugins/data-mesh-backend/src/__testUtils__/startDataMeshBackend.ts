import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { dataMeshPlugin } from '../plugin';

/**
 * A Backstage test backend with the data mesh plugin, the given `dataMesh`
 * config and any other features (service mocks, say); resolves with its
 * HTTP server once the first refresh is served (health answers 200).
 */
export async function startDataMeshBackend(
  dataMesh: object,
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  const { server } = await startTestBackend({
    features: [
      dataMeshPlugin,
      mockServices.rootConfig.factory({ data: { dataMesh } }),
      ...features,
    ],
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const health = await request(server).get('/api/data-mesh/health');
    if (health.status === 200) {
      return server;
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('data mesh snapshot never became ready');
}
