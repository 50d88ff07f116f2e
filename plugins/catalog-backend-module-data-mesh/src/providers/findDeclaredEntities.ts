import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DATA_MESH_ANNOTATIONS } from '@financial-data-mesh/plugin-data-mesh-common';

/** `system:trading-trade-executions`, `domain:trading`: how the sets below name entities. */
export function declaredEntityKey(kind: string, name: string): string {
  return `${kind.toLocaleLowerCase('en-US')}:${name}`;
}

/**
 * The data mesh entities in the catalog that someone other than this
 * provider manages: the data product Systems and the Domains that
 * scaffolded repositories declare in their catalog-info.yaml. Keys as
 * {@link declaredEntityKey} makes them.
 */
export async function findDeclaredDataMeshEntities(
  catalog: CatalogService,
  providerLocationKey: string,
  options: { readonly credentials: BackstageCredentials },
): Promise<Set<string>> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          kind: 'System',
          [`metadata.annotations.${DATA_MESH_ANNOTATIONS.dataProduct}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          kind: 'Domain',
          [`metadata.annotations.${DATA_MESH_ANNOTATIONS.domain}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: ['kind', 'metadata.name', 'metadata.annotations'],
    },
    options,
  );
  return new Set(
    items
      .filter(
        entity =>
          entity.metadata.annotations?.[ANNOTATION_LOCATION] !==
          providerLocationKey,
      )
      .map(entity => declaredEntityKey(entity.kind, entity.metadata.name)),
  );
}
