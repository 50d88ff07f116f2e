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
import {
  accessTemplateRouteRef,
  dataProductRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The data mesh plugin for the legacy frontend system; `./alpha` has the
 * new frontend system's.
 *
 * @public
 */
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
  externalRoutes: { accessTemplate: accessTemplateRouteRef },
});

/**
 * The event catalog: data products list and data product pages.
 *
 * @public
 */
// Typed by hand: the inferred type names the lazy module's function.
export const DataMeshPage: () => JSX.Element = dataMeshPlugin.provide(
  createRoutableExtension({
    name: 'DataMeshPage',
    component: () => import('./components/Router').then(m => m.Router),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The data product behind a catalog `System` written by the data mesh
 * catalog module, for the entity page.
 *
 * @public
 */
export const EntityDataProductContent: () => JSX.Element | null =
  dataMeshPlugin.provide(
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
