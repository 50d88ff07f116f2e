/**
 * Backend benchmarks (issue 4), run with `npm run bench` (needs --expose-gc):
 *
 * 1. A cold full refresh of 10 registries x 500 schemas x 3 versions through
 *    the real AWS source and SDK client against the loopback Schemas server
 *    with 25 ms latency per call, then a warm refresh (versions cached).
 * 2. The snapshot's heap size at that scale.
 * 3. GET /api/data-mesh/data-products latency under load (autocannon)
 *    against a real Backstage test backend serving that snapshot.
 *
 * Prints a Markdown table to paste into docs/benchmarks.md.
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import autocannon from 'autocannon';
import { AwsRegistrySource } from '../src/sources/aws/AwsRegistrySource';
import { newSchemasClient } from '../src/sources/createSources';
import { buildSnapshot } from '../src/snapshot/buildSnapshot';
import { dataMeshPlugin } from '../src/plugin';

const REGISTRIES = 10;
const SCHEMAS_PER_REGISTRY = 500;
const VERSIONS = 3;
const LATENCY_MS = 25;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

/** Starts the loopback server in a child process; resolves its endpoint. */
function startLoopbackProcess() {
  const child = fork(
    join(__dirname, 'loopbackProcess.ts'),
    [REGISTRIES, SCHEMAS_PER_REGISTRY, VERSIONS, LATENCY_MS].map(String),
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

async function main() {
  const rows: Array<[string, string]> = [];
  const server = await startLoopbackProcess();
  const source = new AwsRegistrySource({
    id: 'bench',
    // The production client (keep-alive pool sized to the concurrency).
    client: newSchemasClient(
      {
        region: 'eu-west-1',
        endpoint: server.endpoint,
        maxAttempts: 6,
        concurrency: CONCURRENCY,
      },
      { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' },
    ),
    region: 'eu-west-1',
    concurrency: CONCURRENCY,
  });

  const schemas = REGISTRIES * SCHEMAS_PER_REGISTRY;
  const heapBeforeRead = heapMb();
  let started = Date.now();
  const cold = await source.read();
  const coldMs = Date.now() - started;
  const coldCalls = await server.requestCount();
  const heapAfterRead = heapMb();
  rows.push([
    `cold refresh, ${schemas} schemas x ${VERSIONS} versions, ${REGISTRIES} registries, ${LATENCY_MS} ms/call, concurrency ${CONCURRENCY}`,
    `${(coldMs / 1000).toFixed(2)} s (${coldCalls} API calls)`,
  ]);

  started = Date.now();
  await source.read();
  rows.push([
    'warm refresh (unchanged versions served from cache)',
    `${((Date.now() - started) / 1000).toFixed(2)} s (${(await server.requestCount()) - coldCalls} API calls)`,
  ]);

  rows.push([
    'heap held by the source after the read (all versions, raw content)',
    `${(heapAfterRead - heapBeforeRead).toFixed(1)} MB`,
  ]);
  const before = heapMb();
  const snapshot = buildSnapshot([
    {
      location: { sourceId: 'bench', type: 'aws', region: 'eu-west-1' },
      registries: cold.registries,
    },
  ]);
  const after = heapMb();
  rows.push([
    `snapshot heap (${snapshot.dataProductCount} products, ${snapshot.eventCount} events, raw content included)`,
    `${(after - before).toFixed(1)} MB on top of the read`,
  ]);

  const backend = await startTestBackend({
    features: [
      dataMeshPlugin,
      mockServices.rootConfig.factory({
        data: {
          aws: {
            mainAccount: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' },
          },
          dataMesh: {
            sources: [
              {
                id: 'bench',
                type: 'aws',
                region: 'eu-west-1',
                endpoint: server.endpoint,
                concurrency: CONCURRENCY,
              },
            ],
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  for (const [label, path] of [
    ['GET /data-products (first page)', '/api/data-mesh/data-products'],
    [
      'GET /data-products?q=event42&classification=internal',
      '/api/data-mesh/data-products?q=event42&classification=internal',
    ],
  ]) {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${path}`,
      connections: 10,
      duration: 10,
    });
    rows.push([
      `${label} at ${snapshot.dataProductCount} products, 10 connections, 10 s`,
      `p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, ${result.non2xx} non-2xx`,
    ]);
  }
  await backend.stop();
  server.stop();

  console.log(
    `\nMachine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}\n`,
  );
  console.log('| measurement | result |\n| --- | --- |');
  for (const [label, value] of rows) {
    console.log(`| ${label} | ${value} |`);
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
