import { resolve } from 'node:path';
import express from 'express';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  RawRegistry,
  RawSchema,
  RegistrySource,
} from '@financial-data-mesh/plugin-data-mesh-node';
import request from 'supertest';
import { dataMeshPlugin } from './plugin';
import { createRouter } from './router';
import { DefaultSnapshotService } from './services/SnapshotService';
import { SchemasLoopbackServer } from './testing/SchemasLoopbackServer';

const examples = resolve(__dirname, '../../../examples/registry');
const BASE = '/api/data-mesh';

const productTags = {
  'datamesh:domain': 'hostile',
  'datamesh:data-product': 'hostile-events',
  'datamesh:owner': 'group:red-team',
};

function version(content: string): RawSchema['versions'][number] {
  return { version: '1', createdAt: '2026-01-01T00:00:00Z', content };
}

function schema(name: string, content: string): RawSchema {
  return {
    name,
    format: 'JSONSchemaDraft4',
    tags: productTags,
    lastModified: '2026-01-01T00:00:00Z',
    versions: [version(content)],
  };
}

/** Each definition refers to the next twice: 2^levels leaves as a tree, 2 KB as text. */
function fanOut(levels: number): string {
  const definitions: Record<string, unknown> = {
    [`D${levels}`]: { type: 'string' },
  };
  for (let level = 0; level < levels; level++) {
    const next = { $ref: `#/definitions/D${level + 1}` };
    definitions[`D${level}`] = {
      type: 'object',
      properties: { left: next, right: next },
    };
  }
  return JSON.stringify({
    type: 'object',
    properties: { root: { $ref: '#/definitions/D0' } },
    definitions,
  });
}

