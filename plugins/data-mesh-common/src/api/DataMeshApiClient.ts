import { ResponseError } from '@backstage/errors';
import { operationRoutes, operations } from './generated/openapi';

/**
 * The operations of the REST API, by operationId.
 *
 * @public
 */
export type DataMeshApiOperationId = keyof operations;

/**
 * What an operation's path template needs, e.g. `{ registry, schema }`.
 *
 * @public
 */
export type PathParameters<Id extends DataMeshApiOperationId> = NonNullable<
  operations[Id]['parameters']['path']
>;

/**
 * The query an operation accepts, e.g. `{ q, limit }`.
 *
 * @public
 */
export type QueryParameters<Id extends DataMeshApiOperationId> = NonNullable<
  operations[Id]['parameters']['query']
>;

/**
 * The body of an operation's 200 answer.
 *
 * @public
 */
export type SuccessBody<Id extends DataMeshApiOperationId> =
  operations[Id]['responses'] extends {
    readonly 200: { content: { readonly 'application/json': infer Body } };
  }
    ? Body
    : never;

/**
 * Per call: the caller's Backstage token (backend callers pass their
 * plugin request token; the frontend's fetchApi adds the user's), and a
 * signal to give up on.
 * @public
 */
export interface DataMeshRequestOptions {
  readonly token?: string;
  readonly signal?: AbortSignal;
}

/**
 * How the client finds the backend and sends requests: Backstage's
 * discovery (frontend `discoveryApi` or backend `DiscoveryService`) and,
 * optionally, a fetch (the frontend's `fetchApi`, which signs requests in).
 * @public
 */
export interface DataMeshApiClientOptions {
  readonly discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  readonly fetchApi?: { fetch: typeof fetch };
}

/**
 * The answer to a conditional read of the snapshot manifest: unchanged
 * (304) or the manifest.
 * @public
 */
export type SnapshotManifestRead =
  | { readonly modified: false }
  | {
      readonly modified: true;
      readonly manifest: SuccessBody<'getSnapshotManifest'>;
    };

/**
 * The typed client of the data mesh backend's REST API, one method per
 * operation of its OpenAPI document (`openapi.yaml`, whose generated types
 * type every parameter and answer). Used alike by the frontend, the catalog
 * module and the scaffolder module. One error behaviour: an answer other
 * than 2xx throws `ResponseError` (from `@backstage/errors`, carrying the
 * status and the backend's error body), whose message names the URL and
 * says what the backend said; a backend that cannot be reached throws an
 * Error naming the URL.
 * @public
 */
export class DataMeshApiClient {
  private readonly discoveryApi: DataMeshApiClientOptions['discoveryApi'];
  private readonly fetch: typeof fetch;

  constructor(options: DataMeshApiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    // A browser's fetch throws "Illegal invocation" unless called on the
    // global object, so never keep it unbound.
    this.fetch = options.fetchApi
      ? options.fetchApi.fetch.bind(options.fetchApi)
      : (input, init) => globalThis.fetch(input, init);
  }

  /** Data products, sorted by domain and name; one page. */
  listDataProducts(
    query: QueryParameters<'listDataProducts'> = {},
    options?: DataMeshRequestOptions,
  ) {
    return this.call('listDataProducts', {}, query, options);
  }

  /** The values the data product filters can take. */
  getDataProductFacets(options?: DataMeshRequestOptions) {
    return this.call('getDataProductFacets', {}, {}, options);
  }

  /** One product with its events, consumers and Athena access. */
  getDataProduct(
    path: PathParameters<'getDataProduct'>,
    options?: DataMeshRequestOptions,
  ) {
    return this.call('getDataProduct', path, {}, options);
  }

  /** Every event schema, managed by a data product or not; one page. */
  listEvents(
    query: QueryParameters<'listEvents'> = {},
    options?: DataMeshRequestOptions,
  ) {
    return this.call('listEvents', {}, query, options);
  }

  /** An event with its version history and all of its tags. */
  getEvent(
    path: PathParameters<'getEvent'>,
    query: QueryParameters<'getEvent'> = {},
    options?: DataMeshRequestOptions,
  ) {
    return this.call('getEvent', path, query, options);
  }

  /** One version's content, raw and read. */
  getEventVersion(
    path: PathParameters<'getEventVersion'>,
    query: QueryParameters<'getEventVersion'> = {},
    options?: DataMeshRequestOptions,
  ) {
    return this.call('getEventVersion', path, query, options);
  }

