import { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DataMeshClient } from './DataMeshClient';

describe('DataMeshClient', () => {
  const requested: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (url: string) => {
      requested.push(url);
      if (url.includes('missing')) {
        return new Response(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'No data product x/missing',
            },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        );
      }
      return new Response(JSON.stringify({ ok: true }), { status: 200 });
    }),
  };
  const client = new DataMeshClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/data-mesh' },
    fetchApi: fetchApi as unknown as FetchApi,
  });
  beforeEach(() => requested.splice(0));

  it('builds the documented URLs, encoding names and dropping empty parameters', async () => {
    await client.listDataProducts({
      q: 'trade',
      domain: '',
      offset: 20,
      limit: 20,
    });
    await client.getSchemaVersion(
      {
        registry: 'discovered-schemas',
        schemaName: 'aws.payments@Settlement Completed',
        sourceId: 'prod',
      },
      '3',
    );
    await client.diffVersions(
      { registry: 'credit', schemaName: 'a@B' },
      '1',
      '2',
    );
    await client.getEvolution({
      registry: 'credit',
      schemaName: 'a@B',
      sourceId: 'prod',
    });
    expect(requested).toEqual([
      'http://backend/api/data-mesh/data-products?q=trade&offset=20&limit=20',
      'http://backend/api/data-mesh/events/discovered-schemas/aws.payments%40Settlement%20Completed/versions/3?source=prod',
      'http://backend/api/data-mesh/events/credit/a%40B/diff?from=1&to=2',
      'http://backend/api/data-mesh/events/credit/a%40B/evolution?source=prod',
    ]);
  });

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    const error = await client.getDataProduct('x', 'missing').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No data product x/missing');
  });
});
