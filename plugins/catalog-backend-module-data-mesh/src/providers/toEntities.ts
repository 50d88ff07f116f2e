import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  DATA_MESH_ANNOTATIONS,
  DataProductDetails,
  EventWithSchema,
  SnapshotExport,
  toAsyncApiDocument,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  apiNameFor,
  entityName,
  systemNameFor,
  tableResourceNameFor,
} from './entityNames';

/** Owner of entities whose events carry no owner tag. */
const UNOWNED = 'group:default/data-platform';

export interface ToEntitiesOptions {
  /** Used in the managed-by annotations, e.g. `data-mesh-provider:default`. */
  readonly locationKey: string;
  /** Base URL of the Backstage app, for links to the data mesh pages. */
  readonly appBaseUrl?: string;
}

/**
 * The catalog's view of the data mesh: a Domain per domain, a System per
 * data product, an API (AsyncAPI 3) per event, managed or not, and a
 * Resource per Athena table, related to each other.
 */
export function toEntities(
  snapshot: SnapshotExport,
  options: ToEntitiesOptions,
): Entity[] {
  const annotations = {
    [ANNOTATION_LOCATION]: options.locationKey,
    [ANNOTATION_ORIGIN_LOCATION]: options.locationKey,
  };
  const entities: Entity[] = [];
  const ownerOfDomain = new Map<string, string>();
  for (const product of snapshot.dataProducts) {
    if (!ownerOfDomain.has(product.domain)) {
      ownerOfDomain.set(product.domain, product.owner ?? UNOWNED);
    }
    entities.push(systemEntity(product, annotations, options.appBaseUrl));
    if (product.athena) {
      entities.push(tableEntity(product, annotations));
    }
  }
  for (const [domain, owner] of ownerOfDomain) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: entityName(domain),
        title: domain,
        description: `The ${domain} data domain`,
        annotations: { ...annotations, [DATA_MESH_ANNOTATIONS.domain]: domain },
      },
      spec: { owner },
    });
  }
  const productByKey = new Map(
    snapshot.dataProducts.map(p => [`${p.domain}/${p.name}`, p]),
  );
  const seenApis = new Set<string>();
  for (const event of snapshot.events) {
    const api = apiEntity(event, productByKey, annotations);
    // A registry mirrored in two sources yields one API: the first wins.
    if (!seenApis.has(api.metadata.name)) {
      seenApis.add(api.metadata.name);
      entities.push(api);
    }
  }
  return entities;
}

function systemEntity(
  product: DataProductDetails,
  annotations: Record<string, string>,
  appBaseUrl?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: systemNameFor(product.domain, product.name),
      title: product.name,
      description: `Data product ${product.name} of the ${product.domain} domain: ${product.detailTypes.join(', ')}`,
      tags: [
        'data-product',
        ...(product.classification ? [product.classification] : []),
      ],
      annotations: {
        ...annotations,
        [DATA_MESH_ANNOTATIONS.domain]: product.domain,
        [DATA_MESH_ANNOTATIONS.dataProduct]: product.name,
        ...(product.classification
          ? { [DATA_MESH_ANNOTATIONS.classification]: product.classification }
          : {}),
      },
      links: appBaseUrl
        ? [
            {
              url: `${appBaseUrl}/data-mesh/products/${product.domain}/${product.name}`,
              title: 'Data product in the event catalog',
            },
          ]
        : [],
    },
    spec: {
      owner: product.owner ?? UNOWNED,
      domain: entityName(product.domain),
    },
  };
}

function tableEntity(
  product: DataProductDetails,
  annotations: Record<string, string>,
): Entity {
  const athena = product.athena!;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tableResourceNameFor(athena.database, athena.table),
      title: `${athena.database}.${athena.table}`,
      description: `Athena table of ${product.name}. Query it in workgroup ${athena.workgroup ?? '(default)'}:\n\n${athena.sampleQuery}`,
      tags: ['athena', 'glue-table'],
      annotations: {
        ...annotations,
        [DATA_MESH_ANNOTATIONS.domain]: product.domain,
        [DATA_MESH_ANNOTATIONS.dataProduct]: product.name,
      },
    },
    spec: {
      type: 'athena-table',
      owner: product.owner ?? UNOWNED,
      system: systemNameFor(product.domain, product.name),
      ...tableConsumers(product),
    },
  };
}

function apiEntity(
  event: EventWithSchema,
  productByKey: ReadonlyMap<string, DataProductDetails>,
  annotations: Record<string, string>,
): Entity {
  const product =
    event.domain && event.dataProduct
      ? productByKey.get(`${event.domain}/${event.dataProduct}`)
      : undefined;
  const detailType = event.detailType ?? event.schemaName;
  const definition = event.latestDetail
    ? JSON.stringify(
        toAsyncApiDocument(event.latestDetail, {
          source: event.source ?? event.registry,
          detailType: detailType.replace(/[^A-Za-z0-9]/g, ''),
          version: event.latestVersion,
          description: event.description,
          owner: product?.owner,
        }),
        null,
        2,
      )
    : `# The latest version (${event.latestVersion}) of ${event.schemaName} could not be read:\n# ${event.problems.join('; ')}\n`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: apiNameFor(event.registry, event.detailType ?? event.schemaName),
      title: detailType,
      description:
        event.description ??
        `${event.schemaName} in registry ${event.registry}`,
      tags: ['event', product ? 'data-product' : 'unmanaged'],
      annotations: {
        ...annotations,
        [DATA_MESH_ANNOTATIONS.registry]: event.registry,
        [DATA_MESH_ANNOTATIONS.schemaName]: event.schemaName,
        [DATA_MESH_ANNOTATIONS.sourceId]: event.location.sourceId,
        ...(event.domain
          ? { [DATA_MESH_ANNOTATIONS.domain]: event.domain }
          : {}),
        ...(event.dataProduct
          ? { [DATA_MESH_ANNOTATIONS.dataProduct]: event.dataProduct }
          : {}),
        ...eventConsumersAnnotation(product, detailType),
      },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: product?.owner ?? UNOWNED,
      ...(product
        ? { system: systemNameFor(product.domain, product.name) }
        : {}),
      definition,
    },
  };
}

/** The consumers an event is forwarded to, for the consumers processor. */
function eventConsumersAnnotation(
  product: DataProductDetails | undefined,
  detailType: string,
): Record<string, string> {
  const refs = (product?.consumers ?? [])
    .filter(
      consumer =>
        consumer.events &&
        (!consumer.detailTypes || consumer.detailTypes.includes(detailType)),
    )
    .map(consumer => consumer.consumer);
  return refs.length > 0
    ? { [DATA_MESH_ANNOTATIONS.consumers]: refs.join(' ') }
    : {};
}

/** The consumers that read the table depend on it (Backstage's own relation). */
function tableConsumers(product: DataProductDetails): {
  dependencyOf?: string[];
} {
  const refs = product.consumers
    .filter(consumer => consumer.table)
    .map(consumer => consumer.consumer);
  return refs.length > 0 ? { dependencyOf: refs } : {};
}
