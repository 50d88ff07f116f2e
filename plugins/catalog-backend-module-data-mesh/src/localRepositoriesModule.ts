import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets the catalog API accept `file` locations besides `url`, so that
 * repositories published by `datamesh:publish:local` can be registered
 * (`datamesh:catalog:register-local`). For the embedded default and
 * air-gapped installs only: with it, any user allowed to register
 * locations can make the catalog read a YAML file on the backend host.
 * Install it only where that is acceptable (see docs/scaffolder.md).
 * @public
 */
export const catalogModuleLocalRepositories = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh-local-repositories',
  register(env) {
    env.registerInit({
      deps: { locations: catalogLocationsExtensionPoint },
      async init({ locations }) {
        locations.setAllowedLocationTypes(['url', 'file']);
      },
    });
  },
});
