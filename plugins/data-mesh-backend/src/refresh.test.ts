import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dataMeshRefreshPermission } from '@financial-data-mesh/plugin-data-mesh-common';
import request from 'supertest';
import { startDataMeshBackend } from './__testUtils__/startDataMeshBackend';

/**
 * Who learns what from /health, and who may make the backend refresh (and
 * how often), through the real plugin in a test backend.
 */

const examples = resolve(__dirname, '../../../examples/registry');
const BASE = '/api/data-mesh';

function startBackend(options: {
  dataMesh: object;
  permissions?: ReturnType<typeof mockServices.permissions.mock>;
  permissionsRegistry?: ReturnType<
    typeof mockServices.permissionsRegistry.mock
  >;
}) {
  return startDataMeshBackend(options.dataMesh, [
    ...(options.permissions ? [options.permissions.factory] : []),
    ...(options.permissionsRegistry
      ? [options.permissionsRegistry.factory]
      : []),
  ]);
}

describe('/health', () => {
  let scratch: string;
  let server: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'health-'));
    cpSync(examples, join(scratch, 'registry'), { recursive: true });
    // A broken schema file: its warning names the file.
    writeFileSync(
      join(
        scratch,
        'registry/trading/com.fintech.trading@TradeExecuted/schema.json',
      ),
      '{ "type": ',
    );
    server = await startBackend({
      dataMesh: {
        sources: [
          { id: 'local', type: 'directory', path: join(scratch, 'registry') },
          { id: 'gone', type: 'directory', path: join(scratch, 'missing') },
        ],
      },
    });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('tells an anonymous caller the status and nothing else', async () => {
    const res = await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['snapshotBuiltAt', 'status']);
    expect(res.body.status).toBe('degraded');
    // No path-like string at all: no server path, file or folder.
    expect(JSON.stringify(res.body)).not.toMatch(/\//);
    expect(res.headers.vary).toMatch(/Authorization/);
  });

  it.each([
    ['a user', mockCredentials.user.header()],
    ['a service', mockCredentials.service.header()],
  ])(
    'tells %s why, source by source, without server paths',
    async (_who, auth) => {
      const res = await request(server)
        .get(`${BASE}/health`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      expect(res.body.reasons).toEqual(
        expect.arrayContaining([
          'source gone has never been read',
          'source local read with 1 warning(s)',
        ]),
      );
      expect(res.body.sources.map((s: any) => s.status)).toEqual([
        'ok',
        'failing',
      ]);
      expect(res.body.sources[0].warnings).toEqual([
        expect.stringMatching(
          /^trading: com\.fintech\.trading@TradeExecuted: trading\/com\.fintech\.trading@TradeExecuted\/schema\.json is not valid JSON/,
        ),
      ]);
      expect(res.body.sources[1].error).toMatch(
        /registry folder of source gone does not exist/,
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(scratch);
      expect(text).not.toContain(tmpdir());
      expect(text).not.toContain(process.cwd());
    },
  );

  it('refuses a bad token rather than treating it as anonymous', async () => {
    const res = await request(server)
      .get(`${BASE}/health`)
      .set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});

describe('/refresh', () => {
  const dataMesh = {
    sources: [{ id: 'examples', type: 'directory', path: examples }],
    refresh: { minInterval: { milliseconds: 600 } },
  };

  it('registers data-mesh.refresh with the permissions registry', async () => {
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startBackend({ dataMesh, permissionsRegistry });
    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith([
      dataMeshRefreshPermission,
    ]);
  });

  it('answers 403 when the policy denies data-mesh.refresh', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]),
    });
    const server = await startBackend({ dataMesh, permissions });
    const res = await request(server).post(`${BASE}/refresh`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/data-mesh\.refresh/);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: dataMeshRefreshPermission }],
      {
        credentials: expect.objectContaining({ principal: expect.anything() }),
      },
    );
    expect(dataMeshRefreshPermission.name).toBe('data-mesh.refresh');
  });

  it('joins a running refresh, answers 429 within the interval and accepts one after it', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.ALLOW }]),
    });
    const server = await startBackend({ dataMesh, permissions });

    const together = await Promise.all([
      request(server).post(`${BASE}/refresh`),
      request(server).post(`${BASE}/refresh`),
    ]);
    expect(together.map(res => res.status)).toEqual([200, 200]);
    expect(together[0].body.status).toBe('ok');

    const tooSoon = await request(server).post(`${BASE}/refresh`);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers['retry-after']).toBe('1');
    expect(tooSoon.body.error.message).toMatch(/retry in 1 s/);

    await new Promise(r => setTimeout(r, 700));
    const later = await request(server).post(`${BASE}/refresh`);
    expect(later.status).toBe(200);
  });

  it('still needs credentials', async () => {
    const server = await startBackend({ dataMesh });
    const res = await request(server)
      .post(`${BASE}/refresh`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
