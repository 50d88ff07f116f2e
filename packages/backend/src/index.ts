/**
 * The repository's one development backend, which `npm start` runs: a
 * Backstage backend with the catalog, the scaffolder, guest sign-in and the
 * data mesh plugins, configured by the repository's app-config.yaml (extra
 * `--config` files are honoured). The only place the plugins are wired
 * together; each plugin's own dev entry runs that plugin alone.
 *
 * No permission backend is installed and `permission.enabled` is unset, so
 * the permission framework allows every request: any signed-in user (a
 * guest) may `POST /api/data-mesh/refresh`, still limited by
 * `dataMesh.refresh.minInterval`. Production decides `data-mesh.refresh` in
 * its permission policy (docs/security.md).
 */
import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleLocalRepositories } from '@financial-data-mesh/plugin-catalog-backend-module-data-mesh';

// This backend is for development (`npm start`, `npm run start:backend`):
// guest sign-in, which app-config.yaml enables, works only when NODE_ENV is
// `development`. An explicit NODE_ENV (production, say) is kept, and then
// guests are refused.
process.env.NODE_ENV ??= 'development';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@financial-data-mesh/plugin-scaffolder-backend-module-data-mesh'),
);
backend.add(import('@financial-data-mesh/plugin-data-mesh-backend'));
backend.add(
  import('@financial-data-mesh/plugin-catalog-backend-module-data-mesh'),
);
// Lets the template register repositories it publishes to a local folder:
// a development convenience, see docs/scaffolder.md before using it elsewhere.
backend.add(catalogModuleLocalRepositories);

backend.start();
