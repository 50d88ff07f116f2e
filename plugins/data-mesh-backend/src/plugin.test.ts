import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { dataMeshPlugin } from './plugin';
import { startDataMeshBackend } from './__testUtils__/startDataMeshBackend';

const examples = resolve(__dirname, '../../../examples/registry');

describe('data mesh plugin over the sample registry mirror', () => {
  let server: Awaited<ReturnType<typeof startDataMeshBackend>>;
  beforeAll(async () => {
    server = await startDataMeshBackend({
      sources: [{ id: 'examples', type: 'directory', path: examples }],
    });
  });

  it('lists every data product with its metadata', async () => {
    const res = await request(server).get('/api/data-mesh/data-products');
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(3);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        domain: 'credit',
        name: 'credit-decisions',
        owner: 'group:credit-risk',
        classification: 'confidential',
        degraded: false,
      }),
      expect.objectContaining({
        domain: 'customer',
        classification: 'restricted',
      }),
      expect.objectContaining({
        domain: 'trading',
        name: 'trade-executions',
        eventCount: 2,
        detailTypes: ['TradeCancelled', 'TradeExecuted'],
      }),
    ]);
  });

  it.each([
    ['q=trade', ['trading/trade-executions']],
    ['q=CREDITDECISION', ['credit/credit-decisions']],
    ['domain=customer', ['customer/customer-onboarding']],
    ['owner=group:trading-data', ['trading/trade-executions']],
    ['classification=restricted', ['customer/customer-onboarding']],
    ['q=nothing-like-this', []],
    [
      'domain=trading&owner=group:trading-data&q=cancel',
      ['trading/trade-executions'],
    ],
    ['domain=trading&classification=restricted', []],
    ['domain=nowhere&q=trade', []],
  ])('filters with %s', async (query, expected) => {
    const res = await request(server).get(
      `/api/data-mesh/data-products?${query}`,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.items.map(
        (p: { domain: string; name: string }) => `${p.domain}/${p.name}`,
      ),
    ).toEqual(expected);
  });

  it('pages results', async () => {
    const res = await request(server).get(
      '/api/data-mesh/data-products?offset=1&limit=1',
    );
    expect(res.body).toMatchObject({ totalCount: 3, offset: 1, limit: 1 });
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual([
      'customer-onboarding',
    ]);
  });

  it('rejects bad query parameters with a 400 naming them', async () => {
    const bad = await request(server).get(
      '/api/data-mesh/data-products?classification=secret&limit=0&colour=red',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Unknown query parameter 'colour'/);
    const outOfBounds = await request(server).get(
      '/api/data-mesh/data-products?classification=secret&limit=0',
    );
    expect(outOfBounds.status).toBe(400);
    expect(outOfBounds.body.error.message).toMatch(
      /query\/classification must be equal to one of the allowed values/,
    );
    expect(outOfBounds.body.error.message).toMatch(/query\/limit must be >= 1/);
  });

  it('describes a product with its events and how to query it in Athena', async () => {
    const res = await request(server).get(
      '/api/data-mesh/data-products/trading/trade-executions',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      retentionDays: 2555,
      freshnessMinutes: 15,
      contractVersion: '1.1.0',
      userTags: { 'cost-center': '4711', regulation: 'MiFID II' },
      athena: {
        database: 'trading',
        table: 'trade_executions',
        workgroup: 'datamesh-trading',
        partitionKeys: ['event_date'],
      },
    });
    expect(res.body.athena.sampleQuery).toContain(
      'FROM "trading"."trade_executions"\nWHERE event_date >=',
    );
    expect(res.body.events[1]).toMatchObject({
      registry: 'trading',
      schemaName: 'com.fintech.trading@TradeExecuted',
      source: 'com.fintech.trading',
      detailType: 'TradeExecuted',
      latestVersion: '2',
      versionCount: 2,
      piiFields: ['trader_id'],
      location: { sourceId: 'examples', type: 'directory' },
    });
  });

  it('lists the filter values', async () => {
    const res = await request(server).get(
      '/api/data-mesh/data-products/facets',
    );
    expect(res.body).toEqual({
      domains: ['credit', 'customer', 'trading'],
      owners: [
        'group:credit-risk',
        'group:customer-data',
        'group:trading-data',
      ],
      classifications: ['confidential', 'restricted'],
    });
  });

  it('answers 404 for an unknown product', async () => {
    const res = await request(server).get(
      '/api/data-mesh/data-products/trading/nope',
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('No data product trading/nope');
  });

  it('lists unmanaged events separately', async () => {
    const res = await request(server).get(
      '/api/data-mesh/events?unmanaged=true',
    );
    expect(res.body.items).toEqual([
      expect.objectContaining({
        registry: 'discovered-schemas',
        schemaName: 'aws.payments@SettlementCompleted',
        format: 'OpenApi3',
        source: 'aws.payments',
        detailType: 'Settlement Completed',
      }),
    ]);
    expect(res.body.items[0].domain).toBeUndefined();
  });

  it('shows an event with its versions and tags', async () => {
    const res = await request(server).get(
      '/api/data-mesh/events/credit/com.fintech.credit@CreditDecision',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.versions.map((v: { version: string }) => v.version),
    ).toEqual(['1', '2']);
    expect(res.body.tags['datamesh:data-product']).toBe('credit-decisions');
  });

  it('serves a version raw and read, for both formats', async () => {
    const draft4 = await request(server).get(
      '/api/data-mesh/events/trading/com.fintech.trading@TradeExecuted/versions/1',
    );
    expect(draft4.status).toBe(200);
    expect(draft4.body.format).toBe('JSONSchemaDraft4');
    expect(JSON.parse(draft4.body.content)).toHaveProperty('definitions');
    expect(draft4.body.fields.map((f: { path: string }) => f.path)).toContain(
      'direction',
    );
    const openApi = await request(server).get(
      `/api/data-mesh/events/discovered-schemas/${encodeURIComponent('aws.payments@SettlementCompleted')}/versions/1`,
    );
    expect(openApi.status).toBe(200);
    expect(openApi.body.problems).toEqual([]);
    expect(openApi.body.detail.type).toBe('object');
    const missing = await request(server).get(
      '/api/data-mesh/events/trading/com.fintech.trading@TradeExecuted/versions/9',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(
      /has no version 9 \(versions: 1, 2\)/,
    );
  });

  it("shows each event's history under its product's compatibility mode", async () => {
    const evolution = (schema: string) =>
      request(server).get(`/api/data-mesh/events/${schema}/evolution`);
    const credit = await evolution('credit/com.fintech.credit@CreditDecision');
    expect(credit.status).toBe(200);
    expect(credit.body).toMatchObject({
      mode: 'BACKWARD',
      modeDeclared: true,
      pairs: [{ from: '1', to: '2', compatibility: 'NONE' }],
      latest: {
        version: '2',
        mode: {
          mode: 'BACKWARD',
          honoured: false,
          checkedAgainst: ['1'],
          violations: [
            { againstVersion: '1', direction: 'backward', verdict: 'breaking' },
          ],
        },
        transitive: { mode: 'BACKWARD_TRANSITIVE', honoured: false },
      },
      problems: [],
    });
    const trading = await evolution(
      'trading/com.fintech.trading@TradeExecuted',
    );
    expect(trading.body).toMatchObject({
      pairs: [{ from: '1', to: '2', compatibility: 'BACKWARD' }],
      latest: {
        mode: { honoured: true, violations: [] },
        transitive: { honoured: true, checkedAgainst: ['1'] },
      },
    });
  });

  it('diffs two versions with the compatibility verdict', async () => {
    const breaking = await request(server).get(
      '/api/data-mesh/events/credit/com.fintech.credit@CreditDecision/diff?from=1&to=2',
    );
    expect(breaking.status).toBe(200);
    expect(breaking.body).toMatchObject({ from: '1', to: '2' });
    expect(breaking.body.diff.breaking).toBe(true);
    expect(breaking.body.diff.compatibility).toBe('NONE');
    expect(breaking.body.diff.changes.length).toBeGreaterThan(0);

    const compatible = await request(server).get(
      '/api/data-mesh/events/trading/com.fintech.trading@TradeExecuted/diff?from=1&to=2',
    );
    expect(compatible.body.diff.compatibility).toBe('BACKWARD');

    const bad = await request(server).get(
      '/api/data-mesh/events/trading/com.fintech.trading@TradeExecuted/diff?from=one',
    );
    expect(bad.status).toBe(400);
  });

  it('requires credentials for data but not for health', async () => {
    const anonymous = await request(server)
      .get('/api/data-mesh/data-products')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const service = await request(server)
      .get('/api/data-mesh/data-products')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
    const health = await request(server).get('/api/data-mesh/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      dataProductCount: 3,
      eventCount: 5,
      sources: [
        expect.objectContaining({
          status: 'ok',
          registryCount: 4,
          schemaCount: 5,
          versionCount: 8,
          warnings: [],
        }),
      ],
    });
  });
});

