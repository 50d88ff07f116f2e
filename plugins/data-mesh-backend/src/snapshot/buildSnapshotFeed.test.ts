import { syntheticRegistries } from '../testing/syntheticRegistries';
import { buildSnapshot, SourceContent } from './buildSnapshot';
import { buildSnapshotFeed } from './buildSnapshotFeed';

describe('buildSnapshotFeed', () => {
  const sources: SourceContent[] = [
    {
      location: { sourceId: 'synthetic', type: 'directory' },
      registries: syntheticRegistries({
        registries: 3,
        schemasPerRegistry: 40,
        versionsPerSchema: 2,
        schemasPerProduct: 2,
      }),
    },
  ];
  const complete = { complete: true, incompleteSources: [] };

  it('cuts the export into pages within the byte budget, products first, in order', async () => {
    const snapshot = await buildSnapshot(sources);
    const pageBytes = 4096;
    const feed = await buildSnapshotFeed(snapshot, complete, { pageBytes });
    expect(feed.manifest.pageCount).toBe(feed.pages.length);
    expect(feed.pages.length).toBeGreaterThan(10);
    const pages = feed.pages.map(body => JSON.parse(body.toString()));
    pages.forEach((page, index) => {
      expect([page.snapshotId, page.page]).toEqual([
        feed.manifest.snapshotId,
        index,
      ]);
      // Each item costs its JSON and a comma; the envelope comes on top.
      const items = [...page.dataProducts, ...page.events];
      const itemBytes = items.reduce(
        (sum, item) => sum + JSON.stringify(item).length + 1,
        0,
      );
      expect(items.length === 1 || itemBytes <= pageBytes).toBe(true);
    });
    const products = pages.flatMap(page => page.dataProducts);
    const events = pages.flatMap(page => page.events);
    expect(products).toEqual(
      JSON.parse(JSON.stringify(snapshot.allDataProducts())),
    );
    expect(events.map(event => event.schemaName)).toEqual(
      snapshot.allEvents().map(event => event.summary.schemaName),
    );
    expect(events.every(event => event.latestDetail?.type === 'object')).toBe(
      true,
    );
    // Products all come before the first event.
    const firstEventPage = pages.findIndex(page => page.events.length > 0);
    expect(
      pages
        .slice(firstEventPage + 1)
        .every(page => page.dataProducts.length === 0),
    ).toBe(true);
  });

  it('names the content, not the build: same id for a later build of the same content, a new one when completeness changes', async () => {
    const first = await buildSnapshotFeed(
      await buildSnapshot(sources, new Date('2026-12-01T00:00:00Z')),
      complete,
    );
    const later = await buildSnapshotFeed(
      await buildSnapshot(sources, new Date('2026-12-02T00:00:00Z')),
      complete,
    );
    expect(later.manifest.snapshotId).toBe(first.manifest.snapshotId);
    expect(later.manifest.builtAt).toBe('2026-12-02T00:00:00.000Z');
    const partial = await buildSnapshotFeed(await buildSnapshot(sources), {
      complete: false,
      incompleteSources: ['synthetic'],
    });
    expect(partial.manifest.snapshotId).not.toBe(first.manifest.snapshotId);
  });

  it('serves an empty catalog as one empty page', async () => {
    const feed = await buildSnapshotFeed(await buildSnapshot([]), complete);
    expect(feed.manifest).toMatchObject({ pageCount: 1, dataProductCount: 0 });
    expect(JSON.parse(feed.pages[0].toString())).toMatchObject({
      dataProducts: [],
      events: [],
    });
  });
});
