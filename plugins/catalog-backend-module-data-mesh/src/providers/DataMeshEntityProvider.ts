import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  DataMeshApiClient,
  DataMeshRequestOptions,
  responseStatusOf,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  declaredEntityKey,
  findDeclaredDataMeshEntities,
} from './findDeclaredEntities';
import { readSnapshotFeed, SnapshotFeedRead } from './readSnapshotFeed';
import { toEntities } from './toEntities';

/** The provider's name, the start of its entities' location keys. */
export const DATA_MESH_PROVIDER_NAME = 'data-mesh-provider';

const READINESS_POLL_MS = 1000;

/**
 * How a DataMeshEntityProvider reaches the data mesh backend and the catalog.
 *
 * @public
 */
export interface DataMeshEntityProviderOptions {
  readonly discovery: DiscoveryService;
  readonly auth: AuthService;
  readonly logger: LoggerService;
  readonly taskRunner: SchedulerServiceTaskRunner;
  readonly appBaseUrl?: string;
  /** How long a run waits for the data mesh backend's first snapshot. */
  readonly readinessTimeoutMs: number;
  /**
   * The catalog, to find the data product Systems and Domains that
   * repositories declare themselves (the scaffolded catalog-info.yaml files
   * do): the provider leaves those to the repository instead of writing a
   * conflicting entity. Read with the provider's own service credentials.
   *
   * @defaultValue - none: the provider writes every entity of the snapshot
   */
  readonly catalog?: CatalogService;
}

/**
 * Mirrors the data mesh backend's snapshot into the catalog: Domains,
 * Systems (data products), APIs (events) and Resources (Athena tables).
 * Each run replaces the provider's entities in full, so entities vanish
 * with their schemas. A run that cannot read the snapshot changes nothing,
 * and one that reads an incomplete snapshot (a source failing, stale or
 * with schemas in error) only adds and updates: what is missing from it
 * may still exist, so nothing is deleted because of a failed or partial read.
 *
 * The export is read page by page, and not at all while it is unchanged:
 * a run whose snapshot id and declared entities are those it last applied
 * costs one 304.
 * @public
 */
export class DataMeshEntityProvider implements EntityProvider {
  private readonly options: DataMeshEntityProviderOptions;
  private readonly client: DataMeshApiClient;
  private connection?: EntityProviderConnection;
  /** What the last run applied: an equal run has nothing to change. */
  private applied?: { snapshotId: string; declared: string };

  private constructor(options: DataMeshEntityProviderOptions) {
    this.options = options;
    this.client = new DataMeshApiClient({ discoveryApi: options.discovery });
  }

  static create(
    options: DataMeshEntityProviderOptions,
  ): DataMeshEntityProvider {
    return new DataMeshEntityProvider(options);
  }

  getProviderName(): string {
    return DATA_MESH_PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${DATA_MESH_PROVIDER_NAME}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          // Keep the previous entities; the next run tries again.
          this.options.logger.warn(
            `Data mesh entities not refreshed: ${(error as Error).message}`,
          );
        }
      },
    });
  }

  /** Reads the snapshot and replaces this provider's entities with it. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(
        `${DATA_MESH_PROVIDER_NAME} is not connected to the catalog yet`,
      );
    }
    const locationKey = `${DATA_MESH_PROVIDER_NAME}:default`;
    const declared = await this.declaredEntities(locationKey);
    const declaredList = [...declared].sort().join('\n');
    const read = await this.readSnapshotWhenReady(
      this.applied?.declared === declaredList
        ? this.applied.snapshotId
        : undefined,
    );
    if (read.unchanged) {
      this.options.logger.debug(
        `Data mesh snapshot ${this.applied?.snapshotId} unchanged; entities left as they are`,
      );
      return;
    }
    const { snapshot } = read;
    this.applied = undefined;
    const entities = toEntities(snapshot, {
      locationKey,
      appBaseUrl: this.options.appBaseUrl,
    }).filter(
      entity =>
        !declared.has(declaredEntityKey(entity.kind, entity.metadata.name)),
    );
    const deferred = entities.map(entity => ({ entity, locationKey }));
    // Only a snapshot that says it is complete may delete; one from a
    // backend that does not say is treated as partial.
    if (snapshot.complete !== true) {
      await this.connection.applyMutation({
        type: 'delta',
        added: deferred,
        removed: [],
      });
      this.options.logger.warn(
        `Data mesh snapshot of ${snapshot.builtAt} is incomplete (sources ${(snapshot.incompleteSources ?? []).join(', ') || 'unknown'} failing, stale or with schemas in error): ${entities.length} entities added or updated, none removed`,
      );
    } else {
      await this.connection.applyMutation({
        type: 'full',
        entities: deferred,
      });
      this.options.logger.info(
        `Data mesh entities: ${entities.length} from the snapshot of ${snapshot.builtAt}`,
      );
    }
    this.applied = {
      snapshotId: snapshot.snapshotId,
      declared: declaredList,
    };
  }

  private async declaredEntities(locationKey: string): Promise<Set<string>> {
    const { catalog, auth } = this.options;
    if (!catalog) {
      return new Set();
    }
    try {
      return await findDeclaredDataMeshEntities(catalog, locationKey, {
        credentials: await auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      // Writing an entity twice only costs a logged conflict: carry on.
      this.options.logger.warn(
        `Could not look up the Systems and Domains repositories declare: ${(error as Error).message}`,
      );
      return new Set();
    }
  }

  /**
   * At startup both plugins start together and the data mesh backend
   * answers 503 until its first refresh finished: wait for it rather than
   * leave the catalog empty until the next scheduled run.
   */
  private async readSnapshotWhenReady(
    knownSnapshotId?: string,
  ): Promise<SnapshotFeedRead> {
    const deadline = Date.now() + this.options.readinessTimeoutMs;
    for (;;) {
      try {
        return await readSnapshotFeed(
          this.client,
          () => this.credentials(),
          knownSnapshotId,
        );
      } catch (error) {
        const notReady = responseStatusOf(error) === 503;
        if (!notReady || Date.now() > deadline) {
          throw error;
        }
        await new Promise(resolve => setTimeout(resolve, READINESS_POLL_MS));
      }
    }
  }

  /** A fresh service token for the data mesh backend, per request. */
  private async credentials(): Promise<DataMeshRequestOptions> {
    const { auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'data-mesh',
    });
    return { token };
  }
}
