import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { DataMeshEntityProvider } from './providers/DataMeshEntityProvider';
import { DataMeshConsumersProcessor } from './processors/DataMeshConsumersProcessor';

/**
 * Every 5 minutes (the data mesh backend itself refreshes less often),
 * starting right away: the provider waits for the first snapshot.
 */
const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
};

/**
 * Catalog module: data products and their events as catalog entities, from
 * the data mesh backend plugin (which must be installed in the same backend
 * or reachable through discovery).
 * @public
 */
export const catalogModuleDataMesh = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-mesh',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalogApi: catalogServiceRef,
      },
      async init({
        catalog,
        config,
        discovery,
        auth,
        logger,
        scheduler,
        catalogApi,
      }) {
        const schedule = config.has('catalog.providers.dataMesh.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('catalog.providers.dataMesh.schedule'),
            )
          : DEFAULT_SCHEDULE;
        catalog.addProcessor(new DataMeshConsumersProcessor());
        catalog.addEntityProvider(
          DataMeshEntityProvider.create({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
            appBaseUrl: config.getOptionalString('app.baseUrl'),
            readinessTimeoutMs: 2 * 60 * 1000,
            catalog: catalogApi,
          }),
        );
      },
    });
  },
});
