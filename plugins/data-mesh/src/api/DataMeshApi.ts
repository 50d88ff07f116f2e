import { createApiRef } from '@backstage/core-plugin-api';
import {
  DataProductDetails,
  DataProductFacets,
  DataProductSummary,
  EventDetails,
  EventSummary,
  Page,
  QueryParameters,
  SchemaDiffResult,
  SchemaEvolution,
  SchemaVersionContent,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * The filters and page of a data product list request, as the API's
 * document types them.
 *
 * @public
 */
export type DataProductListQuery = QueryParameters<'listDataProducts'>;

/**
 * Identifies an event schema; `sourceId` disambiguates same-named registries.
 *
 * @public
 */
export interface EventRef {
  registry: string;
  schemaName: string;
  sourceId?: string;
}

/**
 * The data mesh backend's REST API (docs/api.md), typed.
 *
 * @public
 */
export interface DataMeshApi {
  listDataProducts(
    query?: DataProductListQuery,
  ): Promise<Page<DataProductSummary>>;
  getFacets(): Promise<DataProductFacets>;
  getDataProduct(domain: string, name: string): Promise<DataProductDetails>;
  listEvents(query?: {
    q?: string;
    unmanaged?: boolean;
    offset?: number;
    limit?: number;
  }): Promise<Page<EventSummary>>;
  getEvent(ref: EventRef): Promise<EventDetails>;
  getSchemaVersion(
    ref: EventRef,
    version: string,
  ): Promise<SchemaVersionContent>;
  diffVersions(
    ref: EventRef,
    from: string,
    to: string,
  ): Promise<SchemaDiffResult>;
  getEvolution(ref: EventRef): Promise<SchemaEvolution>;
}

/**
 * The frontend's handle on DataMeshApi (the plugin registers DataMeshClient for it).
 *
 * @public
 */
export const dataMeshApiRef = createApiRef<DataMeshApi>({
  id: 'plugin.data-mesh.service',
});
