import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  DataMeshApiClient,
  DataProductDetails,
  DataProductFacets,
  DataProductSummary,
  EventDetails,
  EventSummary,
  Page,
  SchemaDiffResult,
  SchemaEvolution,
  SchemaVersionContent,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { DataMeshApi, DataProductListQuery, EventRef } from './DataMeshApi';

/**
 * The portal's {@link DataMeshApi}: the common package's client, typed by the
 * types generated from the API's OpenAPI document,
 * signed in by Backstage's fetchApi. Errors are its `ResponseError`s.
 * @public
 */
export class DataMeshClient implements DataMeshApi {
  private readonly client: DataMeshApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DataMeshApiClient(options);
  }

  listDataProducts(
    query: DataProductListQuery = {},
  ): Promise<Page<DataProductSummary>> {
    return this.client.listDataProducts(query);
  }

  getFacets(): Promise<DataProductFacets> {
    return this.client.getDataProductFacets();
  }

  getDataProduct(domain: string, name: string): Promise<DataProductDetails> {
    return this.client.getDataProduct({ domain, name });
  }

  listEvents(
    query: {
      q?: string;
      unmanaged?: boolean;
      offset?: number;
      limit?: number;
    } = {},
  ): Promise<Page<EventSummary>> {
    const { unmanaged, ...rest } = query;
    return this.client.listEvents({
      ...rest,
      unmanaged: unmanaged === undefined ? undefined : `${unmanaged}`,
    });
  }

  getEvent(ref: EventRef): Promise<EventDetails> {
    return this.client.getEvent(eventPath(ref), sourceOf(ref));
  }

  getSchemaVersion(
    ref: EventRef,
    version: string,
  ): Promise<SchemaVersionContent> {
    return this.client.getEventVersion(
      { ...eventPath(ref), version },
      sourceOf(ref),
    );
  }

  diffVersions(
    ref: EventRef,
    from: string,
    to: string,
  ): Promise<SchemaDiffResult> {
    return this.client.diffEventVersions(eventPath(ref), {
      ...sourceOf(ref),
      from,
      to,
    });
  }

  getEvolution(ref: EventRef): Promise<SchemaEvolution> {
    return this.client.getEventEvolution(eventPath(ref), sourceOf(ref));
  }
}

function eventPath(ref: EventRef) {
  return { registry: ref.registry, schema: ref.schemaName };
}

function sourceOf(ref: EventRef) {
  return { source: ref.sourceId };
}
