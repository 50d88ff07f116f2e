/**
 * The REST API of the data mesh backend (`/api/data-mesh`), as types shared
 * by the backend, the catalog module and the frontend. Documented in
 * docs/api.md.
 */
import { Classification } from '../contract/model';
import { ConsumerSummary } from '../tags/consumerTags';
import { SchemaDiff } from '../compatibility/diffSchemas';
import { CompatibilityLevel } from '../compatibility/rules';
import { CompatibilityMode } from '../contract/compatibilityModes';
import { SchemaField } from '../schema/fields';
import { JsonSchema, SchemaFormat } from '../schema/types';

/** Where a registry lives: an AWS account and region, or a local folder. */
export interface RegistryLocation {
  readonly sourceId: string;
  readonly type: 'aws' | 'directory';
  readonly accountId?: string;
  readonly region?: string;
}

/** An event schema in a registry, as listed. */
export interface EventSummary {
  readonly location: RegistryLocation;
  readonly registry: string;
  readonly schemaName: string;
  /** The event source and detail-type, from the content or the schema name. */
  readonly source?: string;
  readonly detailType?: string;
  readonly description?: string;
  readonly format: SchemaFormat;
  readonly latestVersion: string;
  readonly versionCount: number;
  readonly lastModified?: string;
  /** Undefined for an unmanaged event (no data-product tags). */
  readonly domain?: string;
  readonly dataProduct?: string;
  readonly piiFields: readonly string[];
  /** Why this event is shown degraded (malformed content, bad tags). */
  readonly problems: readonly string[];
}

export interface SchemaVersionInfo {
  readonly version: string;
  readonly createdAt?: string;
}

/** An event with its version history and all of its tags. */
export interface EventDetails extends EventSummary {
  readonly versions: readonly SchemaVersionInfo[];
  readonly tags: Readonly<Record<string, string>>;
}

/** One version's content, raw and read. */
export interface SchemaVersionContent {
  readonly registry: string;
  readonly schemaName: string;
  readonly version: string;
  readonly format: SchemaFormat;
  readonly createdAt?: string;
  /** The content exactly as the registry stores it. */
  readonly content: string;
  /** The detail's JSON Schema, refs resolved; absent when unreadable. */
  readonly detail?: JsonSchema;
  readonly fields: readonly SchemaField[];
  readonly problems: readonly string[];
}

export interface SchemaDiffResult {
  readonly registry: string;
  readonly schemaName: string;
  readonly from: string;
  readonly to: string;
  readonly diff: SchemaDiff;
}

/** The verdict between two consecutive versions of an event schema. */
export interface VersionPairVerdict {
  readonly from: string;
  readonly to: string;
  readonly compatibility: CompatibilityLevel;
  readonly changeCount: number;
}

/** How a mode check of the latest version came out. */
export interface ModeCheckSummary {
  readonly mode: CompatibilityMode;
  readonly honoured: boolean;
  /** The versions compared with, oldest first. */
  readonly checkedAgainst: readonly string[];
  readonly violations: ReadonlyArray<{
    readonly againstVersion: string;
    readonly direction: 'backward' | 'forward';
    /** `not-analysed`: only changes the checker does not interpret stand in the way. */
    readonly verdict: 'breaking' | 'not-analysed';
    readonly changeCount: number;
  }>;
}

/**
 * An event schema's history under its product's compatibility mode: the
 * verdict of each consecutive pair, and whether the latest version honours
 * the mode, and its transitive form, against the versions before it.
 */
export interface SchemaEvolution {
  readonly registry: string;
  readonly schemaName: string;
  readonly mode: CompatibilityMode;
  /** False when no contract tag names the mode and the default applies. */
  readonly modeDeclared: boolean;
  readonly pairs: readonly VersionPairVerdict[];
  readonly latest: {
    readonly version: string;
    /** The declared mode against what it compares with. */
    readonly mode: ModeCheckSummary;
    /** The mode's transitive form against every earlier version (none for NONE). */
    readonly transitive?: ModeCheckSummary;
  };
  /** Versions left out because their content could not be read. */
  readonly problems: readonly string[];
}

/** How to query a product in Athena. */
export interface AthenaAccess {
  readonly database: string;
  readonly table: string;
  readonly workgroup?: string;
  readonly partitionKeys: readonly string[];
  readonly sampleQuery: string;
}

export interface DataProductSummary {
  readonly domain: string;
  readonly name: string;
  readonly owner?: string;
  readonly classification?: Classification;
  readonly contractVersion?: string;
  readonly eventCount: number;
  /** Detail-types of the product's events, for lists. */
  readonly detailTypes: readonly string[];
  /** True when some metadata or schema could not be read. */
  readonly degraded: boolean;
}