describe('data mesh plugin with bad data', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'registry-'));
    cpSync(examples, scratch, { recursive: true });
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('marks a product with malformed content degraded and keeps serving the rest', async () => {
    writeFileSync(
      join(scratch, 'credit/com.fintech.credit@CreditDecision/versions/2.json'),
      '{ "definitions": ',
    );
    const server = await startDataMeshBackend({
      sources: [{ id: 'local', type: 'directory', path: scratch }],
    });

    const credit = await request(server).get(
      '/api/data-mesh/data-products/credit/credit-decisions',
    );
    expect(credit.body.degraded).toBe(true);
    expect(credit.body.problems[0]).toMatch(
      /^com\.fintech\.credit@CreditDecision: version 2: .*JSON/,
    );
    const trading = await request(server).get(
      '/api/data-mesh/data-products/trading/trade-executions',
    );
    expect(trading.body.degraded).toBe(false);
    const diff = await request(server).get(
      '/api/data-mesh/events/credit/com.fintech.credit@CreditDecision/diff?from=1&to=2',
    );
    expect(diff.status).toBe(400);
    expect(diff.body.error.message).toMatch(/Cannot compare versions 1 and 2/);
  });

  it('reports a failing source in health and keeps the others', async () => {
    const server = await startDataMeshBackend({
      sources: [
        { id: 'local', type: 'directory', path: scratch },
        { id: 'gone', type: 'directory', path: join(scratch, 'missing') },
      ],
    });
    const health = await request(server).get('/api/data-mesh/health');
    expect(health.body.status).toBe('degraded');
    expect(health.body.sources[1]).toMatchObject({
      status: 'failing',
      error: expect.stringContaining('does not exist'),
    });
    const products = await request(server).get('/api/data-mesh/data-products');
    expect(products.body.totalCount).toBe(3);
  });

  it('refuses to start on a bad config, naming every bad key', async () => {
    await expect(
      startTestBackend({
        features: [
          dataMeshPlugin,
          mockServices.rootConfig.factory({
            data: {
              dataMesh: {
                sources: [
                  { id: 'ok', type: 'directory', path: scratch },
                  { id: 'Bad Id', type: 'aws' },
                  { id: 'x', type: 'ftp' },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /dataMesh\.sources\[1\]\.id: must be lowercase[\s\S]*dataMesh\.sources\[1\]\.region: is required[\s\S]*dataMesh\.sources\[2\]\.type: must be one of directory, aws/,
    );
  });
});
