import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
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

const enc = encodeURIComponent;

/** Calls the data mesh backend through Backstage's discovery and fetch APIs. */
export class DataMeshClient implements DataMeshApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listDataProducts(
    query: DataProductListQuery = {},
  ): Promise<Page<DataProductSummary>> {
    return this.get(`/data-products${toQueryString({ ...query })}`);
  }

  getFacets(): Promise<DataProductFacets> {
    return this.get('/data-products/facets');
  }

  getDataProduct(domain: string, name: string): Promise<DataProductDetails> {
    return this.get(`/data-products/${enc(domain)}/${enc(name)}`);
  }

  listEvents(
    query: {
      q?: string;
      unmanaged?: boolean;
      offset?: number;
      limit?: number;
    } = {},
  ): Promise<Page<EventSummary>> {
    return this.get(`/events${toQueryString(query)}`);
  }

  getEvent(ref: EventRef): Promise<EventDetails> {
    return this.get(`${eventPath(ref)}${sourceQuery(ref)}`);
  }

  getSchemaVersion(
    ref: EventRef,
    version: string,
  ): Promise<SchemaVersionContent> {
    return this.get(
      `${eventPath(ref)}/versions/${enc(version)}${sourceQuery(ref)}`,
    );
  }

  diffVersions(
    ref: EventRef,
    from: string,
    to: string,
  ): Promise<SchemaDiffResult> {
    return this.get(
      `${eventPath(ref)}/diff${toQueryString({ source: ref.sourceId, from, to })}`,
    );
  }

  getEvolution(ref: EventRef): Promise<SchemaEvolution> {
    return this.get(`${eventPath(ref)}/evolution${sourceQuery(ref)}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function eventPath(ref: EventRef): string {
  return `/events/${enc(ref.registry)}/${enc(ref.schemaName)}`;
}

function sourceQuery(ref: EventRef): string {
  return toQueryString({ source: ref.sourceId });
}

function toQueryString(
  params: Record<string, string | number | boolean | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
