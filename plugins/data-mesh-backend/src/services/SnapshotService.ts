import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HealthReport,
  RegistryLocation,
  SourceHealth,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RegistrySource } from '@financial-data-mesh/plugin-data-mesh-node';
import { buildSnapshot, SourceContent } from '../snapshot/buildSnapshot';
import { DataMeshSnapshot } from '../snapshot/DataMeshSnapshot';

/** Serves the current snapshot and keeps it fresh. */
export interface SnapshotService {
  /** The latest snapshot; empty until the first refresh finished. */
  current(): DataMeshSnapshot;
  /** Reads every source and swaps in a new snapshot. Concurrent calls share one run. */
  refresh(options?: { signal?: AbortSignal }): Promise<void>;
  health(): HealthReport;
}

interface SourceState {
  readonly source: RegistrySource;
  readonly location: RegistryLocation;
  content?: SourceContent;
  /** The warnings of the source's last successful read. */
  readWarnings: readonly string[];
  health: SourceHealth;
}

/**
 * Keeps, per source, the last good read: a source that fails keeps serving
 * its previous data (and says so in health) while the others refresh.
 */
export class DefaultSnapshotService implements SnapshotService {
  private readonly states: readonly SourceState[];
  private readonly logger: LoggerService;
  private snapshot: DataMeshSnapshot = buildSnapshot([], new Date(0));
  private refreshed = false;
  private running?: Promise<void>;

  constructor(options: {
    sources: readonly RegistrySource[];
    logger: LoggerService;
  }) {
    this.logger = options.logger;
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
        },
      };
    });
  }

  current(): DataMeshSnapshot {
    return this.snapshot;
  }

  refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.running) {
      this.running = this.refreshAll(options.signal).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  health(): HealthReport {
    const sources = this.states.map(state => state.health);
    let status: HealthReport['status'] = 'ok';
    if (!this.refreshed) {
      status = 'starting';
    } else if (sources.some(source => source.status !== 'ok')) {
      status = 'degraded';
    }
    return {
      status,
      snapshotBuiltAt: this.refreshed
        ? this.snapshot.builtAt.toISOString()
        : undefined,
      dataProductCount: this.snapshot.dataProductCount,
      eventCount: this.snapshot.eventCount,
      sources,
    };
  }

  private async refreshAll(signal?: AbortSignal) {
    await Promise.all(
      this.states.map(state => this.refreshSource(state, signal)),
    );
    this.snapshot = buildSnapshot(
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
    this.refreshed = true;
    this.logger.info(
      `Data mesh snapshot: ${this.snapshot.dataProductCount} data products, ${this.snapshot.eventCount} events from ${this.states.length} source(s)`,
    );
  }

  private async refreshSource(state: SourceState, signal?: AbortSignal) {
    const started = Date.now();
    const attemptAt = new Date(started).toISOString();
    try {
      const result = await state.source.read({ signal });
      const schemas = result.registries.flatMap(registry => registry.schemas);
      state.content = {
        location: state.location,
        registries: result.registries,
      };
      state.readWarnings = result.warnings.map(warning =>
        [warning.registry, warning.schema, warning.message]
          .filter(Boolean)
          .join(': '),
      );
      state.health = {
        location: state.location,
        status: 'ok',
        lastAttemptAt: attemptAt,
        lastSuccessAt: attemptAt,
        lastDurationMs: Date.now() - started,
        registryCount: result.registries.length,
        schemaCount: schemas.length,
        versionCount: schemas.reduce((sum, s) => sum + s.versions.length, 0),
        warnings: state.readWarnings,
      };
      for (const warning of state.health.warnings) {
        this.logger.warn(`Data mesh source ${state.source.id}: ${warning}`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      state.health = {
        ...state.health,
        status: 'failing',
        lastAttemptAt: attemptAt,
        lastDurationMs: Date.now() - started,
        error: message,
      };
      this.logger.error(
        `Data mesh source ${state.source.id} failed to refresh${state.content ? '; keeping its last good data' : ''}: ${message}`,
      );
    }
  }
}
