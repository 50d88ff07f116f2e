import { SchemasClient } from '@aws-sdk/client-schemas';
import { mockServices } from '@backstage/backend-test-utils';
import {
  RawRegistry,
  RawSchema,
} from '@financial-data-mesh/plugin-data-mesh-node';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { AwsRegistrySource } from '../sources/aws/AwsRegistrySource';
import { SchemasLoopbackServer } from '../testing/SchemasLoopbackServer';
import { syntheticRegistries } from '../testing/syntheticRegistries';
import { DefaultSnapshotService } from './SnapshotService';

/**
 * The snapshot service over the real SDK client and the loopback Schemas
 * server, with faults injected between refreshes.
 */
describe('DefaultSnapshotService with a faulty registry', () => {
  let server: SchemasLoopbackServer;
  afterEach(() => server?.stop());

  async function start(
    registries: RawRegistry[],
    options: {
      pageSize?: number;
      refreshBudgetSeconds?: number;
      staleAfterMs?: number;
    } = {},
  ) {
    server = await SchemasLoopbackServer.start({
      registries,
      pageSize: options.pageSize,
    });
    const source = new AwsRegistrySource({
      id: 'aws-test',
      client: new SchemasClient({
        region: 'eu-west-1',
        endpoint: server.endpoint,
        credentials: { accessKeyId: 'AKIATESTTEST', secretAccessKey: 'x' },
        retryStrategy: new ConfiguredRetryStrategy(3, () => 5),
      }),
      region: 'eu-west-1',
      concurrency: 4,
    });
    const logger = mockServices.logger.mock();
    const snapshots = new DefaultSnapshotService({
      sources: [source],
      logger,
      refreshBudgetSeconds: options.refreshBudgetSeconds,
      staleAfterMs: options.staleAfterMs,
    });
    return { snapshots, logger, source: () => snapshots.health().sources[0] };
  }

  /** A new version of the schema, so the next refresh must describe it again. */
  function addVersion(registry: RawRegistry, index: number) {
    const schema = registry.schemas[index];
    const changed: RawSchema = {
      ...schema,
      lastModified: '2026-11-20T00:00:00.000Z',
      versions: [
        ...schema.versions,
        { version: String(schema.versions.length + 1), content: '{}' },
      ],
    };
    (registry.schemas as RawSchema[])[index] = changed;
    return changed.name;
  }

  const versionCountOf = (snapshots: DefaultSnapshotService, name: string) =>
    snapshots
      .current()
      .allEvents()
      .find(event => event.summary.schemaName === name)?.summary.versionCount;

  it.each([
    ['throttled past every retry (429)', 'alwaysThrottlePath', /HTTP 429/],
    ['failing (500)', 'alwaysFailPath', /HTTP 500/],
  ] as const)(
    'serves the last good versions of a schema %s, flagged',
    async (_, fault, status) => {
      const registries = syntheticRegistries({
        registries: 1,
        schemasPerRegistry: 3,
        versionsPerSchema: 1,
      });
      const { snapshots, logger, source } = await start(registries);
      await snapshots.refresh();
      expect(snapshots.completeness().complete).toBe(true);

      const name = addVersion(registries[0], 1);
      server.faults[fault] = `schemas/name/${name}`;
      await snapshots.refresh();

      expect(snapshots.current().eventCount).toBe(3);
      expect(versionCountOf(snapshots, name)).toBe(1);
      expect(source()).toMatchObject({
        status: 'ok',
        schemaCount: 3,
        schemasInError: 1,
        stale: false,
        warnings: [
          expect.stringMatching(
            new RegExp(
              `^domain-0: ${name}: .*${status.source}.*serving the versions of its last good read \\(stale\\)$`,
            ),
          ),
        ],
      });
      expect(snapshots.completeness()).toEqual({
        complete: false,
        incompleteSources: ['aws-test'],
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('serving the versions of its last good read'),
      );

      // Healed: the new version shows up, the flag goes.
      server.faults = {};
      await snapshots.refresh();
      expect(versionCountOf(snapshots, name)).toBe(2);
      expect(source()).toMatchObject({ schemasInError: 0, warnings: [] });
      expect(snapshots.completeness().complete).toBe(true);
    },
  );

  it('reports data older than staleAfter as degraded, still serving it', async () => {
    const { snapshots } = await start(
      syntheticRegistries({
        registries: 1,
        schemasPerRegistry: 2,
        versionsPerSchema: 1,
      }),
      { staleAfterMs: 1000 },
    );
    await snapshots.refresh();
    expect(snapshots.health().status).toBe('ok');
    await new Promise(resolve => setTimeout(resolve, 1100));
    const health = snapshots.health();
    expect(health.status).toBe('degraded');
    expect(health.reasons).toEqual([
      `source aws-test was last read at ${health.sources[0].dataReadAt}, longer ago than 1 s`,
    ]);
    expect(snapshots.current().eventCount).toBe(2);
  });

  it('says so when a failing schema has no earlier read to fall back on', async () => {
    const registries = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 3,
      versionsPerSchema: 1,
    });
    const { snapshots, source } = await start(registries);
    server.faults.alwaysFailPath = 'schemas/name/com.fintech.domain0@Event0';

    await snapshots.refresh();

    expect(snapshots.current().eventCount).toBe(2);
    expect(source().schemasInError).toBe(1);
    expect(source().warnings[0]).toMatch(
      /not served: no earlier good read to fall back on$/,
    );
  });

  it('holds back a read that lost most schemas (a lost NextToken) until it repeats', async () => {
    const registries = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 60,
      versionsPerSchema: 1,
    });
    const { snapshots, logger, source } = await start(registries, {
      pageSize: 25,
    });
    await snapshots.refresh();
    expect(snapshots.current().eventCount).toBe(60);

    server.faults.dropNextToken = true;
    await snapshots.refresh();

    expect(snapshots.current().eventCount).toBe(60);
    expect(source()).toMatchObject({
      status: 'ok',
      stale: true,
      schemaCount: 60,
      suspectSchemaCount: 25,
      warnings: [expect.stringMatching(/25 schemas where 60 are served/)],
    });
    expect(snapshots.completeness().complete).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/held back as a suspect drop/),
    );

    // The same count again: believed.
    await snapshots.refresh();
    expect(snapshots.current().eventCount).toBe(25);
    expect(source()).toMatchObject({ stale: false, schemaCount: 25 });
    expect(source().suspectSchemaCount).toBeUndefined();
    expect(snapshots.completeness().complete).toBe(true);
  });

  it('holds back exactly half (a lost token on a two-page listing), but not a few deletions', async () => {
    const registries = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 20,
      versionsPerSchema: 1,
    });
    const { snapshots, source } = await start(registries, { pageSize: 10 });
    await snapshots.refresh();

    server.faults.dropNextToken = true;
    await snapshots.refresh();
    expect(source()).toMatchObject({ suspectSchemaCount: 10, stale: true });
    expect(snapshots.current().eventCount).toBe(20);

    // Healed, and three schemas deleted: an ordinary change, believed at once.
    server.faults = {};
    (registries[0].schemas as RawSchema[]).splice(0, 3);
    await snapshots.refresh();
    expect(source()).toMatchObject({ stale: false, schemaCount: 17 });
    expect(source().suspectSchemaCount).toBeUndefined();
  });

  it('abandons a refresh past its budget, keeping the last good data', async () => {
    const registries = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 3,
      versionsPerSchema: 1,
    });
    const { snapshots, source } = await start(registries, {
      refreshBudgetSeconds: 0.5,
    });
    await snapshots.refresh();
    const name = addVersion(registries[0], 2);
    server.faults.hangPath = `schemas/name/${name}`;

    const started = Date.now();
    await snapshots.refresh();

    expect(Date.now() - started).toBeLessThan(3000);
    expect(snapshots.current().eventCount).toBe(3);
    expect(versionCountOf(snapshots, name)).toBe(1);
    expect(source()).toMatchObject({
      status: 'failing',
      stale: true,
      error: 'refresh exceeded its budget of 0.5 s; the read was abandoned',
      dataReadAt: expect.any(String),
      dataAgeSeconds: expect.any(Number),
    });
    expect(snapshots.completeness().incompleteSources).toEqual(['aws-test']);
  });

  it("stops only the caller's wait when its signal aborts, never the shared run", async () => {
    const registries = syntheticRegistries({
      registries: 1,
      schemasPerRegistry: 2,
      versionsPerSchema: 1,
    });
    const { snapshots, source } = await start(registries);
    server.faults.latencyMs = 200;
    const impatient = new AbortController();

    const first = snapshots.refresh({ signal: impatient.signal });
    const second = snapshots.refresh();
    setTimeout(() => impatient.abort(new Error('caller gave up')), 20);

    await expect(first).rejects.toThrow('caller gave up');
    await second;
    expect(source()).toMatchObject({ status: 'ok', schemaCount: 2 });
    expect(snapshots.current().eventCount).toBe(2);
  });
});
