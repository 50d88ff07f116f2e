import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { dataMeshPermissions } from '@financial-data-mesh/plugin-data-mesh-common';
import { readDataMeshConfig } from './config/readDataMeshConfig';
import { RefreshThrottle } from './refresh/RefreshThrottle';
import { createRouter } from './router';
import { DefaultSnapshotService } from './services/SnapshotService';
import { createSources } from './sources/createSources';

/**
 * The data mesh backend plugin: data products and events from the
 * configured registry sources, refreshed on a schedule, served at
 * /api/data-mesh.
 * @public
 */
export const dataMeshPlugin = createBackendPlugin({
  pluginId: 'data-mesh',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        config,
        logger,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
      }) {
        const dataMeshConfig = readDataMeshConfig(config);
        if (dataMeshConfig.sources.length === 0) {
          logger.warn(
            'No dataMesh.sources configured: the data mesh catalog is empty. See docs/configuration.md.',
          );
        }
        const sources = await createSources(
          dataMeshConfig.sources,
          DefaultAwsCredentialsManager.fromConfig(config),
        );
        const snapshots = new DefaultSnapshotService({
          sources,
          logger,
          refreshBudgetSeconds: dataMeshConfig.refreshBudgetSeconds,
          staleAfterMs: dataMeshConfig.staleAfterMs,
        });
        await scheduler.scheduleTask({
          id: 'data-mesh-refresh',
          ...dataMeshConfig.schedule,
          // Every instance serves its own in-memory snapshot, so each refreshes.
          scope: 'local',
          fn: async signal => {
            await snapshots.refresh({ signal: signal as AbortSignal });
          },
        });
        permissionsRegistry.addPermissions(dataMeshPermissions);
        httpRouter.use(
          await createRouter({
            snapshots,
            httpAuth,
            permissions,
            refreshThrottle: RefreshThrottle.fromConfig(config),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({
          path: '/openapi.json',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
