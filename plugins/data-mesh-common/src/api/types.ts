/**
 * The REST API of the data mesh backend (`/api/data-mesh`), as types shared
 * by the backend, the catalog module and the frontend. Each is a name for a
 * schema of the one description, plugins/data-mesh-backend/src/schema/openapi.yaml,
 * through the types generated from it (`npm run openapi:generate`); the
 * prose is there and in docs/api.md.
 */
import { components } from './generated/openapi';

/**
 * Every schema of the REST API's OpenAPI document, by name: the types below
 * name the ones callers use.
 *
 * @public
 */
export type DataMeshApiSchemas = components['schemas'];

/**
 * Where a registry lives: an AWS account and region, or a local folder.
 * @public
 */
export type RegistryLocation = DataMeshApiSchemas['RegistryLocation'];

/**
 * An event schema in a registry, as listed.
 * @public
 */
export type EventSummary = DataMeshApiSchemas['EventSummary'];

/**
 * An event with its version history and all of its tags.
 * @public
 */
export type EventDetails = DataMeshApiSchemas['EventDetails'];

/**
 * One version of an event schema, as listed in its history.
 * @public
 */
export type SchemaVersionInfo = EventDetails['versions'][number];

/**
 * One version's content, raw and read.
 * @public
 */
export type SchemaVersionContent = DataMeshApiSchemas['SchemaVersionContent'];

/**
 * The changes between two versions and their compatibility.
 * @public
 */
export type SchemaDiffResult = DataMeshApiSchemas['SchemaDiffResult'];

/**
 * The verdict between two consecutive versions of an event schema.
 * @public
 */
export type VersionPairVerdict = SchemaEvolution['pairs'][number];

/**
 * How a mode check of the latest version came out.
 * @public
 */
export type ModeCheckSummary = DataMeshApiSchemas['ModeCheckSummary'];

/**
 * An event schema's history under its product's compatibility mode.
 * @public
 */
export type SchemaEvolution = DataMeshApiSchemas['SchemaEvolution'];

/**
 * How to query a product in Athena.
 * @public
 */
export type AthenaAccess = DataMeshApiSchemas['AthenaAccess'];

/**
 * A data product, as listed.
 * @public
 */
export type DataProductSummary = DataMeshApiSchemas['DataProductSummary'];

/**
 * A data product with its events, consumers and Athena access.
 * @public
 */
export type DataProductDetails = DataMeshApiSchemas['DataProductDetails'];

/**
 * The values the data product filters can take, for filter menus.
 * @public
 */
export type DataProductFacets = DataMeshApiSchemas['DataProductFacets'];

/**
 * One page of a list.
 * @public
 */
export interface Page<T> extends Omit<
  DataMeshApiSchemas['PageFields'],
  'items'
> {
  readonly items: readonly T[];
}

/**
 * How one source of the snapshot is doing.
 * @public
 */
export type SourceHealth = DataMeshApiSchemas['SourceHealth'];

/**
 * How the data mesh backend is doing, from `starting` to `ok`.
 * @public
 */
export type HealthStatus = DataMeshApiSchemas['HealthStatus'];

/**
 * What `/health` tells an anonymous caller: the status only.
 * @public
 */
export type PublicHealthReport = DataMeshApiSchemas['PublicHealthReport'];

/**
 * What `/health` tells a signed-in caller (user or service).
 * @public
 */
export type HealthReport = DataMeshApiSchemas['HealthReport'];

/**
 * An event with its latest detail schema, for consumers that build documents.
 * @public
 */
export type EventWithSchema = DataMeshApiSchemas['EventWithSchema'];

/**
 * What `GET /snapshot` answers other backend plugins: the export's
 * identity and size; its content comes page by page.
 * @public
 */
export type SnapshotManifest = DataMeshApiSchemas['SnapshotManifest'];

/**
 * One page of a snapshot's export.
 * @public
 */
export type SnapshotPage = DataMeshApiSchemas['SnapshotPage'];

/**
 * A snapshot's whole export, as a reader assembles it from the manifest and
 * its pages.
 * @public
 */
export interface SnapshotExport extends Pick<
  SnapshotManifest,
  'snapshotId' | 'builtAt' | 'complete' | 'incompleteSources'
> {
  readonly dataProducts: readonly DataProductDetails[];
  readonly events: readonly EventWithSchema[];
}
