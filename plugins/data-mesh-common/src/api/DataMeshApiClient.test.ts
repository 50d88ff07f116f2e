import { ResponseError } from '@backstage/errors';
import { DataMeshApiClient } from './DataMeshApiClient';

/**
 * How the client turns operations into requests and answers into values or
 * errors. plugins/data-mesh-backend/src/apiClient.test.ts runs the operations
 * against the real backend.
 */
describe('DataMeshApiClient', () => {
  const requests: Array<{ url: string; init?: RequestInit }> = [];
  const answers: Record<string, () => Response> = {
    missing: () =>
      Response.json(
        {
          error: {
            name: 'NotFoundError',
            message: 'No data product x/missing',
          },
          response: { statusCode: 404 },
        },
        { status: 404 },
      ),
    unchanged: () => new Response(null, { status: 304 }),
  };
  const fetchApi = {
    fetch: async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      const key = Object.keys(answers).find(k => url.includes(k));
      return key ? answers[key]() : Response.json({ ok: true });
    },
  } as { fetch: typeof fetch };
  const client = new DataMeshApiClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/data-mesh' },
    fetchApi,
  });
  beforeEach(() => requests.splice(0));

  it('builds the documented URLs, encoding names and dropping empty parameters', async () => {
    await client.listDataProducts({
      q: 'trade',
      domain: '',
      offset: 20,
      limit: 20,
    });
    await client.getEventVersion(
      {
        registry: 'discovered-schemas',
        schema: 'aws.payments@Settlement Completed',
        version: '3',
      },
      { source: 'prod' },
    );
    await client.diffEventVersions(
      { registry: 'credit', schema: 'a@B' },
      { from: '1', to: '2' },
    );
    await client.getEventEvolution(
      { registry: 'credit', schema: 'a@B' },
      { source: 'prod' },
    );
    await client.refresh();
    expect(requests.map(r => `${r.init?.method} ${r.url}`)).toEqual([
      'GET http://backend/api/data-mesh/data-products?q=trade&offset=20&limit=20',
      'GET http://backend/api/data-mesh/events/discovered-schemas/aws.payments%40Settlement%20Completed/versions/3?source=prod',
      'GET http://backend/api/data-mesh/events/credit/a%40B/diff?from=1&to=2',
      'GET http://backend/api/data-mesh/events/credit/a%40B/evolution?source=prod',
      'POST http://backend/api/data-mesh/refresh',
    ]);
  });

  it('sends a backend caller token and the snapshot id it holds', async () => {
    answers['/snapshot'] = () => Response.json({ snapshotId: 'b' });
    expect(
      await client.getSnapshotManifest({ token: 't', ifNoneMatch: 'b' }),
    ).toEqual({ modified: true, manifest: { snapshotId: 'b' } });
    expect(requests[0].init?.headers).toEqual({
      Authorization: 'Bearer t',
      'If-None-Match': 'W/"b"',
    });
    delete answers['/snapshot'];
  });

  it('answers an unchanged manifest as not modified', async () => {
    const unchangedClient = new DataMeshApiClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/unchanged' },
      fetchApi,
    });
    expect(
      await unchangedClient.getSnapshotManifest({ ifNoneMatch: 'a' }),
    ).toEqual({ modified: false });
  });

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    const error = await client
      .getDataProduct({ domain: 'x', name: 'missing' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(404);
    expect((error as ResponseError).body.error.message).toBe(
      'No data product x/missing',
    );
    expect((error as ResponseError).message).toBe(
      'The data mesh backend answered 404 to http://backend/api/data-mesh/data-products/x/missing: No data product x/missing',
    );
  });

  it('names the URL it could not reach', async () => {
    const unreachable = new DataMeshApiClient({
      discoveryApi: { getBaseUrl: async () => 'http://127.0.0.1:1/api' },
    });
    await expect(unreachable.getHealth()).rejects.toThrow(
      /^Cannot reach the data mesh backend at http:\/\/127\.0\.0\.1:1\/api\/health: /,
    );
  });

  it("rethrows the caller's own abort reason, not a network failure", async () => {
    const controller = new AbortController();
    const reason = new Error('the user navigated away');
    controller.abort(reason);
    const aborting = new DataMeshApiClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/data-mesh' },
      fetchApi: {
        fetch: async (_url: RequestInfo | URL, init?: RequestInit) => {
          throw init?.signal?.reason;
        },
      } as { fetch: typeof fetch },
    });
    await expect(
      aborting.getHealth({ signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('calls the global fetch on the global object when no fetchApi is given', async () => {
    const calls: unknown[] = [];
    const original = globalThis.fetch;
    // A browser's fetch throws "Illegal invocation" when called on anything
    // but the global object; this stand-in does the same.
    globalThis.fetch = function strictFetch(this: unknown) {
      calls.push(this);
      if (this !== undefined && this !== globalThis) {
        throw new TypeError('Illegal invocation');
      }
      return Promise.resolve(Response.json({ status: 'ok' }));
    } as typeof fetch;
    try {
      const plain = new DataMeshApiClient({
        discoveryApi: {
          getBaseUrl: async () => 'http://backend/api/data-mesh',
        },
      });
      await expect(plain.getHealth()).resolves.toEqual({ status: 'ok' });
      expect(calls).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
  });
});