  /** The schema's history under its product's compatibility mode. */
  getEventEvolution(
    path: PathParameters<'getEventEvolution'>,
    query: QueryParameters<'getEventEvolution'> = {},
    options?: DataMeshRequestOptions,
  ) {
    return this.call('getEventEvolution', path, query, options);
  }

  /** The compatibility of two versions and each change between them. */
  diffEventVersions(
    path: PathParameters<'diffEventVersions'>,
    query: QueryParameters<'diffEventVersions'>,
    options?: DataMeshRequestOptions,
  ) {
    return this.call('diffEventVersions', path, query, options);
  }

  /**
   * How complete and fresh the backend's snapshot is. While the first
   * refresh runs the backend answers 503 (`starting`), which this throws as
   * a `ResponseError` like any other answer that is not 2xx.
   */
  getHealth(options?: DataMeshRequestOptions) {
    return this.call('getHealth', {}, {}, options);
  }

  /** Refreshes every source now (needs the `data-mesh.refresh` permission). */
  refresh(options?: DataMeshRequestOptions) {
    return this.call('refresh', {}, {}, options);
  }

  /**
   * The export's manifest (service principals only). With `ifNoneMatch`,
   * the id of the snapshot the caller holds, an unchanged export costs one
   * 304 and answers `{ modified: false }`.
   */
  async getSnapshotManifest(
    options?: DataMeshRequestOptions & { readonly ifNoneMatch?: string },
  ): Promise<SnapshotManifestRead> {
    const { response, url } = await this.send(
      'getSnapshotManifest',
      {},
      {},
      options,
      options?.ifNoneMatch
        ? { 'If-None-Match': `W/"${options.ifNoneMatch}"` }
        : {},
    );
    if (response.status === 304) {
      return { modified: false };
    }
    return { modified: true, manifest: await answer(response, url) };
  }

  /** One page of a snapshot's export; 409 once newer snapshots replaced it. */
  getSnapshotPage(
    path: PathParameters<'getSnapshotPage'>,
    options?: DataMeshRequestOptions,
  ) {
    return this.call('getSnapshotPage', path, {}, options);
  }

  private async call<Id extends DataMeshApiOperationId>(
    id: Id,
    path: Record<string, string | number>,
    query: Record<string, unknown>,
    options: DataMeshRequestOptions | undefined,
  ): Promise<SuccessBody<Id>> {
    const { response, url } = await this.send(id, path, query, options);
    return answer(response, url);
  }

  private async send(
    id: DataMeshApiOperationId,
    path: Record<string, string | number>,
    query: Record<string, unknown>,
    options: DataMeshRequestOptions | undefined,
    headers: Record<string, string> = {},
  ): Promise<{ response: Response; url: string }> {
    const { method, path: template } = operationRoutes[id];
    const baseUrl = await this.discoveryApi.getBaseUrl('data-mesh');
    const url = `${baseUrl}${fillPath(template, path)}${queryString(query)}`;
    try {
      const response = await this.fetch(url, {
        method,
        signal: options?.signal,
        headers: {
          ...headers,
          ...(options?.token
            ? { Authorization: `Bearer ${options.token}` }
            : {}),
        },
      });
      return { response, url };
    } catch (error) {
      // The caller gave up: its own reason, not a network failure.
      if (options?.signal?.aborted || (error as Error).name === 'AbortError') {
        throw error;
      }
      throw new Error(
        `Cannot reach the data mesh backend at ${url}: ${(error as Error).message}`,
      );
    }
  }
}

/**
 * The HTTP status of an error {@link DataMeshApiClient} threw for an answer
 * other than 2xx (a `ResponseError`); undefined for any other error. Checks
 * the error's shape, not its class, so it holds when the caller's copy of
 * `@backstage/errors` is not the client's.
 *
 * @public
 */
export function responseStatusOf(error: unknown): number | undefined {
  if (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ResponseError' &&
    typeof (error as { statusCode?: unknown }).statusCode === 'number'
  ) {
    return (error as ResponseError).statusCode;
  }
  return undefined;
}

async function answer<Body>(response: Response, url: string): Promise<Body> {
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    // Backstage's own message says only the status; the backend's says what
    // is wrong, and the URL says which call, for logs and task output.
    error.message = `The data mesh backend answered ${error.statusCode} to ${url}: ${error.cause.message}`;
    throw error;
  }
  return (await response.json()) as Body;
}

/** `/events/{registry}/{schema}` with each name URL-encoded. */
function fillPath(
  template: string,
  values: Record<string, string | number>,
): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new TypeError(`${template} needs a value for ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
