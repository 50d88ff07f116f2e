import { resolve } from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  CLASSIFICATIONS,
  COMPATIBILITY_MODES,
  SCHEMA_FORMATS,
  TABLE_ACCESS_LEVELS,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { createRouter } from './router';
import { startDataMeshBackend } from './__testUtils__/startDataMeshBackend';
import { DefaultSnapshotService } from './services/SnapshotService';
import { AwsRegistrySource } from './sources/aws/AwsRegistrySource';
import { newSchemasClient } from './sources/createSources';
import { SchemasLoopbackServer } from './testing/SchemasLoopbackServer';
import { syntheticRegistries } from './testing/syntheticRegistries';
import { spec as generatedSpec } from './schema/openapi/generated/router';

/**
 * The contract test: every route of the running plugin is in the OpenAPI
 * document, and what it answers (status and body) is what the document
 * says, down to undocumented fields (the schemas are closed).
 */

const examples = resolve(__dirname, '../../../examples/registry');
const BASE = '/api/data-mesh';

type Json = Record<string, any>;
const spec = generatedSpec as Json;

/** Compiles the response schemas with ajv, component refs resolved. */
function responseValidators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // Component refs point into `$defs` of one schema document, so ajv can
  // resolve them without reading the OpenAPI-only keywords around them.
  const rewrite = (value: unknown): any =>
    JSON.parse(
      JSON.stringify(value).replaceAll(
        '"#/components/schemas/',
        '"openapi#/$defs/',
      ),
    );
  ajv.addSchema({ $id: 'openapi', $defs: rewrite(spec.components.schemas) });
  const cache = new Map<string, ValidateFunction>();
  return (method: string, path: string, status: number): ValidateFunction => {
    const key = `${method} ${path} ${status}`;
    const operation = spec.paths[path]?.[method];
    if (!operation) {
      throw new Error(`${method.toUpperCase()} ${path} is not in openapi.yaml`);
    }
    let response = operation.responses[String(status)];
    if (!response) {
      throw new Error(
        `${method.toUpperCase()} ${path} answered ${status}, which openapi.yaml does not document`,
      );
    }
    if (response.$ref) {
      response = spec.components.responses[response.$ref.split('/').pop()];
    }
    if (!cache.has(key)) {
      cache.set(
        key,
        ajv.compile(rewrite(response.content['application/json'].schema)),
      );
    }
    return cache.get(key)!;
  };
}

/** A request, and the documented path template it must match. */
interface Case {
  readonly method: 'get' | 'post';
  readonly url: string;
  readonly path: string;
  readonly status: number;
  readonly auth?: string;
}

const TRADE = 'com.fintech.trading@TradeExecuted';
const cases: Case[] = [
  { method: 'get', url: '/openapi.json', path: '/openapi.json', status: 200 },
  {
    method: 'get',
    url: '/openapi.json',
    path: '/openapi.json',
    status: 200,
    auth: mockCredentials.none.header(),
  },
  {
    method: 'get',
    url: '/health',
    path: '/health',
    status: 200,
    auth: mockCredentials.none.header(),
  },
  { method: 'get', url: '/health', path: '/health', status: 200 },
  { method: 'post', url: '/refresh', path: '/refresh', status: 200 },
  // Within the default 30 s of the one above.
  { method: 'post', url: '/refresh', path: '/refresh', status: 429 },
  {
    method: 'post',
    url: '/refresh',
    path: '/refresh',
    status: 401,
    auth: mockCredentials.none.header(),
  },
  { method: 'get', url: '/data-products', path: '/data-products', status: 200 },
  {
    method: 'get',
    url: '/data-products?q=trade&classification=confidential&limit=1',
    path: '/data-products',
    status: 200,
  },
  {
    method: 'get',
    url: '/data-products?classification=secret',
    path: '/data-products',
    status: 400,
  },
  {
    method: 'get',
    url: '/data-products',
    path: '/data-products',
    status: 401,
    auth: mockCredentials.none.header(),
  },
  {
    method: 'get',
    url: '/data-products/facets',
    path: '/data-products/facets',
    status: 200,
  },
  ...['trading/trade-executions', 'credit/credit-decisions'].map(product => ({
    method: 'get' as const,
    url: `/data-products/${product}`,
    path: '/data-products/{domain}/{name}',
    status: 200,
  })),
  {
    method: 'get',
    url: '/data-products/trading/no-such-product',
    path: '/data-products/{domain}/{name}',
    status: 404,
  },
  { method: 'get', url: '/events', path: '/events', status: 200 },
  {
    method: 'get',
    url: '/events?unmanaged=true',
    path: '/events',
    status: 200,
  },
  {
    method: 'get',
    url: '/events?unmanaged=maybe',
    path: '/events',
    status: 400,
  },
  {
    method: 'get',
    url: `/events/trading/${TRADE}`,
    path: '/events/{registry}/{schema}',
    status: 200,
  },
  {
    method: 'get',
    url: '/events/trading/no.such@Event',
    path: '/events/{registry}/{schema}',
    status: 404,
  },
  {
    method: 'get',
    url: `/events/trading/${TRADE}/versions/1`,
    path: '/events/{registry}/{schema}/versions/{version}',
    status: 200,
  },
  {
    method: 'get',
    url: `/events/discovered-schemas/${encodeURIComponent('aws.payments@SettlementCompleted')}/versions/1`,
    path: '/events/{registry}/{schema}/versions/{version}',
    status: 200,
  },
  {
    method: 'get',
    url: `/events/trading/${TRADE}/versions/9`,
    path: '/events/{registry}/{schema}/versions/{version}',
    status: 404,
  },
  {
    method: 'get',
    url: '/events/credit/com.fintech.credit@CreditDecision/diff?from=1&to=2',
    path: '/events/{registry}/{schema}/diff',
    status: 200,
  },
  {
    method: 'get',
    url: `/events/trading/${TRADE}/diff?from=one&to=2`,
    path: '/events/{registry}/{schema}/diff',
    status: 400,
  },
  {
    method: 'get',
    url: `/events/trading/${TRADE}/evolution`,
    path: '/events/{registry}/{schema}/evolution',
    status: 200,
  },
  {
    method: 'get',
    url: '/events/trading/com.fintech.trading@Nothing/evolution',
    path: '/events/{registry}/{schema}/evolution',
    status: 404,
  },
  {
    method: 'get',
    url: '/snapshot',
    path: '/snapshot',
    status: 200,
    auth: mockCredentials.service.header(),
  },
  {
    method: 'get',
    url: '/snapshot',
    path: '/snapshot',
    status: 403,
    auth: mockCredentials.user.header(),
  },
];

