/**
 * Backend benchmarks, run with `npm run bench` (needs --expose-gc). At
 * 10 registries x 500 schemas x 3 versions, one product per schema (5,000
 * products), served by the loopback Schemas server in its own process with
 * 25 ms per call:
 *
 * 1. Cold and warm refresh through the real SnapshotService, AWS source and
 *    SDK client, at the shipped default concurrency and at the others in
 *    BENCH_CONCURRENCIES, with API calls per refresh, the latency floor of
 *    each setting and the event-loop delay (p99) during each refresh. The
 *    process's first cold read is reported apart; each setting runs twice.
 * 2. Heap held by the read and by the snapshot.
 * 3. GET /data-products latency (p95 from every response) under load,
 *    against a real Backstage test backend at the shipped defaults.
 * 4. The catalog module's refresh (the real DataMeshEntityProvider reading
 *    the paged export) when the export changed and when it did not.
 *
 * Prints Markdown tables to paste into docs/benchmarks.md.
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { DataMeshEntityProvider } from '@financial-data-mesh/plugin-catalog-backend-module-data-mesh';
import { SnapshotManifest } from '@financial-data-mesh/plugin-data-mesh-common';
import autocannon from 'autocannon';
import { DEFAULT_CONCURRENCY } from '../src/config/readDataMeshConfig';
import { DefaultSnapshotService } from '../src/services/SnapshotService';
import { AwsRegistrySource } from '../src/sources/aws/AwsRegistrySource';
import { newSchemasClient } from '../src/sources/createSources';
import { dataMeshPlugin } from '../src/plugin';

const REGISTRIES = 10;
const SCHEMAS_PER_REGISTRY = 500;
const VERSIONS = 3;
const LATENCY_MS = 25;
const SCHEMAS_PER_PRODUCT = 1;
const OTHER_CONCURRENCIES = (process.env.BENCH_CONCURRENCIES ?? '16,48,64,96')
  .split(',')
  .map(Number);
const CREDENTIALS = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

type Loopback = Awaited<ReturnType<typeof startLoopbackProcess>>;

/** Starts the loopback server in a child process; resolves its endpoint. */
function startLoopbackProcess() {
  const child = fork(
    join(__dirname, 'loopbackProcess.ts'),
    [
      REGISTRIES,
      SCHEMAS_PER_REGISTRY,
      VERSIONS,
      LATENCY_MS,
      SCHEMAS_PER_PRODUCT,
    ].map(String),
    {
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
    },
  );
  // The TypeScript require hook also talks over IPC ({ type: 'watch' }):
  // wait for the reply that carries the wanted key.
  const next = <T>(key: string) =>
    new Promise<T>(resolve => {
      const onMessage = (message: Record<string, unknown>) => {
        if (key in message) {
          child.off('message', onMessage);
          resolve(message as T);
        }
      };
      child.on('message', onMessage);
    });
  return next<{ endpoint: string }>('endpoint').then(({ endpoint }) => ({
    endpoint,
    requestCount: async () => {
      const reply = next<{ count: number }>('count');
      child.send({ type: 'count' });
      return (await reply).count;
    },
    stop: () => child.disconnect(),
  }));
}

function heapMb(): number {
  (global as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Runs `work` and reports its wall time and the event-loop delay meanwhile. */
async function measured<T>(work: () => Promise<T>) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  delay.disable();
  return {
    result,
    ms,
    delayP99Ms: delay.percentile(99) / 1e6,
    delayMaxMs: delay.max / 1e6,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;

/** Cold then warm refresh of a new SnapshotService at one concurrency. */
async function refreshAt(
  server: Loopback,
  concurrency: number,
  registries?: { names: string[] },
) {
  const source = new AwsRegistrySource({
    id: 'bench',
    // The production client (keep-alive pool sized to the concurrency).
    client: newSchemasClient(
      {
        region: 'eu-west-1',
        endpoint: server.endpoint,
        maxAttempts: 6,
        concurrency,
      },
      CREDENTIALS,
    ),
    region: 'eu-west-1',
    concurrency,
    registries,
  });
  const service = new DefaultSnapshotService({
    sources: [source],
    logger: mockServices.rootLogger({ level: 'error' }),
  });
  const callsBefore = await server.requestCount();
  const heapBefore = heapMb();
  const cold = await measured(() => service.refresh());
  const coldCalls = (await server.requestCount()) - callsBefore;
  const heapAfter = heapMb();
  const warm = await measured(() => service.refresh());
  const warmCalls = (await server.requestCount()) - callsBefore - coldCalls;
  const floorMs = (coldCalls * LATENCY_MS) / concurrency;
  return {
    concurrency,
    cold,
    coldCalls,
    warm,
    warmCalls,
    floorMs,
    heapMb: heapAfter - heapBefore,
    products: service.current().dataProductCount,
  };
}

/** GET latency under load; p95 from every response's time. */
async function latencyUnderLoad(url: string) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: 10, duration: 10 },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  // Response times come with sub-microsecond digits: one decimal is enough.
  const at = (p: number) =>
    Number(
      times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(
        1,
      ),
    );
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    rps: Math.round(result.requests.average),
    non2xx: result.non2xx,
  };
}

/** The real catalog provider against the backend, with a recording connection. */
function catalogProvider(baseUrl: string) {
  let run: (() => Promise<void>) | undefined;
  let entitiesWritten = 0;
  const provider = DataMeshEntityProvider.create({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth(),
    logger: mockServices.rootLogger({ level: 'error' }),
    taskRunner: {
      run: async ({ fn }) => {
        run = fn as () => Promise<void>;
      },
    },
    readinessTimeoutMs: 120_000,
  });
  const connection: Parameters<DataMeshEntityProvider['connect']>[0] = {
    applyMutation: async mutation => {
      entitiesWritten +=
        mutation.type === 'full'
          ? mutation.entities.length
          : mutation.added.length;
    },
    refresh: async () => {},
  };
  return {
    connect: () => provider.connect(connection),
    refresh: async () => {
      const before = entitiesWritten;
      await provider.refresh();
      return entitiesWritten - before;
    },
    scheduled: () => run,
  };
}

