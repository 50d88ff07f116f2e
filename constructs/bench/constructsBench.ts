import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { App, Stack } from 'aws-cdk-lib';
import { DataDomain, DataProduct } from '../src';
import { createBatchProcessor } from '../src/runtime/enrich/processBatch';
import { PipeSqsMessage } from '../src/runtime/enrich/eventEnvelope';
import { CachedReferenceData } from '../src/runtime/enrich/referenceData';
import { createRecordTransformer } from '../src/runtime/enrich/transformRecord';
import { createEventValidator } from '../src/runtime/enrich/validateEvents';
import {
  HANDLER_ENTRIES,
  handlerBundleFile,
} from '../src/runtime/handlerBundle';
import {
  sampleHandlerConfig,
  SAMPLE_DOMAINS_DIR,
} from '../src/testing/sampleContracts';

/**
 * Benchmarks of the construct library (results in docs/benchmarks.md):
 * handler throughput on one core (validate + enrich + transform, warm
 * cache), bundle size, and synth time for 1, 10 and 30 products.
 */

const BATCH_SIZE = 100;
/** A CloudFormation stack holds at most 500 resources: about 14 products with their domain. */
const PRODUCTS_PER_STACK = 10;
const INSTRUMENTS = Array.from(
  { length: 500 },
  (_, i) => `US${String(i).padStart(9, '0')}5`,
);

function tradeBatch(batch: number): PipeSqsMessage[] {
  return Array.from({ length: BATCH_SIZE }, (_, i) => {
    const n = batch * BATCH_SIZE + i;
    return {
      messageId: `m-${n}`,
      body: JSON.stringify({
        version: '0',
        id: `0d0b4f2c-${n}`,
        'detail-type': 'TradeExecuted',
        source: 'com.fintech.trading',
        account: '111111111111',
        time: '2026-11-25T09:30:12Z',
        region: 'eu-central-1',
        resources: [],
        detail: {
          trade_id: `T-${n}`,
          instrument: INSTRUMENTS[n % INSTRUMENTS.length],
          quantity: 100 + (n % 50),
          price: 187.25,
          currency: 'USD',
          trader_id: `E${1000 + (n % 200)}`,
          direction: n % 2 ? 'BUY' : 'SELL',
          exchange: 'XNAS',
          venue_order_id: `V-${n}`,
          executed_at: '2026-11-25T09:30:11.250Z',
        },
      }),
    };
  });
}

async function handlerThroughput(): Promise<{
  eventsPerSecond: number;
  events: number;
  seconds: number;
}> {
  const config = sampleHandlerConfig('trading');
  const referenceData = new CachedReferenceData(
    {
      fetch: async keys =>
        new Map(
          keys.map(key => [
            key,
            {
              instrument: key,
              asset_class: 'EQUITY',
              issuer_name: `Issuer ${key}`,
              listing_currency: 'USD',
            },
          ]),
        ),
    },
    { ttlMs: 3_600_000, maxEntries: 100_000 },
  );
  const process = createBatchProcessor({
    config,
    validate: createEventValidator(config),
    transform: createRecordTransformer(config, 'bench-hash-key'),
    referenceData,
    quarantine: { put: async () => undefined },
    recordMetrics: () => undefined,
  });
  const batches = Array.from({ length: 200 }, (_, b) => tradeBatch(b));
  for (const batch of batches) {
    await process(batch); // warm-up: JIT and the reference cache
  }
  let events = 0;
  const started = performance.now();
  while (performance.now() - started < 5000) {
    for (const batch of batches) {
      events += (await process(batch)).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSecond: Math.round(events / seconds), events, seconds };
}

function writeBenchContracts(dir: string, products: number): string[] {
  const schema = readFileSync(
    join(SAMPLE_DOMAINS_DIR, 'trading', 'schemas', 'trade-executed.json'),
    'utf8',
  );
  return Array.from({ length: products }, (_, i) => {
    const productDir = join(dir, `product-${i}`);
    mkdirSync(join(productDir, 'schemas'), { recursive: true });
    writeFileSync(join(productDir, 'schemas', 'event.json'), schema);
    writeFileSync(
      join(productDir, 'data-product.yaml'),
      [
        'apiVersion: datamesh.fintech/v1',
        'kind: DataProduct',
        `name: bench-product-${i}`,
        `domain: ${benchDomainOf(i)}`,
        'version: 1.0.0',
        'owner: group:bench',
        'description: A generated product for the synth benchmark.',
        'classification: confidential',
        'retention:',
        '  days: 365',
        'sla:',
        '  freshnessMinutes: 15',
        '  latencyP95Ms: 500',
        'events:',
        `  - detailType: BenchEvent${i}`,
        '    schema: schemas/event.json',
        '    version: 1',
        '    piiFields: [trader_id]',
        'enrichment:',
        `  referenceTable: ${benchDomainOf(i)}-instruments`,
        '  keyField: instrument',
        '  attributes: [asset_class]',
        '',
      ].join('\n'),
    );
    return join(productDir, 'data-product.yaml');
  });
}

function benchDomainOf(product: number): string {
  return `bench-${Math.floor(product / PRODUCTS_PER_STACK)}`;
}

function synthMilliseconds(contracts: string[]): number {
  const started = performance.now();
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'bench-synth-')) });
  let domain: DataDomain | undefined;
  contracts.forEach((contractFile, i) => {
    if (i % PRODUCTS_PER_STACK === 0) {
      const stack = new Stack(app, `Bench${i / PRODUCTS_PER_STACK}`);
      domain = new DataDomain(stack, 'Domain', { domain: benchDomainOf(i) });
    }
    DataProduct.fromContractFile(domain!, `Product${i}`, {
      domain: domain!,
      contractFile,
    });
  });
  const assembly = app.synth();
  const elapsed = performance.now() - started;
  rmSync(assembly.directory, { recursive: true, force: true });
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  print(
    `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );

  const throughput = await handlerThroughput();
  print(
    // trader_id takes 200 values: after warm-up its HMAC comes from the hash cache, as for a real desk.
    `handler (validate+enrich+transform, warm caches, batches of ${BATCH_SIZE}, trading sample, PII field trader_id with 200 distinct values): ${throughput.eventsPerSecond} events/s (${throughput.events} events in ${throughput.seconds.toFixed(1)} s)`,
  );

  for (const name of Object.keys(HANDLER_ENTRIES)) {
    const bundle = handlerBundleFile(name);
    print(
      `${name} bundle: ${(statSync(bundle).size / 1024).toFixed(0)} KiB minified, ${(gzipSync(readFileSync(bundle)).length / 1024).toFixed(0)} KiB gzipped`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'bench-contracts-'));
  try {
    const contracts = writeBenchContracts(dir, 30);
    synthMilliseconds(contracts.slice(0, 10)); // warm-up: module loading and JIT
    const runs: Record<number, number[]> = { 1: [], 10: [], 30: [] };
    // Interleaved rounds, median of three: the machine is shared.
    for (let round = 0; round < 3; round++) {
      for (const products of [1, 10, 30]) {
        runs[products].push(synthMilliseconds(contracts.slice(0, products)));
      }
    }
    for (const products of [1, 10, 30]) {
      const ms = median(runs[products]);
      print(
        `synth ${products} products (no cdk-nag): ${(ms / 1000).toFixed(2)} s median of 3 (${(ms / products).toFixed(0)} ms/product; runs ${runs[products].map(r => (r / 1000).toFixed(2)).join(', ')} s)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
