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

  /** Answers each request with the next scripted response, recording paths. */
  function backend(responses: Array<() => Response>) {
    const paths: string[] = [];
    return {
      paths,
      request: async (path: string, headers?: Record<string, string>) => {
        paths.push(
          headers?.['If-None-Match']
            ? `${path} ${headers['If-None-Match']}`
            : path,
        );
        const next = responses.shift();
        if (!next) {
          throw new Error(`unexpected request ${path}`);
        }
        return next();
      },
    };
  }

  it('starts over from the new manifest when its snapshot is replaced mid-read', async () => {
    const { paths, request } = backend([
      () => manifest('a', 2),
      () => page('a', 0),
      replaced,
      () => manifest('b', 1),
      () => page('b', 0),
    ]);
    const read = await readSnapshotFeed(request);
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
    const { request } = backend(
      ['a', 'b', 'c'].flatMap(id => [() => manifest(id, 1), replaced]),
    );
    await expect(readSnapshotFeed(request)).rejects.toThrow(
      'the data mesh snapshot changed during each of 3 reads; trying again at the next run',
    );
  });

  it('sends the id it holds and reads nothing more on 304', async () => {
    const { paths, request } = backend([
      () => new Response(null, { status: 304 }),
    ]);
    expect(await readSnapshotFeed(request, 'a')).toEqual({ unchanged: true });
    expect(paths).toEqual(['/snapshot W/"a"']);
  });
});
