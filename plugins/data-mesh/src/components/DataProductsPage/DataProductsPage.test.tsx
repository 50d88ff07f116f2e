import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { rootRouteRef } from '../../routes';
import { createTestApi } from '../../testing/createTestApi';
import { DataProductsPage } from './DataProductsPage';

const mountedRoutes = { mountedRoutes: { '/data-mesh': rootRouteRef } };

describe('DataProductsPage', () => {
  it('lists data products with their domain, owner, classification and events', async () => {
    const api = createTestApi();
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        <DataProductsPage />
      </TestApiProvider>,
      mountedRoutes,
    );

    const link = await screen.findByRole('link', { name: 'trade-executions' });
    expect(link).toHaveAttribute(
      'href',
      '/data-mesh/products/trading/trade-executions',
    );
    expect(screen.getByText('group:trading-data')).toBeInTheDocument();
    expect(
      screen.getByLabelText('classification confidential'),
    ).toBeInTheDocument();
    expect(screen.getByText('TradeExecuted')).toBeInTheDocument();
    expect(api.listDataProducts).toHaveBeenCalledWith({
      q: undefined,
      domain: undefined,
      owner: undefined,
      classification: undefined,
      offset: 0,
      limit: 20,
    });
  });

  it('searches on the server as the user types', async () => {
    const api = createTestApi();
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        <DataProductsPage />
      </TestApiProvider>,
      mountedRoutes,
    );
    await screen.findByText('trade-executions');

    await userEvent.type(screen.getByPlaceholderText('Filter'), 'trade');

    await waitFor(() =>
      expect(api.listDataProducts).toHaveBeenLastCalledWith(
        expect.objectContaining({ q: 'trade', offset: 0 }),
      ),
    );
  });

  it('says so when nothing matches', async () => {
    const api = createTestApi({
      listDataProducts: jest.fn(async () => ({
        items: [],
        totalCount: 0,
        offset: 0,
        limit: 20,
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        <DataProductsPage />
      </TestApiProvider>,
      mountedRoutes,
    );
    expect(
      await screen.findByText(/No data product matches/),
    ).toBeInTheDocument();
  });

  it('shows the backend error instead of an empty table', async () => {
    const api = createTestApi({
      listDataProducts: jest.fn(async () => {
        throw new Error('data mesh backend unreachable');
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        <DataProductsPage />
      </TestApiProvider>,
      mountedRoutes,
    );
    expect(
      await screen.findByText('Error: data mesh backend unreachable'),
    ).toBeInTheDocument();
  });
});
