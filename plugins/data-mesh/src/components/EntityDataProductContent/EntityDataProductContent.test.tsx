import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { createTestApi } from '../../testing/createTestApi';
import {
  EntityDataProductContent,
  isDataProductEntity,
} from './EntityDataProductContent';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'trading-trade-executions',
    annotations: {
      'datamesh.fintech/domain': 'trading',
      'datamesh.fintech/data-product': 'trade-executions',
    },
  },
  spec: { owner: 'group:trading-data' },
};

describe('EntityDataProductContent', () => {
  it('shows the data product behind a data mesh System', async () => {
    const api = createTestApi();
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, api]]}>
        <EntityProvider entity={system}>
          <EntityDataProductContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Query in Athena')).toBeInTheDocument();
    expect(api.getDataProduct).toHaveBeenCalledWith(
      'trading',
      'trade-executions',
    );
    expect(isDataProductEntity(system)).toBe(true);
  });

  it('explains what is missing on an entity that is not a data product', async () => {
    const other = { ...system, metadata: { name: 'payments' } };
    await renderInTestApp(
      <TestApiProvider apis={[[dataMeshApiRef, createTestApi()]]}>
        <EntityProvider entity={other}>
          <EntityDataProductContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Not a data product')).toBeInTheDocument();
    expect(isDataProductEntity(other)).toBe(false);
  });
});