async function main() {
  const server = await startLoopbackProcess();
  const refreshRows: string[] = [];
  const settings = [
    DEFAULT_CONCURRENCY,
    ...OTHER_CONCURRENCIES.filter(c => c !== DEFAULT_CONCURRENCY),
  ];
  const heapRows: string[] = [];
  // The first cold read of a process is slower for whichever setting gets
  // it (V8 compiling and sizing its heap, in both processes): reported on
  // its own, then every setting is read twice, fresh each time.
  const firstRead = await refreshAt(server, DEFAULT_CONCURRENCY);
  const firstRow = `first cold refresh after the process started, concurrency ${DEFAULT_CONCURRENCY}: ${seconds(firstRead.cold.ms)} (${(firstRead.cold.ms / firstRead.floorMs).toFixed(2)}x its floor), event-loop delay p99 ${millis(firstRead.cold.delayP99Ms)}`;
  for (const concurrency of settings) {
    const runs = [
      await refreshAt(server, concurrency),
      await refreshAt(server, concurrency),
    ];
    const worst = runs.reduce((a, b) => (a.cold.ms >= b.cold.ms ? a : b));
    const label =
      concurrency === DEFAULT_CONCURRENCY
        ? `${concurrency} (shipped default)`
        : String(concurrency);
    const both = <T>(f: (r: (typeof runs)[number]) => T) =>
      runs.map(f).join(', ');
    refreshRows.push(
      `| ${label} | ${both(r => seconds(r.cold.ms))} (${worst.coldCalls} calls) | ${seconds(worst.floorMs)} | ${(worst.cold.ms / worst.floorMs).toFixed(2)}x | ${both(r => millis(r.cold.delayP99Ms))} | ${both(r => seconds(r.warm.ms))} (${worst.warmCalls} calls) | ${both(r => millis(r.warm.delayP99Ms))} |`,
    );
    if (concurrency === DEFAULT_CONCURRENCY) {
      heapRows.push(
        `| heap held after a cold refresh (raw versions, ${worst.products} products, parsed latest versions, indexes) | ${worst.heapMb.toFixed(1)} MB |`,
      );
    }
  }

  // The backend at the shipped defaults: no concurrency configured.
  const backend = await startTestBackend({
    features: [
      dataMeshPlugin,
      mockServices.rootConfig.factory({
        data: {
          aws: { mainAccount: CREDENTIALS },
          dataMesh: {
            sources: [
              {
                id: 'bench',
                type: 'aws',
                region: 'eu-west-1',
                endpoint: server.endpoint,
              },
            ],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}/api/data-mesh`;
  const catalog = catalogProvider(baseUrl);
  await catalog.connect();
  // Waits for the backend's first refresh (the provider polls the 503).
  const first = await measured(() => catalog.refresh());
  const unchanged = await measured(() => catalog.refresh());
  const catalogRows = [
    `| export changed (first read: the backend serializes the export, the provider reads every page) | ${seconds(first.ms)}, ${first.result} entities written | ${millis(first.delayP99Ms)} (max ${millis(first.delayMaxMs)}) |`,
    `| export unchanged (one 304) | ${millis(unchanged.ms)}, ${unchanged.result} entities written | ${millis(unchanged.delayP99Ms)} |`,
  ];
  const auth = mockServices.auth();
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId: 'data-mesh',
  });
  const manifest = (await (
    await fetch(`${baseUrl}/snapshot`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json()) as SnapshotManifest;

  const listRows: string[] = [];
  for (const [label, path] of [
    ['GET /data-products (first page)', '/data-products'],
    [
      'GET /data-products?q=event42&classification=internal',
      '/data-products?q=event42&classification=internal',
    ],
    [
      'GET /data-products?domain=domain-3&offset=400',
      '/data-products?domain=domain-3&offset=400',
    ],
  ]) {
    const l = await latencyUnderLoad(`${baseUrl}${path}`);
    listRows.push(
      `| ${label} | ${l.p50} ms | **${l.p95} ms** | ${l.p99} ms | ${l.rps} | ${l.non2xx} |`,
    );
  }
  await backend.stop();
  server.stop();

  console.log(
    `\nMachine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}; ${REGISTRIES * SCHEMAS_PER_REGISTRY} schemas x ${VERSIONS} versions, ${manifest.dataProductCount} products, ${LATENCY_MS} ms per call\n`,
  );
  console.log(`${firstRow}\n`);
  console.log(
    '| concurrency | cold refresh (two runs) | latency floor | cold / floor (slower run) | event-loop delay p99, cold | warm refresh | event-loop delay p99, warm |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  refreshRows.forEach(row => console.log(row));
  console.log('\n| measurement | result |\n| --- | --- |');
  heapRows.forEach(row => console.log(row));
  console.log(
    `\n| request (10 connections, 10 s, ${manifest.dataProductCount} products) | p50 | p95 | p99 | req/s | non-2xx |\n| --- | --- | --- | --- | --- | --- |`,
  );
  listRows.forEach(row => console.log(row));
  console.log(
    `\n| catalog module refresh (${manifest.pageCount} pages) | time | event-loop delay p99 |\n| --- | --- | --- |`,
  );
  catalogRows.forEach(row => console.log(row));
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
