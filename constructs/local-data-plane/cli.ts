import { loadSampleContract } from '../src/testing/sampleContracts';
import { expectedResult, unaccountedEventIds } from './expectations';
import { ProductRun, runLocalDataPlane } from './run-local-data-plane';

/**
 * `npm run pipeline:local`: the sample domains' pipeline on an AWS
 * emulator, and what happened to every event. Options (environment):
 * `DAYS` (3), `EVENTS_PER_DAY` (40), `AWS_ENDPOINT_URL` (an emulator that
 * is already running; otherwise moto_server is started and stopped).
 * Exits 1 when a product's result differs from what its samples imply.
 */
async function main(): Promise<number> {
  const started = Date.now();
  const run = await runLocalDataPlane({
    days: Number(process.env.DAYS ?? 3),
    eventsPerDay: Number(process.env.EVENTS_PER_DAY ?? 40),
    log: line => console.log(`- ${line}`),
  });
  let failures = 0;
  for (const product of run.products) {
    failures += printProduct(product);
  }
  console.log(
    `\n${run.products.length} products in ${((Date.now() - started) / 1000).toFixed(1)} s on ${run.emulator} (${run.endpoint}); ${failures === 0 ? 'every event accounted for' : `${failures} mismatches`}`,
  );
  return failures === 0 ? 0 : 1;
}

function printProduct(product: ProductRun): number {
  const contract = loadSampleContract(
    product.domain as 'trading' | 'credit' | 'customer',
  ).contract;
  const expected = expectedResult(product, contract);
  const quarantinedByReason: Record<string, number> = {};
  for (const entry of product.quarantined) {
    quarantinedByReason[entry.reason] =
      (quarantinedByReason[entry.reason] ?? 0) + 1;
  }
  const checks: Array<[string, unknown, unknown]> = [
    [
      'distinct events in the table',
      product.tableEventIds.size,
      expected.rowIds.size,
    ],
    [
      'quarantined by reason',
      quarantinedByReason,
      expected.quarantinedByReason,
    ],
    ['handler metrics', product.metrics, expected.metrics],
    ['dead letters', product.deadLetters, 0],
    ['Firehose conversion failures', product.conversion.failedByType, {}],
  ];
  const lost = unaccountedEventIds(product);
  checks.push(['events neither in the table nor quarantined', lost.length, 0]);

  console.log(`\n## ${product.product} (${product.domain})`);
  console.log(
    `events sent: ${product.events.length}; copies delivered again: ${product.drain.redeliveries.sameBatch} in the same batch, ${product.drain.redeliveries.laterBatch} in a later one`,
  );
  console.log(
    `rows: ${product.tableRows} (${product.tableEventIds.size} distinct events); quarantined: ${product.quarantined.length} ${JSON.stringify(quarantinedByReason)}; duplicates dropped by the handler: ${product.metrics.DuplicateEvents ?? 0}; missing reference data: ${product.metrics.MissingReferenceData ?? 0}`,
  );
  console.log(
    `Parquet: ${product.conversion.parquetFiles.length} files, ${Object.entries(
      product.conversion.rowsByPrefix,
    )
      .map(([prefix, rows]) => `${prefix} ${rows}`)
      .join(', ')}`,
  );
  for (const query of product.queries) {
    console.log(`\n${query.name}:`);
    if (query.error) {
      console.log(`  FAILED: ${query.error}`);
      checks.push([`${query.name} runs`, query.error, undefined]);
    } else if (query.name.endsWith('-latest-records')) {
      console.log(`  ${query.rows?.length} rows`);
    } else {
      console.table(query.rows);
    }
  }
  let mismatches = 0;
  for (const [what, seen, wanted] of checks) {
    if (canonical(seen) !== canonical(wanted)) {
      mismatches++;
      console.log(
        `MISMATCH ${what}: saw ${JSON.stringify(seen)}, expected ${JSON.stringify(wanted)}`,
      );
    }
  }
  return mismatches;
}

/** JSON with object keys sorted, so that two counts objects compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

main().then(
  code => process.exit(code),
  error => {
    console.error(`pipeline:local failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