export interface DataProductDetails extends DataProductSummary {
  /** The mode new event versions must honour (the contract's `compatibility`). */
  readonly compatibility?: CompatibilityMode;
  readonly retentionDays?: number;
  readonly freshnessMinutes?: number;
  readonly athena?: AthenaAccess;
  readonly events: readonly EventSummary[];
  /** The approved consumers (the contract's `access.consumers` in force at the last deploy). */
  readonly consumers: readonly ConsumerSummary[];
  /** The owner's own tags (not `datamesh:`). */
  readonly userTags: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
}

/** The values the data product filters can take, for filter menus. */
export interface DataProductFacets {
  readonly domains: readonly string[];
  readonly owners: readonly string[];
  readonly classifications: readonly Classification[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
  readonly offset: number;
  readonly limit: number;
}

export interface SourceHealth {
  readonly location: RegistryLocation;
  /** `pending` until the first refresh of the source finished. */
  readonly status: 'ok' | 'failing' | 'pending';
  readonly lastAttemptAt?: string;
  readonly lastSuccessAt?: string;
  readonly lastDurationMs?: number;
  readonly registryCount: number;
  readonly schemaCount: number;
  readonly versionCount: number;
  /** The last refresh's error; the previous good data is still served. */
  readonly error?: string;
  readonly warnings: readonly string[];
  /**
   * Schemas the last read listed but could not read (throttled, 5xx,
   * timeout): each keeps the versions of the last read that got it, or is
   * left out when there was none. Each one also has a warning.
   */
  readonly schemasInError: number;
  /**
   * True when what is served is not what the last refresh read: the read
   * failed, overran the refresh budget, or was held back as a suspect drop.
   */
  readonly stale: boolean;
  /** When the data served for this source was read; absent before any good read. */
  readonly dataReadAt?: string;
  /** Seconds since `dataReadAt`, as of this report. */
  readonly dataAgeSeconds?: number;
  /**
   * Set when the last read found far fewer schemas than the data served
   * (half of them or more gone): the count it found, held back until a second
   * read confirms it.
   */
  readonly suspectSchemaCount?: number;
}

/**
 * How the data mesh backend is doing: `starting` until the first refresh
 * finished; `failing` when no source could be read (nothing, or only stale
 * data, is served); `degraded` when part of the catalog is missing or
 * stale (a source failing, schemas in error or with warnings); else `ok`.
 */
export type HealthStatus = 'ok' | 'degraded' | 'failing' | 'starting';

/**
 * What `/health` tells an anonymous caller: the status only, nothing about
 * sources, accounts, schemas or the server.
 */
export interface PublicHealthReport {
  readonly status: HealthStatus;
  readonly snapshotBuiltAt?: string;
}

/** What `/health` tells a signed-in caller (user or service). */
export interface HealthReport extends PublicHealthReport {
  /** Why the status is not `ok`, one sentence each; empty when `ok`. */
  readonly reasons: readonly string[];
  readonly dataProductCount: number;
  readonly eventCount: number;
  readonly sources: readonly SourceHealth[];
}

/** An event with its latest detail schema, for consumers that build documents. */
export interface EventWithSchema extends EventSummary {
  /** Absent when the latest version is unreadable (see `problems`). */
  readonly latestDetail?: JsonSchema;
}

/**
 * What `GET /snapshot` answers other backend plugins (service principals
 * only): the export's identity and size; its content comes page by page
 * from `GET /snapshot/{snapshotId}/pages/{page}`.
 */
export interface SnapshotManifest {
  /**
   * Names the content (products, events and completeness), not the build:
   * it stays the same across refreshes that change nothing, and is the
   * response's ETag, so a reader holding it gets 304.
   */
  readonly snapshotId: string;
  readonly builtAt: string;
  /**
   * False when some source failed, is stale or has schemas in error: the
   * export may lack entities that still exist, so consumers must not
   * delete what is missing from it.
   */
  readonly complete: boolean;
  /** The ids of the sources that make the export incomplete. */
  readonly incompleteSources: readonly string[];
  readonly dataProductCount: number;
  readonly eventCount: number;
  /** Pages `0` to `pageCount - 1`: every product, then every event, in order. */
  readonly pageCount: number;
}

/** One page of a snapshot's export. */
export interface SnapshotPage {
  readonly snapshotId: string;
  readonly page: number;
  readonly dataProducts: readonly DataProductDetails[];
  readonly events: readonly EventWithSchema[];
}

/** A snapshot's whole export, as a reader assembles it from the manifest and its pages. */
export interface SnapshotExport extends Pick<
  SnapshotManifest,
  'snapshotId' | 'builtAt' | 'complete' | 'incompleteSources'
> {
  readonly dataProducts: readonly DataProductDetails[];
  readonly events: readonly EventWithSchema[];
}
