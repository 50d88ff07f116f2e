import { DataMeshApiClient } from '@financial-data-mesh/plugin-data-mesh-common';
import { readSnapshotFeed } from './readSnapshotFeed';

/**
 * What the reader does when the backend replaces a snapshot while it pages
 * through it: the backend side (409 for a snapshot no longer served) is
 * tested through the real router in the backend's snapshotFeed.test.ts.
 */
describe('readSnapshotFeed', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  const manifest = (snapshotId: string, pageCount: number) =>
    json(200, {
      snapshotId,
      builtAt: '2026-12-02T10:00:00.000Z',
      complete: true,
      incompleteSources: [],
      dataProductCount: pageCount,
      eventCount: 0,
      pageCount,
    });
  const page = (snapshotId: string, index: number) =>
    json(200, {
      snapshotId,
      page: index,
      dataProducts: [{ name: `${snapshotId}-${index}` }],
      events: [],
    });
  const replaced = () =>
    json(409, { error: { name: 'ConflictError', message: 'replaced' } });

  /**
   * The client, its fetch answering each request with the next scripted
   * response and recording each path (with the If-None-Match it sent).
   */
  function backend(responses: Array<() => Response>) {
    const paths: string[] = [];
    const base = 'http://backend/api/data-mesh';
    const fetchApi = {
      fetch: (async (url: string, init?: RequestInit) => {
        const path = url.slice(base.length);
        const etag = (init?.headers as Record<string, string>)['If-None-Match'];
        paths.push(etag ? `${path} ${etag}` : path);
        const next = responses.shift();
        if (!next) {
          throw new Error(`unexpected request ${path}`);
        }
        return next();
      }) as typeof fetch,
    };
    const client = new DataMeshApiClient({
      discoveryApi: { getBaseUrl: async () => base },
      fetchApi,
    });
    return { paths, client, credentials: async () => ({ token: 't' }) };
  }

  it('starts over from the new manifest when its snapshot is replaced mid-read', async () => {
    const { paths, client, credentials } = backend([
      () => manifest('a', 2),
      () => page('a', 0),
      replaced,
      () => manifest('b', 1),
      () => page('b', 0),
    ]);
    const read = await readSnapshotFeed(client, credentials);
    expect(read).toEqual({
      unchanged: false,
      snapshot: expect.objectContaining({
        snapshotId: 'b',
        dataProducts: [{ name: 'b-0' }],
      }),
    });
    expect(paths).toEqual([
      '/snapshot',
      '/snapshot/a/pages/0',
      '/snapshot/a/pages/1',
      '/snapshot',
      '/snapshot/b/pages/0',
    ]);
  });

  it('gives up after three replaced reads, saying why', async () => {
    const { client, credentials } = backend(
      ['a', 'b', 'c'].flatMap(id => [() => manifest(id, 1), replaced]),
    );
    await expect(readSnapshotFeed(client, credentials)).rejects.toThrow(
      'the data mesh snapshot changed during each of 3 reads; trying again at the next run',
    );
  });

  it('sends the id it holds and reads nothing more on 304', async () => {
    const { paths, client, credentials } = backend([
      () => new Response(null, { status: 304 }),
    ]);
    expect(await readSnapshotFeed(client, credentials, 'a')).toEqual({
      unchanged: true,
    });
    expect(paths).toEqual(['/snapshot W/"a"']);
  });
});
