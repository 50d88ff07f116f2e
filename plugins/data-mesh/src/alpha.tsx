/**
 * The data mesh event catalog for Backstage's new frontend system: the
 * page at `/data-mesh`, the data product tab on catalog System entities
 * written by the data mesh catalog module, and the plugin's API. The
 * legacy exports (`dataMeshPlugin`, `DataMeshPage`, ...) stay in the main
 * entry.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  ExtensionDefinition,
  fetchApiRef,
  FrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import StorageIcon from '@material-ui/icons/Storage';
import { dataMeshApiRef } from './api/DataMeshApi';
import { DataMeshClient } from './api/DataMeshClient';
import { isDataProductEntity } from './components/EntityDataProductContent';
import {
  accessTemplateRouteRef,
  dataProductRouteRef,
  rootRouteRef,
} from './routes';

const routes = convertLegacyRouteRefs({
  root: rootRouteRef,
  dataProduct: dataProductRouteRef,
});
const externalRoutes = convertLegacyRouteRefs({
  accessTemplate: accessTemplateRouteRef,
});

/**
 * The plugin's client of the data mesh backend.
 *
 * @alpha
 */
export const dataMeshApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataMeshApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DataMeshClient(deps),
    }),
});

/**
 * The event catalog: data products list and data product pages.
 *
 * @alpha
 */
export const dataMeshPage = PageBlueprint.make({
  params: {
    path: '/data-mesh',
    title: 'Data products',
    // With a title and an icon, the app's navigation lists the page.
    icon: <StorageIcon />,
    routeRef: routes.root,
    loader: () =>
      import('./components/Router').then(m => compatWrapper(<m.Router />)),
  },
});

// Typed by hand: the inferred type names a nested copy of a Backstage package.
/**
 * The data product behind a catalog System written by the catalog module.
 *
 * @alpha
 */
export const entityDataProductContent: ExtensionDefinition =
  EntityContentBlueprint.make({
    params: {
      path: '/data-product',
      title: 'Data product',
      filter: isDataProductEntity,
      loader: () =>
        import('./components/EntityDataProductContent').then(m =>
          compatWrapper(<m.EntityDataProductContent />),
        ),
    },
  });

/**
 * The data mesh plugin for the new frontend system.
 *
 * @alpha
 */
const dataMeshPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'data-mesh',
  extensions: [dataMeshApi, dataMeshPage, entityDataProductContent],
  routes,
  externalRoutes,
});
export default dataMeshPlugin;