/** Built as text: JSON.stringify itself overflows the stack at this depth. */
function deeplyNested(depth: number): string {
  return `${'{"type":"object","properties":{"child":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
}

const goodContent = JSON.stringify({
  type: 'object',
  properties: { id: { type: 'string' } },
});

const hostileRegistry: RawRegistry = {
  name: 'hostile',
  tags: {},
  schemas: [
    schema('red.team@FanOut', fanOut(24)),
    schema(
      'red.team@BadEscape',
      JSON.stringify({
        type: 'object',
        properties: { amount: { $ref: '#/definitions/%E0%A4%A' } },
        definitions: {},
      }),
    ),
    schema('red.team@Deep', deeplyNested(3000)),
    schema('red.team@Fine', goodContent),
  ],
};

function problemsOf(body: { items: Array<Record<string, any>> }) {
  return Object.fromEntries(
    body.items.map(event => [event.schemaName, event.problems]),
  );
}

describe('a backend reading hostile schemas next to good ones', () => {
  let aws: SchemasLoopbackServer;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    aws = await SchemasLoopbackServer.start({ registries: [hostileRegistry] });
    ({ server } = await startTestBackend({
      features: [
        dataMeshPlugin,
        mockServices.rootConfig.factory({
          data: {
            aws: {
              mainAccount: { accessKeyId: 'AKIATEST', secretAccessKey: 'test' },
            },
            dataMesh: {
              sources: [
                { id: 'examples', type: 'directory', path: examples },
                {
                  id: 'mirror',
                  type: 'aws',
                  region: 'eu-west-1',
                  endpoint: aws.endpoint,
                  maxAttempts: 1,
                },
              ],
            },
          },
        }),
      ],
    }));
    for (let attempt = 0; attempt < 200; attempt++) {
      const health = await request(server).get(`${BASE}/health`);
      if (health.status === 200) {
        return;
      }
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('the data mesh snapshot never became ready');
  });

  afterAll(async () => {
    await aws.stop();
  });

  it('starts and lists every good product, the hostile one degraded', async () => {
    const res = await request(server).get(`${BASE}/data-products`);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((p: Record<string, unknown>) => [
        `${p.domain}/${p.name}`,
        p.degraded,
      ]),
    ).toEqual([
      ['credit/credit-decisions', false],
      ['customer/customer-onboarding', false],
      ['hostile/hostile-events', true],
      ['trading/trade-executions', false],
    ]);
  });

  it('gives each hostile schema a problem naming what is wrong', async () => {
    const res = await request(server).get(`${BASE}/events?registry=hostile`);
    expect(res.status).toBe(200);
    expect(problemsOf(res.body)).toEqual({
      'red.team@FanOut': [
        expect.stringMatching(
          /^version 1: the schema expands to more than 100000 nodes \(the limit of expanded schema size, maxNodes/,
        ),
      ],
      'red.team@BadEscape': [
        'version 1: $ref "#/definitions/%E0%A4%A" has an invalid percent-escape (a "%" must be followed by two hex digits of UTF-8) (at #/properties/amount)',
      ],
      'red.team@Deep': [
        expect.stringMatching(
          /^version 1: the schema nests deeper than 256 levels \(the limit of schema depth, maxDepth\)/,
        ),
      ],
      'red.team@Fine': [],
    });
  });

  it('answers the fan-out version with the budget error, quickly', async () => {
    const started = Date.now();
    const res = await request(server)
      .get(`${BASE}/events/hostile/red.team@FanOut/versions/1`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.detail).toBeUndefined();
    expect(res.body.fields).toEqual([]);
    expect(res.body.problems).toEqual([
      expect.stringContaining('the schema expands to more than 100000 nodes'),
    ]);
    // Generous on purpose (shared CI); the budget itself is asserted above.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses to diff a hostile version with a 400 naming the problem', async () => {
    const res = await request(server).get(
      `${BASE}/events/hostile/red.team@Deep/diff?from=1&to=1`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nests deeper than 256 levels/);
  });

  it('reports degraded with the reason to a signed-in user, and no server path to an anonymous one', async () => {
    const signedIn = await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', mockCredentials.user.header());
    expect(signedIn.body.status).toBe('degraded');
    expect(signedIn.body.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/schema\(s\) are in error and served degraded/),
      ]),
    );
    const anonymous = await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', mockCredentials.none.header());
    expect(Object.keys(anonymous.body).sort()).toEqual([
      'snapshotBuiltAt',
      'status',
    ]);
    expect(anonymous.body.status).toBe('degraded');
    expect(JSON.stringify(anonymous.body)).not.toContain(examples);
  });

  it('still serves the good schema next to them', async () => {
    const res = await request(server).get(
      `${BASE}/events/hostile/red.team@Fine/versions/1`,
    );
    expect(res.status).toBe(200);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual([
      'id',
    ]);
  });
});

describe('a source holding a schema with zero versions', () => {
  function sourceOf(registries: RawRegistry[]): RegistrySource {
    return {
      id: 'odd',
      location: { type: 'directory', path: '/mirror' },
      read: async () => ({ registries, warnings: [] }),
    };
  }

  it('leaves it out with a warning; its product and the others build', async () => {
    const snapshots = new DefaultSnapshotService({
      sources: [
        sourceOf([
          {
            name: 'odd',
            tags: {},
            schemas: [
              { ...schema('red.team@Empty', goodContent), versions: [] },
              schema('red.team@Fine', goodContent),
            ],
          },
        ]),
      ],
      logger: mockServices.logger.mock(),
    });
    const app = express()
      .use(await createRouter({ snapshots, httpAuth: mockServices.httpAuth() }))
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.logger.mock(),
        }).error(),
      );
    await snapshots.refresh();

    const health = await request(app).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.sources[0].warnings).toEqual([
      'odd: red.team@Empty: the schema has no versions; it is left out of the catalog until it has one',
    ]);
    const events = await request(app).get('/events');
    expect(
      events.body.items.map((e: { schemaName: string }) => e.schemaName),
    ).toEqual(['red.team@Fine']);
    const product = await request(app).get(
      '/data-products/hostile/hostile-events',
    );
    expect(product.body).toMatchObject({
      degraded: true,
      eventCount: 1,
      problems: [
        'red.team@Empty: the schema has no versions; it is left out of the catalog until it has one',
      ],
    });
  });
});
