import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startDataMeshBackend } from './__testUtils__/startDataMeshBackend';

/**
 * The export other backend plugins read (GET /snapshot and its pages),
 * through the real plugin in a test backend over a local mirror that the
 * tests change between refreshes.
 */

const examples = resolve(__dirname, '../../../examples/registry');
const BASE = '/api/data-mesh';
const SERVICE = mockCredentials.service.header();

describe('GET /snapshot and its pages', () => {
  let scratch: string;
  let server: Awaited<ReturnType<typeof startDataMeshBackend>>;

  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'feed-'));
    cpSync(examples, scratch, { recursive: true });
    server = await startDataMeshBackend(
      {
        sources: [{ id: 'local', type: 'directory', path: scratch }],
        refresh: { minInterval: { seconds: 0 } },
      },
      [
        mockServices.permissions.mock({
          authorize: async () => [{ result: AuthorizeResult.ALLOW }],
        }).factory,
      ],
    );
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  const manifest = (etag?: string) => {
    const call = request(server)
      .get(`${BASE}/snapshot`)
      .set('Authorization', SERVICE);
    return etag ? call.set('If-None-Match', etag) : call;
  };
  const page = (snapshotId: string, index: number | string) =>
    request(server)
      .get(`${BASE}/snapshot/${snapshotId}/pages/${index}`)
      .set('Authorization', SERVICE);
  const refresh = async () => {
    const res = await request(server)
      .post(`${BASE}/refresh`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
  };
  const creditSchemaFile = () =>
    join(scratch, 'credit/com.fintech.credit@CreditDecision/schema.json');
  const describeCredit = (description: string) =>
    writeFileSync(
      creditSchemaFile(),
      JSON.stringify({
        ...JSON.parse(readFileSync(creditSchemaFile(), 'utf8')),
        description,
      }),
    );

  it('serves every product and every event with its latest detail, as the detail routes do', async () => {
    const res = await manifest();
    expect(res.status).toBe(200);
    const { snapshotId, pageCount } = res.body;
    expect(res.headers.etag).toBe(`W/"${snapshotId}"`);
    const pages = [];
    for (let index = 0; index < pageCount; index++) {
      const body = (await page(snapshotId, index)).body;
      expect([body.snapshotId, body.page]).toEqual([snapshotId, index]);
      pages.push(body);
    }
    const products = pages.flatMap(p => p.dataProducts);
    const events = pages.flatMap(p => p.events);
    expect([products.length, events.length]).toEqual([
      res.body.dataProductCount,
      res.body.eventCount,
    ]);
    const listed = await request(server).get(`${BASE}/data-products`);
    expect(products.map(p => `${p.domain}/${p.name}`)).toEqual(
      listed.body.items.map((p: any) => `${p.domain}/${p.name}`),
    );
    const executions = await request(server).get(
      `${BASE}/data-products/trading/trade-executions`,
    );
    expect(products.find(p => p.name === 'trade-executions')).toEqual(
      executions.body,
    );
    for (const event of events) {
      const version = await request(server).get(
        `${BASE}/events/${event.registry}/${encodeURIComponent(event.schemaName)}/versions/${event.latestVersion}`,
      );
      expect(event.latestDetail).toEqual(version.body.detail);
    }
    expect(res.body.complete).toBe(true);
  });

  it('answers 304 to the id it holds, across refreshes that change nothing', async () => {
    const first = await manifest();
    expect((await manifest(first.headers.etag)).status).toBe(304);
    await refresh();
    const again = await manifest(first.headers.etag);
    expect(again.status).toBe(304);
    const whole = await manifest();
    expect(whole.body.snapshotId).toBe(first.body.snapshotId);
    expect(whole.body.builtAt > first.body.builtAt).toBe(true);
  });

  it('gives a changed export a new id, finishes a read of the one before, and sends a reader two snapshots behind back to the manifest', async () => {
    const oldest = (await manifest()).body.snapshotId;
    describeCredit('Credit, second edition');
    await refresh();
    const previous = (await manifest()).body.snapshotId;
    expect(previous).not.toBe(oldest);
    // A read half-way through when a refresh lands can finish.
    expect((await page(oldest, 0)).status).toBe(200);
    describeCredit('Credit, third edition');
    await refresh();
    const latest = (await manifest()).body.snapshotId;
    expect(latest).not.toBe(previous);
    const gone = await page(oldest, 0);
    expect(gone.status).toBe(409);
    expect(gone.body.error.message).toBe(
      `Snapshot ${oldest} is no longer served (newer snapshots replaced it); read GET /snapshot again`,
    );
    expect((await page(previous, 0)).status).toBe(200);
  });

  it('marks the export incomplete, with a new id, when a schema cannot be read', async () => {
    const complete = await manifest();
    writeFileSync(creditSchemaFile(), '{ "type": ');
    await refresh();
    const res = await manifest(complete.headers.etag);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      complete: false,
      incompleteSources: ['local'],
    });
  });

  it('refuses users, unknown pages and malformed ids, saying which', async () => {
    const { snapshotId, pageCount } = (await manifest()).body;
    const asUser = await request(server)
      .get(`${BASE}/snapshot/${snapshotId}/pages/0`)
      .set('Authorization', mockCredentials.user.header());
    expect(asUser.status).toBe(403);
    const beyond = await page(snapshotId, pageCount);
    expect(beyond.status).toBe(404);
    expect(beyond.body.error.message).toBe(
      `Snapshot ${snapshotId} has pages 0 to ${pageCount - 1}, not ${pageCount}`,
    );
    const malformed = await page(snapshotId, 'first');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe(
      'request/params/page must be integer',
    );
  });
});
