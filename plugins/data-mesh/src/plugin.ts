import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { dataMeshApiRef } from './api/DataMeshApi';
import { DataMeshClient } from './api/DataMeshClient';
import { dataProductRouteRef, rootRouteRef } from './routes';

export const dataMeshPlugin = createPlugin({
  id: 'data-mesh',
  apis: [
    createApiFactory({
      api: dataMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DataMeshClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, dataProduct: dataProductRouteRef },
});

/** The event catalog: data products list and data product pages. */
export const DataMeshPage = dataMeshPlugin.provide(
  createRoutableExtension({
    name: 'DataMeshPage',
    component: () => import('./components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The data product behind a catalog `System` written by the data mesh
 * catalog module, for the entity page.
 */
export const EntityDataProductContent = dataMeshPlugin.provide(
  createComponentExtension({
    name: 'EntityDataProductContent',
    component: {
      lazy: () =>
        import('./components/EntityDataProductContent').then(
          m => m.EntityDataProductContent,
        ),
    },
  }),
);
