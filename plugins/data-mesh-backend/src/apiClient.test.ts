import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  DataMeshApiClient,
  responseStatusOf,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { startDataMeshBackend } from './__testUtils__/startDataMeshBackend';

/**
 * The common package's generated client against the running plugin over
 * HTTP: every operation it offers, the answers it types, and its one error
 * behaviour for an answer the router refuses.
 */
const examples = resolve(__dirname, '../../../examples/registry');

describe('DataMeshApiClient against the running plugin', () => {
  let client: DataMeshApiClient;
  const service = { token: mockCredentials.service.token() };
  beforeAll(async () => {
    const server = await startDataMeshBackend({
      sources: [{ id: 'examples', type: 'directory', path: examples }],
    });
    const { port } = server.address() as AddressInfo;
    client = new DataMeshApiClient({
      discoveryApi: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/data-mesh`,
      },
    });
  });

  it('lists, filters and reads data products', async () => {
    const page = await client.listDataProducts({
      classification: 'confidential',
      limit: 1,
    });
    expect(page).toMatchObject({ totalCount: 2, limit: 1, offset: 0 });
    expect(page.items.map(p => `${p.domain}/${p.name}`)).toEqual([
      'credit/credit-decisions',
    ]);
    const facets = await client.getDataProductFacets();
    expect(facets.domains).toEqual(['credit', 'customer', 'trading']);
    const product = await client.getDataProduct({
      domain: 'trading',
      name: 'trade-executions',
    });
    expect(product.athena?.table).toBeDefined();
    expect(product.events.map(e => e.detailType).sort()).toEqual([
      'TradeCancelled',
      'TradeExecuted',
    ]);
  });

  it('reads an event, its versions, their diff and its evolution', async () => {
    const event = {
      registry: 'credit',
      schema: 'com.fintech.credit@CreditDecision',
    };
    const details = await client.getEvent(event);
    expect(details.versions.map(v => v.version)).toEqual(['1', '2']);
    const version = await client.getEventVersion({ ...event, version: '2' });
    expect(version.problems).toEqual([]);
    expect(version.fields.length).toBeGreaterThan(0);
    const diff = await client.diffEventVersions(event, { from: '1', to: '2' });
    expect(diff.diff.changes.length).toBeGreaterThan(0);
    const evolution = await client.getEventEvolution(event);
    expect(evolution.pairs).toEqual([
      expect.objectContaining({ from: '1', to: '2' }),
    ]);
    const events = await client.listEvents({ unmanaged: 'true' });
    expect(events.items.every(e => e.domain === undefined)).toBe(true);
  });

  it('reads the health and, as a service, the export page by page', async () => {
    expect((await client.getHealth()).status).toBe('ok');
    const read = await client.getSnapshotManifest(service);
    if (!read.modified) throw new Error('expected a manifest');
    const { manifest } = read;
    const pages = await Promise.all(
      Array.from({ length: manifest.pageCount }, (_, page) =>
        client.getSnapshotPage(
          { snapshotId: manifest.snapshotId, page },
          service,
        ),
      ),
    );
    expect(pages.flatMap(p => p.dataProducts)).toHaveLength(
      manifest.dataProductCount,
    );
    expect(
      await client.getSnapshotManifest({
        ...service,
        ifNoneMatch: manifest.snapshotId,
      }),
    ).toEqual({ modified: false });
  });

  it('throws the backend refusal as a ResponseError naming the call and the problem', async () => {
    const error = await client
      .diffEventVersions(
        { registry: 'credit', schema: 'com.fintech.credit@CreditDecision' },
        { from: 'one', to: '2' },
      )
      .catch((e: unknown) => e);
    expect(responseStatusOf(error)).toBe(400);
    expect((error as ResponseError).statusCode).toBe(400);
    expect((error as ResponseError).message).toMatch(
      /^The data mesh backend answered 400 to http:\/\/127\.0\.0\.1:\d+\/api\/data-mesh\/events\/credit\/com\.fintech\.credit%40CreditDecision\/diff\?from=one&to=2: request\/query\/from must match pattern/,
    );
    const missing = await client
      .getDataProduct({ domain: 'trading', name: 'nothing' })
      .catch((e: unknown) => e);
    expect((missing as ResponseError).statusCode).toBe(404);
  });
});
