import { DataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import { ProductRun } from './run-local-data-plane';

/** What a product's run must show, derived from its sample labels and injected copies alone. */
export interface ExpectedProductResult {
  /** Distinct events in the table, by UTC day. */
  readonly eventsByDay: Readonly<Record<string, number>>;
  /** Table rows by UTC day: events plus their copies delivered in a later batch. */
  readonly rowsByDay: Readonly<Record<string, number>>;
  /** The report's `duplicate_records`, by day. */
  readonly duplicateRowsByDay: Readonly<Record<string, number>>;
  /** The report's column of each reported rule, by day. */
  readonly reportedViolationsByDay: Readonly<
    Record<string, Readonly<Record<string, number>>>
  >;
  /** Quarantine messages by reason: every delivered copy of a rejected event is quarantined. */
  readonly quarantinedByReason: Readonly<Record<string, number>>;
  /** The ids that must end in the table, and those that must end in the quarantine. */
  readonly rowIds: ReadonlySet<string>;
  readonly quarantinedIds: ReadonlySet<string>;
  /** The handler's metric sums. */
  readonly metrics: Readonly<Record<string, number>>;
}

const add = (counts: Record<string, number>, key: string, amount = 1) => {
  counts[key] = (counts[key] ?? 0) + amount;
};

/**
 * The result a run must have. A copy in the same batch is dropped by the
 * handler as a duplicate (of a valid event) or quarantined again (of a
 * rejected one); a copy in a later batch is a second row (of a valid
 * event) or a second quarantine entry. Rules counted in the report count
 * events, so copies never add violations.
 */
export function expectedResult(
  run: ProductRun,
  contract: DataProductContract,
): ExpectedProductResult {
  // The rules the handler counts per delivered row: `warn`, except `unique`, which only the report can check.
  const warnRules = new Set(
    contract.quality
      .filter(rule => rule.severity === 'warn' && rule.type !== 'unique')
      .map(rule => rule.name),
  );
  const eventsByDay: Record<string, number> = {};
  const rowsByDay: Record<string, number> = {};
  const duplicateRowsByDay: Record<string, number> = {};
  const reportedViolationsByDay: Record<string, Record<string, number>> = {};
  const quarantinedByReason: Record<string, number> = {};
  const rowIds = new Set<string>();
  const quarantinedIds = new Set<string>();
  const metrics: Record<string, number> = {
    ReceivedEvents: 0,
    DeliveredEvents: 0,
    QuarantinedEvents: 0,
    DuplicateEvents: 0,
    MissingReferenceData: 0,
    QualityWarnings: 0,
  };
  run.events.forEach((event, index) => {
    const copy = run.redeliveries[index];
    const day = event.time.toISOString().slice(0, 10);
    const deliveries = copy ? 2 : 1;
    const rows = copy === 'later-batch' ? 2 : 1;
    metrics.ReceivedEvents += deliveries;
    if (event.expected.outcome === 'quarantined') {
      quarantinedIds.add(run.eventIds[index]);
      add(quarantinedByReason, event.expected.reason, deliveries);
      metrics.QuarantinedEvents += deliveries;
      return;
    }
    rowIds.add(run.eventIds[index]);
    add(eventsByDay, day);
    add(rowsByDay, day, rows);
    add(duplicateRowsByDay, day, rows - 1);
    metrics.DeliveredEvents += rows;
    metrics.DuplicateEvents += copy === 'same-batch' ? 1 : 0;
    metrics.MissingReferenceData += event.expected.missingReference ? rows : 0;
    reportedViolationsByDay[day] ??= {};
    for (const rule of event.expected.reportedRules) {
      add(reportedViolationsByDay[day], rule);
      if (warnRules.has(rule)) {
        metrics.QualityWarnings += rows;
        add(metrics, `QualityWarnings{QualityRule=${rule}}`, rows);
      }
    }
  });
  return {
    eventsByDay,
    rowsByDay,
    duplicateRowsByDay,
    reportedViolationsByDay,
    quarantinedByReason,
    rowIds,
    quarantinedIds,
    metrics,
  };
}

/** Published events that are neither in the table nor in the quarantine: lost. */
export function unaccountedEventIds(run: ProductRun): string[] {
  const quarantined = new Set(run.quarantined.map(entry => entry.eventId));
  return run.eventIds.filter(
    id => !run.tableEventIds.has(id) && !quarantined.has(id),
  );
}
