import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'node:path';
import { createCheckDomainNameAction } from './actions/checkDomainName';
import { createCheckProductNameAction } from './actions/checkProductName';
import { createProposeAccessAction } from './actions/proposeAccess';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createSchemaCompatibilityAction } from './actions/schemaCompatibility';
import { createSchemaFromFieldsAction } from './actions/schemaFromFields';
import { createValidateContractAction } from './actions/validateContract';
import { seedSampleRepositories } from './git/seedSampleRepositories';
import { RegistrySnapshotClient } from './registry/RegistrySnapshotClient';

export const DEFAULT_LOCAL_REPOSITORIES_DIR = '.data-mesh/repositories';
export const DEFAULT_SAMPLE_DOMAINS_DIR = 'examples/domains';

/**
 * The data mesh's scaffolder actions, registered with the scaffolder plugin.
 *
 * @public
 */
export const scaffolderModuleDataMesh = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'data-mesh',
  register(reg) {
    reg.registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({ actions, config, discovery, auth, catalog, logger }) {
        const registry = new RegistrySnapshotClient(discovery, auth);
        const repositoriesDir = resolve(
          config.getOptionalString(
            'dataMesh.scaffolder.localRepositoriesDir',
          ) ?? DEFAULT_LOCAL_REPOSITORIES_DIR,
        );
        actions.addActions(
          createValidateContractAction(),
          createSchemaFromFieldsAction(),
          createSchemaCompatibilityAction({ registry }),
          createCheckDomainNameAction({ catalog }),
          createCheckProductNameAction({
            registry,
            catalog,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
          createPublishLocalAction({ repositoriesDir }),
          createRegisterLocalAction({ repositoriesDir, catalog }),
          createProposeAccessAction({
            repositoriesDir,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
        );
        // The embedded default's samples have no producer repository of
        // their own: give them one, so access to them can be requested.
        if (
          config.getOptionalBoolean(
            'dataMesh.scaffolder.seedSampleRepositories',
          )
        ) {
          await seedSampleRepositories({
            domainsDir: resolve(
              config.getOptionalString(
                'dataMesh.scaffolder.sampleDomainsDir',
              ) ?? DEFAULT_SAMPLE_DOMAINS_DIR,
            ),
            repositoriesDir,
            logger,
          });
        }
      },
    });
  },
});