describe('the OpenAPI document', () => {
  const validatorFor = responseValidators();
  let server: Awaited<ReturnType<typeof startDataMeshBackend>>;
  beforeAll(async () => {
    server = await startDataMeshBackend({
      sources: [{ id: 'examples', type: 'directory', path: examples }],
    });
  });

  it("lists the contract's own values where it names them", () => {
    // The document is its own source, so these lists are written twice:
    // a value added to the contract must reach the API's document too.
    const { schemas } = spec.components;
    expect(schemas.Classification.enum).toEqual([...CLASSIFICATIONS]);
    expect(schemas.CompatibilityMode.enum).toEqual([...COMPATIBILITY_MODES]);
    expect(schemas.SchemaFormat.enum).toEqual([...SCHEMA_FORMATS]);
    expect(schemas.ConsumerSummary.properties.table.enum).toEqual([
      ...TABLE_ACCESS_LEVELS,
    ]);
  });

  it('lists exactly the routes the router serves', async () => {
    const router = await createRouter({
      snapshots: {} as never,
      httpAuth: {} as never,
    });
    const served = router.stack
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys((layer.route as any).methods).map(
          method => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = Object.entries(spec.paths as Json)
      .flatMap(([path, item]) =>
        Object.keys(item).map(method => `${method} ${path}`),
      )
      .sort();
    expect(served).toEqual(documented);
  });

  it.each(
    cases.map(c => [`${c.method.toUpperCase()} ${c.url} -> ${c.status}`, c]),
  )(
    '%s matches the document',
    async (_name, { method, url, path, status, auth }) => {
      let call = request(server)[method](`${BASE}${url}`);
      if (auth) {
        call = call.set('Authorization', auth);
      }
      const res = await call;
      expect(res.status).toBe(status);
      const validate = validatorFor(method, path, status);
      if (!validate(res.body)) {
        throw new Error(
          `${method.toUpperCase()} ${url} (${status}) does not match openapi.yaml:\n${JSON.stringify(validate.errors, null, 2)}`,
        );
      }
    },
  );

  it('documents the pages of the export and their errors', async () => {
    const service = mockCredentials.service.header();
    const { body: manifest } = await request(server)
      .get(`${BASE}/snapshot`)
      .set('Authorization', service);
    const path = '/snapshot/{snapshotId}/pages/{page}';
    for (const [url, status] of [
      [`/snapshot/${manifest.snapshotId}/pages/0`, 200],
      [`/snapshot/${manifest.snapshotId}/pages/x`, 400],
      [`/snapshot/${manifest.snapshotId}/pages/${manifest.pageCount}`, 404],
      ['/snapshot/replaced-long-ago/pages/0', 409],
    ] as const) {
      const res = await request(server)
        .get(`${BASE}${url}`)
        .set('Authorization', service);
      expect([url, res.status]).toEqual([url, status]);
      const validate = validatorFor('get', path, status);
      if (!validate(res.body)) {
        throw new Error(
          `GET ${url} (${status}) does not match openapi.yaml:\n${JSON.stringify(validate.errors, null, 2)}`,
        );
      }
    }
  });

  it('is closed: an undocumented or missing field fails the check', async () => {
    const { body } = await request(server).get(
      `${BASE}/data-products/trading/trade-executions`,
    );
    const validate = validatorFor('get', '/data-products/{domain}/{name}', 200);
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, surprise: 1 })).toBe(false);
    const { domain: _dropped, ...withoutDomain } = body;
    expect(validate(withoutDomain)).toBe(false);
    const eventWithExtra = { ...body.events[0], surprise: 1 };
    expect(validate({ ...body, events: [eventWithExtra] })).toBe(false);
    expect(validate({ ...body, classification: 'secret' })).toBe(false);
  });

  it('serves itself at /openapi.json, its paths under the plugin', async () => {
    const res = await request(server).get(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.body.info).toEqual(spec.info);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .map(path => `${BASE}${path}`)
        .sort(),
    );
  });

  it('documents the 503 answers while the first refresh runs', async () => {
    // The test backend waits for the first refresh, so this runs the router
    // itself, with the real snapshot service reading a registry that
    // answers slowly (the loopback Schemas server, 1 s per call).
    const slowAws = await SchemasLoopbackServer.start({
      registries: syntheticRegistries({
        registries: 1,
        schemasPerRegistry: 1,
        versionsPerSchema: 1,
      }),
      faults: { latencyMs: 1000 },
    });
    const snapshots = new DefaultSnapshotService({
      sources: [
        new AwsRegistrySource({
          id: 'slow',
          client: newSchemasClient(
            {
              region: 'eu-west-1',
              endpoint: slowAws.endpoint,
              maxAttempts: 1,
              concurrency: 4,
            },
            { accessKeyId: 'AKIATEST', secretAccessKey: 'test' },
          ),
          region: 'eu-west-1',
          concurrency: 4,
        }),
      ],
      logger: mockServices.logger.mock(),
    });
    const errorLogger = mockServices.logger.mock();
    const app = express()
      .use(
        await createRouter({
          snapshots,
          httpAuth: mockServices.httpAuth(),
        }),
      )
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: errorLogger,
        }).error(),
      );
    const firstRefresh = snapshots.refresh();
    try {
      const health = await request(app).get('/health');
      expect([health.status, health.body.status]).toEqual([503, 'starting']);
      expect(validatorFor('get', '/health', 503)(health.body)).toBe(true);
      const snapshot = await request(app)
        .get('/snapshot')
        .set('Authorization', mockCredentials.service.header());
      expect(snapshot.status).toBe(503);
      expect(snapshot.headers['retry-after']).toBe('5');
      expect(validatorFor('get', '/snapshot', 503)(snapshot.body)).toBe(true);
      // Waiting readers at every start are expected, not logged as errors.
      expect(errorLogger.error).not.toHaveBeenCalled();
    } finally {
      await firstRefresh;
      await slowAws.stop();
    }
  });

  it('documents both /health answers: the status for anonymous callers, the details for signed-in ones', async () => {
    const validate = validatorFor('get', '/health', 200);
    const anonymous = await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', mockCredentials.none.header());
    expect(Object.keys(anonymous.body).sort()).toEqual([
      'snapshotBuiltAt',
      'status',
    ]);
    expect(validate(anonymous.body)).toBe(true);
    for (const auth of [
      mockCredentials.user.header(),
      mockCredentials.service.header(),
    ]) {
      const signedIn = await request(server)
        .get(`${BASE}/health`)
        .set('Authorization', auth);
      expect(signedIn.body).toMatchObject({ status: 'ok', reasons: [] });
      expect(signedIn.body.sources).toHaveLength(1);
      expect(validate(signedIn.body)).toBe(true);
      // Closed: the anonymous shape with a detail added matches neither.
      expect(validate({ ...anonymous.body, eventCount: 1 })).toBe(false);
      expect(validate({ ...signedIn.body, surprise: 1 })).toBe(false);
    }
  });

  it('documents the 403 of a refresh the policy denies', async () => {
    const app = express()
      .use(
        await createRouter({
          snapshots: { refresh: jest.fn() } as never,
          httpAuth: mockServices.httpAuth(),
          permissions: mockServices.permissions({
            result: AuthorizeResult.DENY,
          }),
        }),
      )
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    const denied = await request(app).post('/refresh');
    expect(denied.status).toBe(403);
    expect(validatorFor('post', '/refresh', 403)(denied.body)).toBe(true);
  });

  it('documents the 409 of a registry held by two sources', async () => {
    const twoSources = await startDataMeshBackend({
      sources: [
        { id: 'first', type: 'directory', path: examples },
        { id: 'second', type: 'directory', path: examples },
      ],
    });
    const path = '/events/{registry}/{schema}';
    const ambiguous = await request(twoSources).get(
      `${BASE}/events/trading/${TRADE}`,
    );
    expect(ambiguous.status).toBe(409);
    expect(validatorFor('get', path, 409)(ambiguous.body)).toBe(true);
    const chosen = await request(twoSources).get(
      `${BASE}/events/trading/${TRADE}?source=second`,
    );
    expect(chosen.status).toBe(200);
    expect(chosen.body.location.sourceId).toBe('second');
    expect(validatorFor('get', path, 200)(chosen.body)).toBe(true);
  });
});
