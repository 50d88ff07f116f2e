// ******************************************************************
// * Generated from plugins/data-mesh-backend/src/schema/openapi.yaml
// * by scripts/generate-openapi.mjs. Do not edit: change the document
// * and run `npm run openapi:generate`.
// ******************************************************************
/* eslint-disable */
import type { JsonSchema } from '../../schema/types';
export type paths = {
  readonly '/openapi.json': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * This document, as JSON.
     * Needs no credentials, so that tools and the api-docs plugin can read it.
     */
    readonly get: operations['getOpenApiSpec'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/health': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * How complete and fresh the snapshot is.
     * Open to anyone (monitors poll it). An anonymous caller gets the status only (`PublicHealthReport`); a signed-in user or service gets the reasons and every source's details (`HealthReport`). Neither carries a server path.
     */
    readonly get: operations['getHealth'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/refresh': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly get?: never;
    readonly put?: never;
    /**
     * Refresh every source now; concurrent calls share one run.
     * Needs the `data-mesh.refresh` permission (403 otherwise). One refresh over HTTP per `dataMesh.refresh.minInterval` (default 30 s, counted from the end of the previous one): a call while one runs joins it, a call sooner after it gets 429 with `Retry-After`.
     */
    readonly post: operations['refresh'];
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/data-products': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Data products, sorted by domain and name.
     * Unknown parameters are rejected (400).
     */
    readonly get: operations['listDataProducts'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/data-products/facets': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The values the data product filters can take.
     * The domains, owners and classifications of every product, for the list's filters.
     */
    readonly get: operations['getDataProductFacets'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/data-products/{domain}/{name}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * One product with its events and how to query it in Athena.
     * The product's contract fields, its events, its approved consumers with what each receives and until when, and how to query it in Athena. 404 when the domain has no product of that name.
     */
    readonly get: operations['getDataProduct'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/events': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * Every event schema, managed by a data product or not.
     * Unknown parameters are rejected (400).
     */
    readonly get: operations['listEvents'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/events/{registry}/{schema}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * An event with its version history and all of its tags.
     * Its summary, every version (oldest first) and every tag of the schema. 409 when two sources hold a registry of this name and `source` does not say which.
     */
    readonly get: operations['getEvent'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/events/{registry}/{schema}/versions/{version}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * One version's content, raw and read.
     * `content` is exactly what the registry stores; `detail` is the event's detail schema with its references resolved, absent when the content cannot be read (`problems` says why); `fields` flattens it for display.
     */
    readonly get: operations['getEventVersion'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/events/{registry}/{schema}/evolution': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The schema's history under its product's compatibility mode.
     * The verdict of each consecutive pair of versions, and whether the latest version honours the mode (the contract's `compatibility`, BACKWARD when untagged) and its transitive form.
     */
    readonly get: operations['getEventEvolution'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/events/{registry}/{schema}/diff': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The compatibility of two versions (docs/decisions/0003-schema-compatibility.md).
     * Every change between the two versions, whether it breaks readers or writers, and the compatibility level they leave (FULL, BACKWARD, FORWARD or NONE).
     */
    readonly get: operations['diffEventVersions'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/snapshot': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * The export's manifest, for other backend plugins (service tokens only).
     * The export's identity, completeness and page count. Its ETag is the snapshot id, which names the content: a reader that sends it back in If-None-Match gets 304 while nothing changed.
     */
    readonly get: operations['getSnapshotManifest'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
  readonly '/snapshot/{snapshotId}/pages/{page}': {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    /**
     * One page of a snapshot's export (service tokens only).
     * Pages are numbered from 0 up to the manifest's `pageCount`. 409 once newer snapshots have replaced this one: read the manifest again.
     */
    readonly get: operations['getSnapshotPage'];
    readonly put?: never;
    readonly post?: never;
    readonly delete?: never;
    readonly options?: never;
    readonly head?: never;
    readonly patch?: never;
    readonly trace?: never;
  };
};
export type webhooks = Record<string, never>;
/**
 * The REST API's schemas, by name.
 *
 * @public
 */
export type components = {
  schemas: {
    readonly Error: {
      readonly error: {
        readonly name: string;
        readonly message: string;
      };
      readonly request?: {
        readonly method?: string;
        readonly url?: string;
      };
      readonly response: {
        readonly statusCode: number;
      };
    };
    readonly Classification:
      'public' | 'internal' | 'confidential' | 'restricted';
    readonly SchemaFormat: 'JSONSchemaDraft4' | 'OpenApi3';
    /** A JSON Schema, as read from the registry. */
    readonly JsonSchema: JsonSchema;
    readonly StringList: readonly string[];
    readonly StringMap: {
      readonly [key: string]: string;
    };
    readonly RegistryLocation: {
      readonly sourceId: string;
      readonly type: 'aws' | 'directory';
      readonly accountId?: string;
      readonly region?: string;
    };
    readonly EventSummaryFields: {
      readonly location: components['schemas']['RegistryLocation'];
      readonly registry: string;
      readonly schemaName: string;
      readonly source?: string;
      readonly detailType?: string;
      readonly description?: string;
      readonly format: components['schemas']['SchemaFormat'];
      readonly latestVersion: string;
      readonly versionCount: number;
      /** Format: date-time */
      readonly lastModified?: string;
      /** Absent for an unmanaged event (no data-product tags). */
      readonly domain?: string;
      readonly dataProduct?: string;
      readonly piiFields: components['schemas']['StringList'];
      /** Why this event is shown degraded (malformed content, bad tags). */
      readonly problems: components['schemas']['StringList'];
    };
    readonly EventSummary: components['schemas']['EventSummaryFields'];
    readonly EventDetails: {
      /** Oldest first. */
      readonly versions: readonly {
        readonly version: string;
        /** Format: date-time */
        readonly createdAt?: string;
      }[];
      readonly tags: components['schemas']['StringMap'];
    } & components['schemas']['EventSummaryFields'];
    readonly EventWithSchema: {
      /** Absent when the latest version is unreadable (see `problems`). */
      readonly latestDetail?: components['schemas']['JsonSchema'];
    } & components['schemas']['EventSummaryFields'];
    readonly SchemaField: {
      /** Dotted path as contracts write it, e.g. `customer.address.city`, `legs[].price`. */
      readonly path: string;
      readonly name: string;
      readonly depth: number;
      readonly types: readonly (
        | 'string'
        | 'number'
        | 'integer'
        | 'boolean'
        | 'object'
        | 'array'
        | 'null'
      )[];
      readonly required: boolean;
      readonly description?: string;
      readonly format?: string;
      /** The values the schema allows, as JSON values of any type. */
      readonly enum?: readonly unknown[];
      readonly schema: components['schemas']['JsonSchema'];
    };
    readonly SchemaVersionContent: {
      readonly registry: string;
      readonly schemaName: string;
      readonly version: string;
      readonly format: components['schemas']['SchemaFormat'];
      /** Format: date-time */
      readonly createdAt?: string;
      /** The content exactly as the registry stores it. */
      readonly content: string;
      /** The detail's JSON Schema, refs resolved; absent when unreadable. */
      readonly detail?: components['schemas']['JsonSchema'];
      readonly fields: readonly components['schemas']['SchemaField'][];
      readonly problems: components['schemas']['StringList'];
    };
    readonly SchemaChange: {
      /** A rule of docs/decisions/0003-schema-compatibility.md, e.g. `type-widened`. */
      readonly kind: string;
      /** JSON path of the changed schema node, e.g. `$.legs[*].price`. */
      readonly path: string;
      readonly subject: string;
      readonly description: string;
      readonly backward: boolean;
      readonly forward: boolean;
    };
    readonly SchemaDiffResult: {
      readonly registry: string;
      readonly schemaName: string;
      readonly from: string;
      readonly to: string;
      readonly diff: {
        readonly compatibility: components['schemas']['CompatibilityLevel'];
        readonly breaking: boolean;
        readonly changes: readonly components['schemas']['SchemaChange'][];
      };
    };
    readonly CompatibilityLevel: 'FULL' | 'BACKWARD' | 'FORWARD' | 'NONE';
    readonly CompatibilityMode:
      | 'BACKWARD'
      | 'BACKWARD_TRANSITIVE'
      | 'FORWARD'
      | 'FORWARD_TRANSITIVE'
      | 'FULL'
      | 'FULL_TRANSITIVE'
      | 'NONE';
    readonly ModeCheckSummary: {
      readonly mode: components['schemas']['CompatibilityMode'];
      readonly honoured: boolean;
      readonly checkedAgainst: components['schemas']['StringList'];
      readonly violations: readonly {
        readonly againstVersion: string;
        readonly direction: 'backward' | 'forward';
        /**
         * `not-analysed` when only changes the checker does not interpret stand in the way.
         */
        readonly verdict: 'breaking' | 'not-analysed';
        readonly changeCount: number;
      }[];
    };
    readonly SchemaEvolution: {
      readonly registry: string;
      readonly schemaName: string;
      readonly mode: components['schemas']['CompatibilityMode'];
      /** False when no contract tag names the mode and the default applies. */
      readonly modeDeclared: boolean;
      readonly pairs: readonly {
        readonly from: string;
        readonly to: string;
        readonly compatibility: components['schemas']['CompatibilityLevel'];
        readonly changeCount: number;
      }[];
      readonly latest: {
        readonly version: string;
        readonly mode: components['schemas']['ModeCheckSummary'];
        readonly transitive?: components['schemas']['ModeCheckSummary'];
      };
      readonly problems: components['schemas']['StringList'];
    };
    readonly AthenaAccess: {
      readonly database: string;
      readonly table: string;
      readonly workgroup?: string;
      readonly partitionKeys: components['schemas']['StringList'];
      readonly sampleQuery: string;
    };
    readonly DataProductSummaryFields: {
      readonly domain: string;
      readonly name: string;
      readonly owner?: string;
      readonly classification?: components['schemas']['Classification'];
      readonly contractVersion?: string;
      readonly eventCount: number;
      readonly detailTypes: components['schemas']['StringList'];
      /** True when some metadata or schema could not be read. */
      readonly degraded: boolean;
    };
    readonly DataProductSummary: components['schemas']['DataProductSummaryFields'];
    readonly DataProductDetails: {
      /** The approved consumers (the contract's `access.consumers` in force at the last deploy). */
      readonly consumers: readonly components['schemas']['ConsumerSummary'][];
      /** The mode new event versions must honour (the contract's `compatibility`). */
      readonly compatibility?: components['schemas']['CompatibilityMode'];
      readonly retentionDays?: number;
      readonly freshnessMinutes?: number;
      readonly athena?: components['schemas']['AthenaAccess'];
      readonly events: readonly components['schemas']['EventSummary'][];
      /** The owner's own tags (not `datamesh:`). */
      readonly userTags: components['schemas']['StringMap'];
      readonly problems: components['schemas']['StringList'];
    } & components['schemas']['DataProductSummaryFields'];
    /** An approved consumer of a data product. */
    readonly ConsumerSummary: {
      /** The consuming System or Group (a Backstage entity reference with its kind). */
      readonly consumer: string;
      /** Whether the product's events (all or some) are forwarded to it. */
      readonly events: boolean;
      /** When only some detail-types are forwarded, those. */
      readonly detailTypes?: readonly string[];
      /**
       * What it reads of the table, when anything.
       */
      readonly table?: 'without-pii' | 'with-pii';
      /**
       * Format: date
       * The grant's last day.
       */
      readonly expires?: string;
    };
    readonly DataProductFacets: {
      readonly domains: components['schemas']['StringList'];
      readonly owners: components['schemas']['StringList'];
      readonly classifications: readonly components['schemas']['Classification'][];
    };
    /** One page; `items` is typed by the page schemas that include this one. */
    readonly PageFields: {
      readonly items: readonly unknown[];
      readonly totalCount: number;
      readonly offset: number;
      readonly limit: number;
    };
    readonly DataProductPage: {
      readonly items?: readonly components['schemas']['DataProductSummary'][];
    } & components['schemas']['PageFields'];
    readonly EventPage: {
      readonly items?: readonly components['schemas']['EventSummary'][];
    } & components['schemas']['PageFields'];
    readonly SourceHealth: {
      readonly location: components['schemas']['RegistryLocation'];
      /**
       * `pending` until the first refresh of the source finished.
       */
      readonly status: 'ok' | 'failing' | 'pending';
      /** Format: date-time */
      readonly lastAttemptAt?: string;
      /** Format: date-time */
      readonly lastSuccessAt?: string;
      readonly lastDurationMs?: number;
      readonly registryCount: number;
      readonly schemaCount: number;
      readonly versionCount: number;
      /** The last refresh's error; the previous good data is still served. */
      readonly error?: string;
      readonly warnings: components['schemas']['StringList'];
      /** Schemas the last read listed but could not read; each keeps the versions of its last good read (or is left out when there was none). */
      readonly schemasInError: number;
      /** True when what is served is not what the last refresh read (failed, over the refresh budget, or held back as a suspect drop). */
      readonly stale: boolean;
      /**
       * Format: date-time
       * When the data served for this source was read.
       */
      readonly dataReadAt?: string;
      /** Seconds since `dataReadAt`, as of this report. */
      readonly dataAgeSeconds?: number;
      /** The schema count of a read held back as a suspect drop (half the schemas or more gone), until a second read confirms it. */
      readonly suspectSchemaCount?: number;
    };
    readonly HealthStatus: 'ok' | 'degraded' | 'failing' | 'starting';
    /** What an anonymous caller of /health gets. */
    readonly PublicHealthReport: {
      readonly status: components['schemas']['HealthStatus'];
      /** Format: date-time */
      readonly snapshotBuiltAt?: string;
    };
    readonly HealthAnswer:
      | components['schemas']['HealthReport']
      | components['schemas']['PublicHealthReport'];
    /** What a signed-in caller of /health or /refresh gets. */
    readonly HealthReport: {
      readonly status: components['schemas']['HealthStatus'];
      /** Why the status is not `ok`; empty when it is. */
      readonly reasons: components['schemas']['StringList'];
      /** Format: date-time */
      readonly snapshotBuiltAt?: string;
      readonly dataProductCount: number;
      readonly eventCount: number;
      readonly sources: readonly components['schemas']['SourceHealth'][];
    };
    readonly SnapshotManifest: {
      /** Names the content (not the build): unchanged across refreshes that change nothing. */
      readonly snapshotId: string;
      /** Format: date-time */
      readonly builtAt: string;
      /** False when some source failed, is stale or has schemas in error: consumers must not delete what is missing from this export. */
      readonly complete: boolean;
      /** The ids of the sources that make the export incomplete. */
      readonly incompleteSources: readonly string[];
      readonly dataProductCount: number;
      readonly eventCount: number;
      readonly pageCount: number;
    };
    readonly SnapshotPage: {
      readonly snapshotId: string;
      readonly page: number;
      readonly dataProducts: readonly components['schemas']['DataProductDetails'][];
      readonly events: readonly components['schemas']['EventWithSchema'][];
    };
  };
  responses: {
    /** Backstage's error body; the message names what is wrong. */
    readonly Error: {
      headers: {
        readonly [name: string]: unknown;
      };
      content: {
        readonly 'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    readonly offset: number;
    readonly limit: number;
    readonly registry: string;
    /** The schema name, URL-encoded (`aws.payments%40SettlementCompleted`). */
    readonly schema: string;
    /** The source id, when two sources hold a registry of this name (else 409). */
    readonly source: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
/**
 * The REST API's operations, by operationId: parameters and answers.
 *
 * @public
 */
export interface operations {
  readonly getOpenApiSpec: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The OpenAPI document. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': Record<string, never>;
        };
      };
      readonly 400: components['responses']['Error'];
    };
  };
  readonly getHealth: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** `ok`; `degraded` when part of the catalog is missing or stale (a source failing or stale, schemas in error or with warnings); `failing` when no source could be read (only stale data, or nothing, is served). */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['HealthAnswer'];
        };
      };
      readonly 401: components['responses']['Error'];
      /** `starting`: the first refresh has not finished. */
      readonly 503: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['HealthAnswer'];
        };
      };
    };
  };
  readonly refresh: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The health report after the refresh. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['HealthReport'];
        };
      };
      readonly 401: components['responses']['Error'];
      readonly 403: components['responses']['Error'];
      /** Too soon after the previous refresh. */
      readonly 429: {
        headers: {
          /** Seconds until a refresh is accepted. */
          readonly 'Retry-After'?: number;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly listDataProducts: {
    readonly parameters: {
      readonly query?: {
        /** Case-insensitive text in name, domain, owner or an event's detail-type. */
        readonly q?: string;
        readonly domain?: string;
        /** Owner entity ref, e.g. `group:trading-data`. */
        readonly owner?: string;
        readonly classification?: components['schemas']['Classification'];
        readonly offset?: components['parameters']['offset'];
        readonly limit?: components['parameters']['limit'];
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** One page of products. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['DataProductPage'];
        };
      };
      readonly 400: components['responses']['Error'];
      readonly 401: components['responses']['Error'];
    };
  };
  readonly getDataProductFacets: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** Each list sorted. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['DataProductFacets'];
        };
      };
      readonly 401: components['responses']['Error'];
    };
  };
  readonly getDataProduct: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly domain: string;
        readonly name: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The product. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['DataProductDetails'];
        };
      };
      readonly 401: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
    };
  };
  readonly listEvents: {
    readonly parameters: {
      readonly query?: {
        /** Text in the schema name. */
        readonly q?: string;
        readonly registry?: string;
        /** `true`: only schemas without data-product tags; `false`: only managed ones. */
        readonly unmanaged?: 'true' | 'false';
        readonly offset?: components['parameters']['offset'];
        readonly limit?: components['parameters']['limit'];
      };
      readonly header?: never;
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** One page of events. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['EventPage'];
        };
      };
      readonly 400: components['responses']['Error'];
      readonly 401: components['responses']['Error'];
    };
  };
  readonly getEvent: {
    readonly parameters: {
      readonly query?: {
        /** The source id, when two sources hold a registry of this name (else 409). */
        readonly source?: components['parameters']['source'];
      };
      readonly header?: never;
      readonly path: {
        readonly registry: components['parameters']['registry'];
        /** The schema name, URL-encoded (`aws.payments%40SettlementCompleted`). */
        readonly schema: components['parameters']['schema'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The event. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['EventDetails'];
        };
      };
      readonly 401: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
      readonly 409: components['responses']['Error'];
    };
  };
  readonly getEventVersion: {
    readonly parameters: {
      readonly query?: {
        /** The source id, when two sources hold a registry of this name (else 409). */
        readonly source?: components['parameters']['source'];
      };
      readonly header?: never;
      readonly path: {
        readonly registry: components['parameters']['registry'];
        /** The schema name, URL-encoded (`aws.payments%40SettlementCompleted`). */
        readonly schema: components['parameters']['schema'];
        readonly version: string;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The version. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SchemaVersionContent'];
        };
      };
      readonly 401: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
      readonly 409: components['responses']['Error'];
    };
  };
  readonly getEventEvolution: {
    readonly parameters: {
      readonly query?: {
        /** The source id, when two sources hold a registry of this name (else 409). */
        readonly source?: components['parameters']['source'];
      };
      readonly header?: never;
      readonly path: {
        readonly registry: components['parameters']['registry'];
        /** The schema name, URL-encoded (`aws.payments%40SettlementCompleted`). */
        readonly schema: components['parameters']['schema'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The history. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SchemaEvolution'];
        };
      };
      readonly 400: components['responses']['Error'];
      readonly 401: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
      readonly 409: components['responses']['Error'];
    };
  };
  readonly diffEventVersions: {
    readonly parameters: {
      readonly query: {
        readonly from: string;
        /** May be older than `from`; the diff is then read backwards. */
        readonly to: string;
        /** The source id, when two sources hold a registry of this name (else 409). */
        readonly source?: components['parameters']['source'];
      };
      readonly header?: never;
      readonly path: {
        readonly registry: components['parameters']['registry'];
        /** The schema name, URL-encoded (`aws.payments%40SettlementCompleted`). */
        readonly schema: components['parameters']['schema'];
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The differences and the compatibility level. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SchemaDiffResult'];
        };
      };
      readonly 400: components['responses']['Error'];
      readonly 401: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
      readonly 409: components['responses']['Error'];
    };
  };
  readonly getSnapshotManifest: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: {
        readonly 'If-None-Match'?: string;
      };
      readonly path?: never;
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** The manifest of the current snapshot's export. */
      readonly 200: {
        headers: {
          /** W/"<snapshotId>" */
          readonly ETag?: string;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SnapshotManifest'];
        };
      };
      /** The export is still the one If-None-Match names. */
      readonly 304: {
        headers: {
          readonly [name: string]: unknown;
        };
        content?: never;
      };
      readonly 401: components['responses']['Error'];
      readonly 403: components['responses']['Error'];
      /** The first refresh has not finished; nothing to export yet. */
      readonly 503: {
        headers: {
          /** Seconds to wait before asking again. */
          readonly 'Retry-After'?: number;
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  readonly getSnapshotPage: {
    readonly parameters: {
      readonly query?: never;
      readonly header?: never;
      readonly path: {
        readonly snapshotId: string;
        readonly page: number;
      };
      readonly cookie?: never;
    };
    readonly requestBody?: never;
    readonly responses: {
      /** Products, then events with their latest detail schema, in export order. A page never changes. */
      readonly 200: {
        headers: {
          readonly [name: string]: unknown;
        };
        content: {
          readonly 'application/json': components['schemas']['SnapshotPage'];
        };
      };
      readonly 400: components['responses']['Error'];
      readonly 401: components['responses']['Error'];
      readonly 403: components['responses']['Error'];
      readonly 404: components['responses']['Error'];
      readonly 409: components['responses']['Error'];
    };
  };
}

/** Each operation's method and path template, by operationId. */
export const operationRoutes = {
  getOpenApiSpec: {
    method: 'GET',
    path: '/openapi.json',
  },
  getHealth: {
    method: 'GET',
    path: '/health',
  },
  refresh: {
    method: 'POST',
    path: '/refresh',
  },
  listDataProducts: {
    method: 'GET',
    path: '/data-products',
  },
  getDataProductFacets: {
    method: 'GET',
    path: '/data-products/facets',
  },
  getDataProduct: {
    method: 'GET',
    path: '/data-products/{domain}/{name}',
  },
  listEvents: {
    method: 'GET',
    path: '/events',
  },
  getEvent: {
    method: 'GET',
    path: '/events/{registry}/{schema}',
  },
  getEventVersion: {
    method: 'GET',
    path: '/events/{registry}/{schema}/versions/{version}',
  },
  getEventEvolution: {
    method: 'GET',
    path: '/events/{registry}/{schema}/evolution',
  },
  diffEventVersions: {
    method: 'GET',
    path: '/events/{registry}/{schema}/diff',
  },
  getSnapshotManifest: {
    method: 'GET',
    path: '/snapshot',
  },
  getSnapshotPage: {
    method: 'GET',
    path: '/snapshot/{snapshotId}/pages/{page}',
  },
} as const;
