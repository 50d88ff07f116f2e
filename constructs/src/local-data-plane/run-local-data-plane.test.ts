import { DataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import { loadSampleContract } from '../testing/sampleContracts';
import { startAwsEmulator } from '../../local-data-plane/emulator';
import { expectedResult } from '../../local-data-plane/expectations';
import {
  LocalRun,
  ProductRun,
  runLocalDataPlane,
} from '../../local-data-plane/run-local-data-plane';
import { QueryRows } from '../../local-data-plane/athena-on-duckdb';

const DAYS = 3;
const EVENTS_PER_DAY = 40;

/** A query's rows, by name suffix (`regulatory-report`, ...). */
function rowsOf(product: ProductRun, suffix: string): QueryRows {
  const query = product.queries.find(
    candidate => candidate.name === `${product.product}-${suffix}`,
  );
  if (!query?.rows) {
    throw new Error(
      `${product.product}-${suffix} did not run: ${query?.error}`,
    );
  }
  return query.rows;
}

const byDay = (rows: QueryRows, column: string) => {
  const sums: Record<string, number> = {};
  for (const row of rows) {
    sums[String(row.day)] = (sums[String(row.day)] ?? 0) + Number(row[column]);
  }
  return sums;
};

/** The report column a rule must have: its labelled violations on every day with rows. */
function reportedViolations(
  expected: ReturnType<typeof expectedResult>,
  rule: string,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(expected.rowsByDay).map(day => [
      day,
      expected.reportedViolationsByDay[day]?.[rule] ?? 0,
    ]),
  );
}

