import { cpus } from 'node:os';
import { unaccountedEventIds } from '../local-data-plane/expectations';
import { runLocalDataPlane } from '../local-data-plane/run-local-data-plane';

/**
 * The local data plane at scale (results in docs/benchmarks.md): the
 * sample domains' pipeline on moto with `BENCH_EVENTS` events in all
 * (default 100,000, shared by the three products over `BENCH_DAYS` days),
 * events/s through publish -> rules -> queue -> handler -> Firehose ->
 * Parquet, and the seconds from the last event published to the
 * regulatory report's result. The phases are timed separately, so the
 * emulator's share is visible.
 */
async function main() {
  const total = Number(process.env.BENCH_EVENTS ?? 100_000);
  const days = Number(process.env.BENCH_DAYS ?? 5);
  const products = 3;
  const perDay = Math.ceil(total / (products * days));
  console.log(
    `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}; ${perDay * days * products} events (${perDay} per product and day, ${days} days)`,
  );
  const run = await runLocalDataPlane({
    days,
    eventsPerDay: perDay,
    log: line => console.log(`- ${line}`),
  });
  let events = 0;
  let pipelineMs = 0;
  for (const product of run.products) {
    const { timings } = product;
    const ms = timings.publish + timings.pipe + timings.parquet;
    events += product.events.length;
    pipelineMs += ms;
    const lost = unaccountedEventIds(product).length;
    console.log(
      `${product.product}: ${product.events.length} events, ${((product.events.length / ms) * 1000).toFixed(0)} events/s publish->Parquet (publish ${(timings.publish / 1000).toFixed(1)} s, pipe ${(timings.pipe / 1000).toFixed(1)} s of which the enrichment function ${(product.drain.enrichmentMs / 1000).toFixed(1)} s, Parquet ${(timings.parquet / 1000).toFixed(1)} s); last event to regulatory report ${(timings['last event to report'] / 1000).toFixed(1)} s; ${product.tableRows} rows, ${product.quarantined.length} quarantined, ${product.metrics.DuplicateEvents} duplicates dropped, ${lost} lost`,
    );
  }
  console.log(
    `all products: ${events} events, ${((events / pipelineMs) * 1000).toFixed(0)} events/s publish->Parquet on one emulator (products run one after another)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
