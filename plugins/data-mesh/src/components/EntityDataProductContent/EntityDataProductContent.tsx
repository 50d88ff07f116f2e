import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { DataProductView } from '../DataProductView';
import { DATA_MESH_ANNOTATIONS } from '@financial-data-mesh/plugin-data-mesh-common';

const DOMAIN_ANNOTATION = DATA_MESH_ANNOTATIONS.domain;
const PRODUCT_ANNOTATION = DATA_MESH_ANNOTATIONS.dataProduct;

/**
 * True for the System entities that stand for a data product.
 *
 * @public
 */
export function isDataProductEntity(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[DOMAIN_ANNOTATION] &&
    entity.metadata.annotations?.[PRODUCT_ANNOTATION],
  );
}

/** The data product behind the current catalog entity, for an entity tab. */
export function EntityDataProductContent() {
  const { entity } = useEntity();
  const api = useApi(dataMeshApiRef);
  const domain = entity.metadata.annotations?.[DOMAIN_ANNOTATION];
  const name = entity.metadata.annotations?.[PRODUCT_ANNOTATION];
  const product = useAsync(async () => {
    if (!domain || !name) {
      return undefined;
    }
    return api.getDataProduct(domain, name);
  }, [api, domain, name]);

  if (!domain || !name) {
    return (
      <EmptyState
        missing="field"
        title="Not a data product"
        description={`This entity has no ${DOMAIN_ANNOTATION} and ${PRODUCT_ANNOTATION} annotations; the data mesh catalog module sets them on data product systems.`}
      />
    );
  }
  if (product.loading) {
    return <Progress />;
  }
  if (product.error) {
    return <ResponseErrorPanel error={product.error} />;
  }
  return product.value ? <DataProductView product={product.value} /> : null;
}
