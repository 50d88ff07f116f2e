import { setMaxListeners } from 'node:events';
import {
  DescribeSchemaCommand,
  DescribeSchemaCommandOutput,
  RegistrySummary,
  SchemaSummary,
  SchemasClient,
  paginateListRegistries,
  paginateListSchemaVersions,
  paginateListSchemas,
} from '@aws-sdk/client-schemas';
import {
  SCHEMA_FORMATS,
  SchemaFormat,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  FailedSchema,
  RawRegistry,
  RawSchema,
  RawSchemaVersion,
  RegistryFilter,
  RegistrySource,
  SourceLocation,
  SourceReadResult,
  SourceWarning,
  matchesRegistryFilter,
} from '@financial-data-mesh/plugin-data-mesh-node';
import pLimit from 'p-limit';

export interface AwsRegistrySourceOptions {
  readonly id: string;
  readonly client: SchemasClient;
  readonly accountId?: string;
  readonly region: string;
  readonly registries?: RegistryFilter;
  /** Also read AWS's own registries (`aws.events`): hundreds of schemas. */
  readonly includeAwsRegistries?: boolean;
  /** Requests in flight at once against this account and region. */
  readonly concurrency: number;
}

/** A version's content never changes once written, so it is cached by ARN-like key. */
type VersionCache = Map<string, RawSchemaVersion>;

/**
 * Reads every registry, schema and version of one AWS account and region
 * through the Schemas API, following every page. Versions are immutable, so
 * their content is fetched once and then served from a cache: after the
 * first refresh only new versions cost a call. Throttling and transient
 * errors are retried by the SDK's retry strategy (exponential backoff with
 * jitter, `maxAttempts` from config). A schema that still fails is left out
 * and named in `failedSchemas`, so the caller can serve its last good read.
 * Every request, pages included, carries the read's abort signal; the
 * client's HTTP handler bounds each attempt (see `newSchemasClient`).
 */
export class AwsRegistrySource implements RegistrySource {
  readonly id: string;
  readonly location: SourceLocation;
  private readonly options: AwsRegistrySourceOptions;
  private readonly versionCache: VersionCache = new Map();
  /** Last read of each schema, reused while the registry says it is unchanged. */
  private previousSchemas = new Map<string, RawSchema>();

  constructor(options: AwsRegistrySourceOptions) {
    this.id = options.id;
    this.options = options;
    this.location = {
      type: 'aws',
      accountId: options.accountId,
      region: options.region,
    };
  }

  async read(
    options: { signal?: AbortSignal } = {},
  ): Promise<SourceReadResult> {
    const limit = pLimit(this.options.concurrency);
    if (options.signal) {
      // Every request in flight listens on the signal: that is expected.
      setMaxListeners(this.options.concurrency + 16, options.signal);
    }
    const warnings: SourceWarning[] = [];
    const failedSchemas: FailedSchema[] = [];
    const summaries = await this.listRegistries(options.signal);
    const registries = await Promise.all(
      summaries.map(summary =>
        this.readRegistry(
          summary,
          limit,
          { warnings, failedSchemas },
          options.signal,
        ).catch((error: Error) => {
          // Deleted between listing and reading: not worth failing the source.
          if (error.name !== 'NotFoundException') {
            throw error;
          }
          warnings.push({
            registry: summary.RegistryName,
            message: describeAwsError(error),
          });
          return undefined;
        }),
      ),
    ).then(all => all.filter((r): r is RawRegistry => r !== undefined));
    this.forgetVersionsNotIn(registries);
    this.previousSchemas = new Map(
      registries.flatMap(registry =>
        registry.schemas.map(
          schema => [cacheKey(registry.name, schema.name, ''), schema] as const,
        ),
      ),
    );
    // An abort makes every schema fail: that is no partial read but no read.
    options.signal?.throwIfAborted();
    return { registries, warnings, failedSchemas };
  }

  private async listRegistries(
    abortSignal?: AbortSignal,
  ): Promise<RegistrySummary[]> {
    const scopes = this.options.includeAwsRegistries
      ? [undefined]
      : ['LOCAL' as const];
    const found: RegistrySummary[] = [];
    for (const scope of scopes) {
      for await (const page of paginateListRegistries(
        { client: this.options.client },
        {
          Scope: scope,
          RegistryNamePrefix: this.options.registries?.prefix,
        },
        { abortSignal },
      )) {
        abortSignal?.throwIfAborted();
        found.push(...(page.Registries ?? []));
      }
    }
    return found.filter(
      registry =>
        registry.RegistryName &&
        matchesRegistryFilter(
          this.options.registries ?? {},
          registry.RegistryName,
        ),
    );
  }

  private async readRegistry(
    summary: RegistrySummary,
    limit: pLimit.Limit,
    problems: { warnings: SourceWarning[]; failedSchemas: FailedSchema[] },
    abortSignal?: AbortSignal,
  ): Promise<RawRegistry> {
    const registryName = summary.RegistryName as string;
    const schemaSummaries: SchemaSummary[] = [];
    for await (const page of paginateListSchemas(
      { client: this.options.client },
      { RegistryName: registryName },
      { abortSignal },
    )) {
      abortSignal?.throwIfAborted();
      schemaSummaries.push(...(page.Schemas ?? []));
    }
    const schemas = await Promise.all(
      schemaSummaries.map(schemaSummary =>
        this.readSchema(registryName, schemaSummary, limit, abortSignal).catch(
          (error: Error) => {
            const failure = {
              registry: registryName,
              schema: schemaSummary.SchemaName as string,
              message: describeAwsError(error),
            };
            problems.warnings.push(failure);
            problems.failedSchemas.push(failure);
            return undefined;
          },
        ),
      ),
    );
    return {
      name: registryName,
      tags: summary.Tags ?? {},
      schemas: schemas.filter((schema): schema is RawSchema => !!schema),
    };
  }

