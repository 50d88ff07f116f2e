import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DATA_MESH_ANNOTATIONS } from '@financial-data-mesh/plugin-data-mesh-common';
import { screen } from '@testing-library/react';
import { dataMeshApiRef } from './api/DataMeshApi';
import { createTestApi } from './testing/createTestApi';
import dataMeshPlugin, { entityDataProductContent } from './alpha';
import { accessTemplateRouteRef } from './routes';

/** What the catalog and the scaffolder mount in an app. */
const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
  '/create/templates/:namespace/:templateName': convertLegacyRouteRef(
    accessTemplateRouteRef,
  ),
};

/** The System the data mesh catalog module writes for trading/trade-executions. */
const tradeExecutionsSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'trading-trade-executions',
    annotations: {
      [DATA_MESH_ANNOTATIONS.domain]: 'trading',
      [DATA_MESH_ANNOTATIONS.dataProduct]: 'trade-executions',
    },
  },
  spec: { owner: 'group:trading-data' },
};

describe('the data mesh plugin in the new frontend system', () => {
  it('shows the data product on a data product System entity', async () => {
    const api = createTestApi();
    const tester = createExtensionTester(entityDataProductContent);
    renderInTestApp(
      <EntityProvider entity={tradeExecutionsSystem}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[dataMeshApiRef, api]], mountedRoutes },
    );
    expect(await screen.findByText('2555 days')).toBeInTheDocument();
    expect(api.getDataProduct).toHaveBeenCalledWith(
      'trading',
      'trade-executions',
    );
  });

  it('serves a data product page at /data-mesh in an app', async () => {
    const api = createTestApi();
    renderTestApp({
      features: [dataMeshPlugin],
      initialRouteEntries: ['/data-mesh/products/trading/trade-executions'],
      apis: [[dataMeshApiRef, api]],
      mountedRoutes,
    });
    expect(await screen.findByText('2555 days')).toBeInTheDocument();
    expect(api.getDataProduct).toHaveBeenCalledWith(
      'trading',
      'trade-executions',
    );
    const request = screen.getByRole('button', { name: 'Request access' });
    const url = new URL(request.getAttribute('href')!, 'http://app');
    expect(url.pathname).toBe('/create/templates/default/data-product-access');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      product: 'trading/trade-executions',
    });
  });
});
