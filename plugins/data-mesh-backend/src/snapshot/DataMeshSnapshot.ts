import {
  Classification,
  DataProductDetails,
  DataProductFacets,
  DataProductSummary,
  DataProductTagMetadata,
  EventSummary,
  Page,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RawSchema } from '@financial-data-mesh/plugin-data-mesh-node';

/** An event with what the snapshot needs to answer detail requests. */
export interface IndexedEvent {
  readonly summary: EventSummary;
  readonly schema: RawSchema;
  readonly tags: Readonly<Record<string, string>>;
  readonly metadata?: DataProductTagMetadata;
}

/** A schema the snapshot had to leave out, for the source's health warnings. */
export interface SnapshotWarning {
  readonly sourceId: string;
  readonly registry: string;
  readonly schema: string;
  readonly message: string;
}

export interface DataProductQuery {
  /** Case-insensitive text matched against name, domain, owner and detail-types. */
  readonly q?: string;
  readonly domain?: string;
  readonly owner?: string;
  readonly classification?: Classification;
  readonly offset: number;
  readonly limit: number;
}

export interface EventQuery {
  readonly q?: string;
  readonly registry?: string;
  /** `true`: only events without data-product tags; `false`: only managed ones. */
  readonly unmanaged?: boolean;
  readonly offset: number;
  readonly limit: number;
}

/**
 * An immutable, fully indexed view of every source at one point in time.
 * Requests read it without locks or I/O; a refresh replaces it whole.
 */
export class DataMeshSnapshot {
  readonly builtAt: Date;
  private readonly events: readonly IndexedEvent[];
  private readonly products: readonly DataProductDetails[];
  private readonly productByKey: ReadonlyMap<string, DataProductDetails>;
  private readonly searchTextOfProduct: ReadonlyMap<DataProductDetails, string>;
  private readonly eventsByName: ReadonlyMap<string, readonly IndexedEvent[]>;
  /** Schemas left out of this snapshot, and why. */
  readonly warnings: readonly SnapshotWarning[];

  constructor(
    builtAt: Date,
    events: readonly IndexedEvent[],
    products: readonly DataProductDetails[],
    warnings: readonly SnapshotWarning[] = [],
  ) {
    this.builtAt = builtAt;
    this.warnings = warnings;
    this.events = events;
    this.products = products;
    this.productByKey = new Map(
      products.map(product => [`${product.domain}/${product.name}`, product]),
    );
    this.searchTextOfProduct = new Map(
      products.map(product => [
        product,
        [
          product.name,
          product.domain,
          product.owner ?? '',
          ...product.detailTypes,
        ]
          .join('\n')
          .toLowerCase(),
      ]),
    );
    const byName = new Map<string, IndexedEvent[]>();
    for (const event of events) {
      const key = eventKey(event.summary.registry, event.summary.schemaName);
      byName.set(key, [...(byName.get(key) ?? []), event]);
    }
    this.eventsByName = byName;
  }

  get dataProductCount(): number {
    return this.products.length;
  }

  get eventCount(): number {
    return this.events.length;
  }

  listDataProducts(query: DataProductQuery): Page<DataProductSummary> {
    const q = query.q?.trim().toLowerCase();
    const matches = this.products.filter(
      product =>
        (!query.domain || product.domain === query.domain) &&
        (!query.owner || product.owner === query.owner) &&
        (!query.classification ||
          product.classification === query.classification) &&
        (!q || this.searchTextOfProduct.get(product)!.includes(q)),
    );
    return page(matches, query, toProductSummary);
  }

  /** Distinct domains, owners and classifications, sorted. */
  facets(): DataProductFacets {
    const distinct = <T extends string>(values: Array<T | undefined>) =>
      [...new Set(values.filter((v): v is T => v !== undefined))].sort();
    return {
      domains: distinct(this.products.map(p => p.domain)),
      owners: distinct(this.products.map(p => p.owner)),
      classifications: distinct(this.products.map(p => p.classification)),
    };
  }

  getDataProduct(domain: string, name: string): DataProductDetails | undefined {
    return this.productByKey.get(`${domain}/${name}`);
  }

  listEvents(query: EventQuery): Page<EventSummary> {
    const q = query.q?.trim().toLowerCase();
    const matches = this.events.filter(
      ({ summary }) =>
        (!query.registry || summary.registry === query.registry) &&
        (query.unmanaged === undefined ||
          query.unmanaged === (summary.dataProduct === undefined)) &&
        (!q || summary.schemaName.toLowerCase().includes(q)),
    );
    return page(matches, query, event => event.summary);
  }

  /** Every product, fully. */
  allDataProducts(): readonly DataProductDetails[] {
    return this.products;
  }

  /** Every event, with what is needed to answer detail requests. */
  allEvents(): readonly IndexedEvent[] {
    return this.events;
  }

  /**
   * The events named so, one per source that has it. Registry names are
   * unique within an account and region only, hence possibly several.
   */
  findEvents(registry: string, schemaName: string): readonly IndexedEvent[] {
    return this.eventsByName.get(eventKey(registry, schemaName)) ?? [];
  }
}

function eventKey(registry: string, schemaName: string): string {
  return `${registry}\u0000${schemaName}`;
}

function page<T, R>(
  items: readonly T[],
  { offset, limit }: { offset: number; limit: number },
  map: (item: T) => R,
): Page<R> {
  return {
    items: items.slice(offset, offset + limit).map(map),
    totalCount: items.length,
    offset,
    limit,
  };
}

function toProductSummary(product: DataProductDetails): DataProductSummary {
  return {
    domain: product.domain,
    name: product.name,
    owner: product.owner,
    classification: product.classification,
    contractVersion: product.contractVersion,
    eventCount: product.eventCount,
    detailTypes: product.detailTypes,
    degraded: product.degraded,
  };
}