  private async readSchema(
    registryName: string,
    summary: SchemaSummary,
    limit: pLimit.Limit,
    abortSignal?: AbortSignal,
  ): Promise<RawSchema> {
    const schemaName = summary.SchemaName as string;
    const previous = this.previousSchemas.get(
      cacheKey(registryName, schemaName, ''),
    );
    if (
      previous &&
      previous.lastModified !== undefined &&
      previous.lastModified === summary.LastModified?.toISOString() &&
      previous.versions.length === summary.VersionCount
    ) {
      // Unchanged since the last read: ListSchemas already brought the
      // current tags, which can change without touching LastModified.
      return { ...previous, tags: summary.Tags ?? previous.tags };
    }
    const latest = await limit(() =>
      this.describe(registryName, schemaName, undefined, abortSignal),
    );
    const latestVersion = latest.SchemaVersion as string;
    const versionLabels = this.canInferVersionLabels(summary, latestVersion)
      ? Array.from({ length: Number(latestVersion) }, (_, i) => String(i + 1))
      : await limit(() =>
          this.listVersionLabels(registryName, schemaName, abortSignal),
        );
    this.remember(registryName, schemaName, toVersion(latest));
    const versions = await Promise.all(
      versionLabels.map(label => {
        const cached = this.versionCache.get(
          cacheKey(registryName, schemaName, label),
        );
        if (cached) {
          return cached;
        }
        return limit(async () => {
          const output = await this.describe(
            registryName,
            schemaName,
            label,
            abortSignal,
          );
          return this.remember(registryName, schemaName, toVersion(output));
        });
      }),
    );
    return {
      name: schemaName,
      format: toFormat(latest.Type),
      description: latest.Description,
      tags: latest.Tags ?? summary.Tags ?? {},
      lastModified: latest.LastModified?.toISOString(),
      versions: versions.sort((a, b) => Number(a.version) - Number(b.version)),
    };
  }

  /**
   * The registry numbers versions 1, 2, 3...; when as many versions exist
   * as the latest number says, none was deleted and the labels are known
   * without a ListSchemaVersions call (a quarter of all calls on a cold
   * refresh of three-version schemas).
   */
  private canInferVersionLabels(
    summary: SchemaSummary,
    latestVersion: string,
  ): boolean {
    return (
      /^[1-9]\d*$/.test(latestVersion) &&
      summary.VersionCount === Number(latestVersion)
    );
  }

  private describe(
    registryName: string,
    schemaName: string,
    version: string | undefined,
    abortSignal?: AbortSignal,
  ): Promise<DescribeSchemaCommandOutput> {
    return this.options.client.send(
      new DescribeSchemaCommand({
        RegistryName: registryName,
        SchemaName: schemaName,
        SchemaVersion: version,
      }),
      { abortSignal },
    );
  }

  private async listVersionLabels(
    registryName: string,
    schemaName: string,
    abortSignal?: AbortSignal,
  ): Promise<string[]> {
    const labels: string[] = [];
    for await (const page of paginateListSchemaVersions(
      { client: this.options.client },
      { RegistryName: registryName, SchemaName: schemaName },
      { abortSignal },
    )) {
      abortSignal?.throwIfAborted();
      for (const version of page.SchemaVersions ?? []) {
        if (version.SchemaVersion) {
          labels.push(version.SchemaVersion);
        }
      }
    }
    return labels;
  }

  private remember(
    registryName: string,
    schemaName: string,
    version: RawSchemaVersion,
  ): RawSchemaVersion {
    this.versionCache.set(
      cacheKey(registryName, schemaName, version.version),
      version,
    );
    return version;
  }

  /** Drops cached versions of deleted schemas, so the cache cannot grow without bound. */
  private forgetVersionsNotIn(registries: readonly RawRegistry[]) {
    // Every version read is in the cache, so as many entries as versions
    // means nothing to forget: the common case, checked without building
    // 15,000 keys.
    const versionCount = registries.reduce(
      (sum, registry) =>
        sum +
        registry.schemas.reduce((n, schema) => n + schema.versions.length, 0),
      0,
    );
    if (this.versionCache.size === versionCount) {
      return;
    }
    const live = new Set<string>();
    for (const registry of registries) {
      for (const schema of registry.schemas) {
        for (const version of schema.versions) {
          live.add(cacheKey(registry.name, schema.name, version.version));
        }
      }
    }
    for (const key of this.versionCache.keys()) {
      if (!live.has(key)) {
        this.versionCache.delete(key);
      }
    }
  }
}

function cacheKey(registry: string, schema: string, version: string) {
  return `${registry}\u0000${schema}\u0000${version}`;
}

function toVersion(output: DescribeSchemaCommandOutput): RawSchemaVersion {
  return {
    version: output.SchemaVersion as string,
    createdAt: output.VersionCreatedDate?.toISOString(),
    content: output.Content ?? '',
  };
}

function toFormat(type: string | undefined): SchemaFormat {
  // The registry only stores these two; anything else is read as Draft 4 and
  // the snapshot reports the content if it does not parse.
  return SCHEMA_FORMATS.includes(type as SchemaFormat)
    ? (type as SchemaFormat)
    : 'JSONSchemaDraft4';
}

/** `NotFoundException: Schema not found` instead of a bare SDK error dump. */
export function describeAwsError(error: Error): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } })
    .$metadata?.httpStatusCode;
  return status
    ? `${error.name} (HTTP ${status}): ${error.message}`
    : `${error.name}: ${error.message}`;
}
