import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { NotFoundError } from '@backstage/errors';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { accessTemplateRouteRef, rootRouteRef } from '../../routes';
import { createTestApi } from '../../testing/createTestApi';
import { DataProductPage } from './DataProductPage';

async function renderPage(api = createTestApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[dataMeshApiRef, api]]}>
      <Routes>
        <Route
          path="/data-mesh/products/:domain/:name"
          element={<DataProductPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/data-mesh/products/trading/trade-executions'],
      mountedRoutes: {
        '/data-mesh': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create/templates/:namespace/:templateName': accessTemplateRouteRef,
      },
    },
  );
  return api;
}

describe('DataProductPage', () => {
  it('shows the contract metadata and how to query the product in Athena', async () => {
    const api = await renderPage();
    expect(api.getDataProduct).toHaveBeenCalledWith(
      'trading',
      'trade-executions',
    );
    expect(await screen.findByText('2555 days')).toBeInTheDocument();
    expect(screen.getByText('15 minutes')).toBeInTheDocument();
    expect(screen.getByText('datamesh-trading')).toBeInTheDocument();
    // The snippet is syntax-highlighted into many spans: read its text.
    expect(document.body.textContent).toContain(
      'FROM "trading"."trade_executions"',
    );
    expect(
      screen.getByRole('link', { name: 'group:trading-data' }),
    ).toHaveAttribute('href', '/catalog/default/group/trading-data');
  });

  it('shows each event schema as a field tree with PII markers', async () => {
    await renderPage();
    expect(await screen.findByText('trade_id')).toBeInTheDocument();
    expect(
      screen.getByLabelText('trader_id holds personal data'),
    ).toBeInTheDocument();
    expect(screen.getByText(/one of: "BUY", "SELL"/)).toBeInTheDocument();
  });

  it('shows the raw JSON of a version', async () => {
    await renderPage();
    await screen.findByText('trade_id');
    await userEvent.click(screen.getByRole('tab', { name: 'Raw JSON' }));
    expect(await screen.findByText(/"TradeExecuted"/)).toBeInTheDocument();
  });

  it('compares two versions and states the compatibility verdict', async () => {
    const api = await renderPage();
    await screen.findByText('trade_id');
    await userEvent.click(
      screen.getByRole('tab', { name: 'Compare versions' }),
    );
    expect(
      await screen.findByText('BREAKING: neither way compatible'),
    ).toBeInTheDocument();
    expect(screen.getByText('v1 → v2: 1 change(s)')).toBeInTheDocument();
    expect(screen.getByText('$.quantity')).toBeInTheDocument();
    expect(api.diffVersions).toHaveBeenCalledWith(
      expect.objectContaining({ registry: 'trading', sourceId: 'examples' }),
      '1',
      '2',
    );
    expect(
      screen.getByText('type changed from string to integer'),
    ).toBeInTheDocument();
  });

  it("shows the schema's history under the product's mode and whether the latest version honours it", async () => {
    const api = await renderPage();
    await screen.findByText('trade_id');
    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(
      await screen.findByText('(from the data product contract)', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('v1 → v2')).toBeInTheDocument();
    expect(
      screen.getByText('BREAKING: neither way compatible'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'v2 breaks BACKWARD: it cannot read data written with v1 (1 change(s))',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'v2 breaks BACKWARD_TRANSITIVE: it cannot read data written with v1 (1 change(s))',
      ),
    ).toBeInTheDocument();
    expect(api.getEvolution).toHaveBeenCalledWith(
      expect.objectContaining({ registry: 'trading', sourceId: 'examples' }),
    );
  });

  it("shows the contract's compatibility mode with the metadata", async () => {
    await renderPage();
    expect(await screen.findByText('BACKWARD')).toBeInTheDocument();
  });

  it('lists the approved consumers and links to the access request, product filled in', async () => {
    await renderPage();
    const consumer = await screen.findByRole('link', {
      name: 'system:credit-credit-decisions',
    });
    expect(consumer).toHaveAttribute(
      'href',
      '/catalog/default/system/credit-credit-decisions',
    );
    expect(screen.getByText('without PII columns')).toBeInTheDocument();
    expect(screen.getByText('2027-06-30')).toBeInTheDocument();
    const request = screen.getByRole('button', { name: 'Request access' });
    const url = new URL(request.getAttribute('href')!, 'http://app');
    expect(url.pathname).toBe('/create/templates/default/data-product-access');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      product: 'trading/trade-executions',
    });
  });

  it('shows a clear error for an unknown product', async () => {
    await renderPage(
      createTestApi({
        getDataProduct: jest.fn(async (_domain: string, _name: string) => {
          throw new NotFoundError('No data product trading/trade-executions');
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Error: No data product trading/trade-executions',
      ),
    ).toBeInTheDocument();
  });
});
