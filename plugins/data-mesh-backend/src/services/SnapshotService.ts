import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HealthReport,
  RegistryLocation,
  SourceHealth,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  FailedSchema,
  RawRegistry,
  RegistrySource,
  SourceReadResult,
} from '@financial-data-mesh/plugin-data-mesh-node';
import { DEFAULT_REFRESH_BUDGET_SECONDS } from '../config/readDataMeshConfig';
import {
  buildSnapshot,
  emptySnapshot,
  SourceContent,
} from '../snapshot/buildSnapshot';
import { computeHealthStatus } from '../health/healthStatus';
import { DataMeshSnapshot } from '../snapshot/DataMeshSnapshot';

/** Serves the current snapshot and keeps it fresh. */
export interface SnapshotService {
  /** The latest snapshot; empty until the first refresh finished. */
  current(): DataMeshSnapshot;
  /**
   * Reads every source and swaps in a new snapshot. Concurrent calls share
   * one run; a caller's signal only stops that caller's wait (it rejects
   * with the signal's reason), never the run, which the refresh budget
   * bounds instead.
   */
  refresh(options?: { signal?: AbortSignal }): Promise<void>;
  health(): HealthReport;
  /**
   * Whether the current snapshot holds everything its sources hold, as of
   * its build: a consumer that mirrors it must not delete what is missing
   * from an incomplete one.
   */
  completeness(): SnapshotCompleteness;
}

export interface SnapshotCompleteness {
  readonly complete: boolean;
  /** Sources failing, stale, or with schemas in error. */
  readonly incompleteSources: readonly string[];
}

/** The error of every source still reading when a refresh ran out of time. */
export class RefreshBudgetExceededError extends Error {
  constructor(budgetSeconds: number) {
    super(
      `refresh exceeded its budget of ${budgetSeconds} s; the read was abandoned`,
    );
    this.name = 'RefreshBudgetExceededError';
  }
}

/**
 * A read with far fewer schemas than the data served is more likely a
 * lost page token or a half-answering registry than a mass deletion: half
 * of the schemas or more gone (a lost token on a two-page listing loses
 * exactly half), and at least this many, is held back.
 */
const SUSPECT_DROP_RATIO = 0.5;
const SUSPECT_DROP_MIN_SCHEMAS = 5;

interface SourceState {
  readonly source: RegistrySource;
  readonly location: RegistryLocation;
  content?: SourceContent;
  /** The warnings of the source's last successful read. */
  readWarnings: readonly string[];
  /** When `content` was read. */
  dataReadAt?: string;
  /** The schema count of a read held back as a suspect drop, awaiting confirmation. */
  heldBackSchemaCount?: number;
  health: SourceHealth;
}

/**
 * Keeps, per source, the last good read: a source that fails keeps serving
 * its previous data (and says so in health) while the others refresh.
 * Within a source, a schema whose read failed keeps the versions of the
 * last read that got it. A read that lost half of the schemas or more
 * (and at least five) is held back as suspect, the previous content still
 * served, until the next read finds the same count. A refresh that overruns
 * its budget is abandoned: the sources still reading fail with a budget
 * error and keep their last good data.
 */
export class DefaultSnapshotService implements SnapshotService {
  private readonly states: readonly SourceState[];
  private readonly logger: LoggerService;
  private snapshot: DataMeshSnapshot = emptySnapshot();
  private refreshed = false;
  private running?: Promise<void>;
  private readonly refreshBudgetSeconds: number;
  private readonly staleAfterMs?: number;
  private snapshotCompleteness: SnapshotCompleteness;

  constructor(options: {
    sources: readonly RegistrySource[];
    logger: LoggerService;
    /** @defaultValue DEFAULT_REFRESH_BUDGET_SECONDS (120) */
    refreshBudgetSeconds?: number;
    /** Data read longer ago than this makes health `degraded`; off when absent. */
    staleAfterMs?: number;
  }) {
    this.logger = options.logger;
    this.staleAfterMs = options.staleAfterMs;
    this.refreshBudgetSeconds =
      options.refreshBudgetSeconds ?? DEFAULT_REFRESH_BUDGET_SECONDS;
    this.snapshotCompleteness = {
      complete: false,
      incompleteSources: options.sources.map(source => source.id),
    };
    this.states = options.sources.map(source => {
      const location: RegistryLocation = {
        sourceId: source.id,
        type: source.location.type,
        accountId: source.location.accountId,
        region: source.location.region,
      };
      return {
        source,
        location,
        readWarnings: [],
        health: {
          location,
          status: 'pending',
          registryCount: 0,
          schemaCount: 0,
          versionCount: 0,
          warnings: [],
          schemasInError: 0,
          stale: false,
        },
      };
    });
  }

