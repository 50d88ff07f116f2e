import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DATA_MESH_ANNOTATIONS } from './toEntities';

/**
 * Names of the data product Systems in the catalog that someone other
 * than this provider manages, e.g. a scaffolded repository's
 * catalog-info.yaml.
 */
export async function findDeclaredDataProductSystems(
  catalog: CatalogService,
  providerLocationKey: string,
  options: { readonly credentials: BackstageCredentials },
): Promise<Set<string>> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'System',
        [`metadata.annotations.${DATA_MESH_ANNOTATIONS.dataProduct}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: ['metadata.name', 'metadata.annotations'],
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
      .map(entity => entity.metadata.name),
  );
}
