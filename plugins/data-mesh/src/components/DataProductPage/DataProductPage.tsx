import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { dataProductRouteRef } from '../../routes';
import { DataProductView } from '../DataProductView';

/** The page of one data product, at /data-mesh/products/:domain/:name. */
export function DataProductPage() {
  const { domain, name } = useRouteRefParams(dataProductRouteRef);
  const api = useApi(dataMeshApiRef);
  const product = useAsync(
    () => api.getDataProduct(domain, name),
    [api, domain, name],
  );
  return (
    <Page themeId="tool">
      <Header title={name} subtitle={`Data product of the ${domain} domain`}>
        {product.value?.owner && (
          <HeaderLabel label="Owner" value={product.value.owner} />
        )}
        {product.value?.classification && (
          <HeaderLabel
            label="Classification"
            value={product.value.classification}
          />
        )}
      </Header>
      <Content>
        {product.loading && <Progress />}
        {product.error && <ResponseErrorPanel error={product.error} />}
        {product.value && <DataProductView product={product.value} />}
      </Content>
    </Page>
  );
}