  current(): DataMeshSnapshot {
    return this.snapshot;
  }

  refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.running) {
      this.running = this.refreshAll().finally(() => {
        this.running = undefined;
      });
    }
    return waitUnlessAborted(this.running, options.signal);
  }

  completeness(): SnapshotCompleteness {
    return this.snapshotCompleteness;
  }

  health(): HealthReport {
    const now = Date.now();
    const sources = this.states.map(state =>
      state.dataReadAt
        ? {
            ...state.health,
            dataReadAt: state.dataReadAt,
            dataAgeSeconds: Math.max(
              0,
              Math.floor((now - Date.parse(state.dataReadAt)) / 1000),
            ),
          }
        : state.health,
    );
    const { status, reasons } = computeHealthStatus({
      refreshed: this.refreshed,
      sources,
      staleAfterMs: this.staleAfterMs,
      // Served with problems; the schemas left out are source warnings.
      schemasInError: this.snapshot
        .allEvents()
        .filter(event => event.summary.problems.length > 0).length,
    });
    return {
      status,
      reasons,
      snapshotBuiltAt: this.refreshed
        ? this.snapshot.builtAt.toISOString()
        : undefined,
      dataProductCount: this.snapshot.dataProductCount,
      eventCount: this.snapshot.eventCount,
      sources,
    };
  }

  private async refreshAll() {
    // The run's own signal: no caller's signal can stop a run others share.
    const budget = new AbortController();
    const budgetError = new RefreshBudgetExceededError(
      this.refreshBudgetSeconds,
    );
    const timer = setTimeout(
      () => budget.abort(budgetError),
      this.refreshBudgetSeconds * 1000,
    );
    try {
      await Promise.all(
        // A signal per source: each AWS source sizes the listener limit of
        // its signal to its own concurrency.
        this.states.map(state =>
          this.refreshSource(state, AbortSignal.any([budget.signal])),
        ),
      );
    } finally {
      clearTimeout(timer);
    }
    this.snapshot = await buildSnapshot(
      this.states.flatMap(state => (state.content ? [state.content] : [])),
    );
    for (const state of this.states) {
      // Schemas the build left out (no versions, say) are the source's
      // warnings too, next to those of reading it.
      const buildWarnings = this.snapshot.warnings
        .filter(warning => warning.sourceId === state.source.id)
        .map(warning =>
          [warning.registry, warning.schema, warning.message].join(': '),
        );
      for (const warning of buildWarnings) {
        this.logger.warn(`Data mesh source ${state.source.id}: ${warning}`);
      }
      state.health = {
        ...state.health,
        warnings: [...state.readWarnings, ...buildWarnings],
      };
    }
    const incompleteSources = this.states
      .filter(
        ({ health }) =>
          health.status !== 'ok' || health.stale || health.schemasInError > 0,
      )
      .map(state => state.source.id);
    this.snapshotCompleteness = {
      complete: incompleteSources.length === 0,
      incompleteSources,
    };
    this.refreshed = true;
    this.logger.info(
      `Data mesh snapshot: ${this.snapshot.dataProductCount} data products, ${this.snapshot.eventCount} events from ${this.states.length} source(s)`,
    );
  }

  private async refreshSource(state: SourceState, signal: AbortSignal) {
    const started = Date.now();
    const attemptAt = new Date(started).toISOString();
    try {
      // Raced against the signal too, so a source that ignores it is still
      // abandoned when the budget runs out; its late result is dropped.
      const result = await waitUnlessAborted(
        state.source.read({ signal }),
        signal,
      );
      this.accept(state, result, attemptAt, Date.now() - started);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      state.health = {
        ...state.health,
        status: 'failing',
        stale: true,
        lastAttemptAt: attemptAt,
        lastDurationMs: Date.now() - started,
        error: message,
      };
      this.logger.error(
        `Data mesh source ${state.source.id} failed to refresh${state.content ? '; keeping its last good data' : ''}: ${message}`,
      );
    }
  }

  /** Takes a read in, unless it looks like a partial one. */
  private accept(
    state: SourceState,
    result: SourceReadResult,
    attemptAt: string,
    durationMs: number,
  ) {
    const failed = result.failedSchemas ?? [];
    const { registries, carriedOver } = carryOverFailedSchemas(
      result.registries,
      failed,
      state.content?.registries ?? [],
    );
    const schemas = registries.flatMap(registry => registry.schemas);
    const id = state.source.id;
    const servedCount = state.health.schemaCount;
    if (
      state.content &&
      isSuspectDrop(servedCount, schemas.length) &&
      state.heldBackSchemaCount !== schemas.length
    ) {
      state.heldBackSchemaCount = schemas.length;
      const warning = `read found ${schemas.length} schemas where ${servedCount} are served: held back as a suspect drop (a lost page or a partial answer); the previous data is served until the next read finds the same count`;
      state.health = {
        ...state.health,
        status: 'ok',
        stale: true,
        suspectSchemaCount: schemas.length,
        lastAttemptAt: attemptAt,
        lastDurationMs: durationMs,
        error: undefined,
        warnings: [warning],
      };
      state.readWarnings = [warning];
      this.logger.warn(`Data mesh source ${id}: ${warning}`);
      return;
    }
    if (state.heldBackSchemaCount !== undefined) {
      this.logger.info(
        `Data mesh source ${id}: ${schemas.length} schemas${state.heldBackSchemaCount === schemas.length ? ' found again: the drop is confirmed and accepted' : ''}`,
      );
    }
    state.heldBackSchemaCount = undefined;
    state.content = { location: state.location, registries };
    state.dataReadAt = attemptAt;
    const failedKeys = new Set(
      failed.map(f => schemaKey(f.registry, f.schema)),
    );
    state.readWarnings = [
      ...result.warnings
        .filter(
          warning =>
            !warning.registry ||
            !warning.schema ||
            !failedKeys.has(schemaKey(warning.registry, warning.schema)),
        )
        .map(warning =>
          [warning.registry, warning.schema, warning.message]
            .filter(Boolean)
            .join(': '),
        ),
      ...failed.map(
        f =>
          `${f.registry}: ${f.schema}: ${f.message}; ${
            carriedOver.has(schemaKey(f.registry, f.schema))
              ? 'serving the versions of its last good read (stale)'
              : 'not served: no earlier good read to fall back on'
          }`,
      ),
    ];
    state.health = {
      location: state.location,
      status: 'ok',
      lastAttemptAt: attemptAt,
      lastSuccessAt: attemptAt,
      lastDurationMs: durationMs,
      registryCount: registries.length,
      schemaCount: schemas.length,
      versionCount: schemas.reduce((sum, s) => sum + s.versions.length, 0),
      warnings: state.readWarnings,
      schemasInError: failed.length,
      stale: false,
    };
    for (const warning of state.health.warnings) {
      this.logger.warn(`Data mesh source ${id}: ${warning}`);
    }
  }
}

