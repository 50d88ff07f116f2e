import { SchemaFormat } from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * One version of a schema as the registry stores it.
 *
 * @public
 */
export interface RawSchemaVersion {
  /** The registry's version label: `"1"`, `"2"`, ... */
  readonly version: string;
  readonly createdAt?: string;
  /** The schema content as stored, unparsed. */
  readonly content: string;
}

/**
 * A schema with every version, as read from a registry.
 *
 * @public
 */
export interface RawSchema {
  readonly name: string;
  readonly format: SchemaFormat;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly lastModified?: string;
  /** Every version, oldest first. */
  readonly versions: readonly RawSchemaVersion[];
}

/**
 * A registry with all of its schemas.
 *
 * @public
 */
export interface RawRegistry {
  readonly name: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly schemas: readonly RawSchema[];
}

/**
 * Where a source's data came from, for the UI and health reports.
 *
 * @public
 */
export interface SourceLocation {
  readonly type: 'aws' | 'directory';
  /** Account id and region for AWS; the folder for a directory. */
  readonly accountId?: string;
  readonly region?: string;
  readonly path?: string;
}

/**
 * A problem met while reading a source that did not stop the read.
 *
 * @public
 */
export interface SourceWarning {
  readonly registry?: string;
  readonly schema?: string;
  readonly message: string;
}

/**
 * A schema the source listed but could not read (throttled past every
 * retry, a 5xx, a timeout). It is left out of `registries`; the caller
 * decides whether to serve an earlier read of it instead.
 * @public
 */
export interface FailedSchema {
  readonly registry: string;
  readonly schema: string;
  readonly message: string;
}

/**
 * Everything one source holds, read in one go.
 *
 * @public
 */
export interface SourceReadResult {
  readonly registries: readonly RawRegistry[];
  readonly warnings: readonly SourceWarning[];
  /** Schemas that exist but whose read failed; absent means none. */
  readonly failedSchemas?: readonly FailedSchema[];
}

/**
 * A place schemas come from: an AWS account and region, or a local folder
 * that mirrors registries. A read either returns the whole source or throws;
 * per-schema problems come back as warnings, and schemas that exist but
 * could not be read also as `failedSchemas`. The signal aborts the read:
 * every request in flight is cancelled and the read rejects.
 * @public
 */
export interface RegistrySource {
  /** Unique among the configured sources; shows up in URLs and health. */
  readonly id: string;
  readonly location: SourceLocation;
  read(options?: { signal?: AbortSignal }): Promise<SourceReadResult>;
}