describe('the sample domains on an AWS emulator (npm run pipeline:local)', () => {
  let run: LocalRun;

  beforeAll(async () => {
    // The run's own moto_server, even where AWS_ENDPOINT_URL points elsewhere.
    run = await runLocalDataPlane({
      days: DAYS,
      eventsPerDay: EVENTS_PER_DAY,
      env: { ...process.env, AWS_ENDPOINT_URL: '' },
    });
  }, 240_000);

  it('provisions the data path from the synthesized template and runs every product', () => {
    expect(run.emulator).toBe('moto_server');
    expect(run.created).toEqual({
      'AWS::S3::Bucket': 9,
      'AWS::DynamoDB::Table': 2,
      'AWS::SQS::Queue': 9,
      'AWS::Events::EventBus': 3,
      // Two per product, and credit's forwarding to its consumer.
      'AWS::Events::Rule': 7,
      'AWS::Glue::Database': 3,
      'AWS::Glue::Table': 3,
      'AWS::KinesisFirehose::DeliveryStream': 3,
    });
    expect(run.products.map(product => product.product).sort()).toEqual([
      'credit-decisions',
      'customer-onboarding',
      'trade-executions',
    ]);
  });

  describe.each([
    'trade-executions',
    'credit-decisions',
    'customer-onboarding',
  ])('%s', name => {
    let product: ProductRun;
    let expected: ReturnType<typeof expectedResult>;
    let contract: DataProductContract;

    beforeAll(() => {
      product = run.products.find(candidate => candidate.product === name)!;
      contract = loadSampleContract(
        product.domain as 'trading' | 'credit' | 'customer',
      ).contract;
      expected = expectedResult(product, contract);
    });

    it('publishes every sample event and injects copies of some', () => {
      expect(product.events).toHaveLength(DAYS * EVENTS_PER_DAY);
      expect(new Set(product.eventIds).size).toBe(product.events.length);
      expect(product.drain.redeliveries.sameBatch).toBeGreaterThan(0);
      expect(product.drain.redeliveries.laterBatch).toBeGreaterThan(0);
    });

    it("forwards every granted event to each consumer's own account, and nothing else", () => {
      const grants = contract.access.consumers.filter(grant => grant.events);
      expect(
        product.forwarded.map(consumer => ({
          ...consumer,
          receivedDetailTypes: [...new Set(consumer.receivedDetailTypes)],
          received: consumer.receivedDetailTypes.length,
        })),
      ).toEqual(
        grants.map(grant => ({
          consumer: grant.consumer,
          account: grant.account,
          expected: product.events.length,
          received: product.events.length,
          receivedDetailTypes: contract.events.map(event => event.detailType),
        })),
      );
      // The sample grants events of credit-decisions only.
      expect(grants.length > 0).toBe(name === 'credit-decisions');
    });

    it('loses nothing: every event is a row or quarantined, never both, and no batch failed', () => {
      const quarantinedIds = new Set(
        product.quarantined.map(entry => entry.eventId),
      );
      for (const id of product.eventIds) {
        expect(product.tableEventIds.has(id) !== quarantinedIds.has(id)).toBe(
          true,
        );
      }
      expect(product.tableEventIds).toEqual(expected.rowIds);
      expect(quarantinedIds).toEqual(expected.quarantinedIds);
      expect(product.drain.failedBatches).toBe(0);
      expect(product.deadLetters).toBe(0);
      expect(product.conversion.failedByType).toEqual({});
      // Every message handed to the handler is a row, a quarantine entry or a counted duplicate.
      expect(product.drain.messagesReceived).toBe(
        product.tableRows +
          product.quarantined.length +
          product.metrics.DuplicateEvents,
      );
    });

    it('quarantines the rejected events with their reasons', () => {
      const byReason: Record<string, number> = {};
      for (const entry of product.quarantined) {
        byReason[entry.reason] = (byReason[entry.reason] ?? 0) + 1;
        expect(entry.problems).not.toHaveLength(0);
      }
      expect(byReason).toEqual(expected.quarantinedByReason);
    });

    it("reports the handler's counts as its metrics", () => {
      expect(product.metrics).toEqual(expected.metrics);
    });

    it('writes Parquet partitioned by the stream prefix, one partition per day', () => {
      const days = Object.keys(product.conversion.rowsByPrefix).map(
        prefix => /event_date=(\d{4}-\d{2}-\d{2})\//.exec(prefix)![1],
      );
      expect([...new Set(days)].sort()).toEqual(
        Object.keys(expected.rowsByDay).sort(),
      );
      expect(product.conversion.rowsWritten).toBe(product.tableRows);
      expect(product.conversion.parquetFiles.length).toBeGreaterThan(0);
    });

    it('answers every named query', () => {
      expect(
        product.queries.map(query => query.name.slice(name.length + 1)),
      ).toEqual(['latest-records', 'daily-aggregates', 'regulatory-report']);
      for (const query of product.queries) {
        expect({ name: query.name, error: query.error }).toEqual({
          name: query.name,
          error: undefined,
        });
      }
      const latest = rowsOf(product, 'latest-records');
      const sorted = [...latest]
        .map(row => String(row.event_time))
        .sort()
        .reverse();
      expect(latest.map(row => String(row.event_time))).toEqual(sorted);
      expect(latest.length).toBe(
        Math.min(
          100,
          Object.values(expected.rowsByDay)
            .slice(0, 2)
            .reduce((sum, rows) => sum + rows, 0),
        ),
      );
    });

    it('counts rows and distinct events per day in the daily aggregates', () => {
      const aggregates = rowsOf(product, 'daily-aggregates');
      expect(byDay(aggregates, 'distinct_events')).toEqual(
        expected.eventsByDay,
      );
      expect(byDay(aggregates, 'records')).toEqual(expected.rowsByDay);
    });

    it('reports duplicates and the violations of every rule per day in the regulatory report', () => {
      const report = rowsOf(product, 'regulatory-report');
      expect(byDay(report, 'records')).toEqual(expected.rowsByDay);
      expect(byDay(report, 'duplicate_records')).toEqual(
        expected.duplicateRowsByDay,
      );
      // `error` rules other than `unique` are enforced at ingest: nothing breaking them reaches the table.
      expect(
        Object.fromEntries(
          contract.quality.map(rule => [rule.name, byDay(report, rule.name)]),
        ),
      ).toEqual(
        Object.fromEntries(
          contract.quality.map(rule => [
            rule.name,
            reportedViolations(expected, rule.name),
          ]),
        ),
      );
    });
  });
});

describe('without an emulator', () => {
  it('names what is missing', async () => {
    await expect(startAwsEmulator({ PATH: '/nonexistent' })).rejects.toThrow(
      /moto_server is not on PATH: .*pip install 'moto\[server\]'.*AWS_ENDPOINT_URL/,
    );
  });
});