function isSuspectDrop(servedCount: number, readCount: number): boolean {
  const lost = servedCount - readCount;
  return (
    lost >= SUSPECT_DROP_MIN_SCHEMAS && lost >= servedCount * SUSPECT_DROP_RATIO
  );
}

function schemaKey(registry: string, schema: string): string {
  return `${registry}\u0000${schema}`;
}

/**
 * Puts back, from the previous good read, each schema the read listed but
 * could not read, so one throttled schema does not vanish from the catalog.
 */
function carryOverFailedSchemas(
  read: readonly RawRegistry[],
  failed: readonly FailedSchema[],
  previous: readonly RawRegistry[],
): { registries: RawRegistry[]; carriedOver: Set<string> } {
  const carriedOver = new Set<string>();
  if (failed.length === 0) {
    return { registries: [...read], carriedOver };
  }
  const registries = read.map(registry => {
    const missing = failed
      .filter(f => f.registry === registry.name)
      .flatMap(f => {
        const last = previous
          .find(candidate => candidate.name === registry.name)
          ?.schemas.find(schema => schema.name === f.schema);
        if (last) {
          carriedOver.add(schemaKey(f.registry, f.schema));
        }
        return last ? [last] : [];
      });
    return missing.length > 0
      ? { ...registry, schemas: [...registry.schemas, ...missing] }
      : registry;
  });
  return { registries, carriedOver };
}

/**
 * Waits for the promise unless the signal fires first; then rejects with
 * the signal's reason, leaving the promise itself to run on.
 */
function waitUnlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    // Nobody waits for it any more; its failure is reported elsewhere.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
