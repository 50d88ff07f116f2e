/**
 * Catalog module: data products and their events from the data mesh
 * backend as Domain, System, API (AsyncAPI) and Resource entities.
 *
 * @packageDocumentation
 */

export { catalogModuleDataMesh as default } from './module';
export { DataMeshEntityProvider } from './providers/DataMeshEntityProvider';
export type { DataMeshEntityProviderOptions } from './providers/DataMeshEntityProvider';
export { catalogModuleLocalRepositories } from './localRepositoriesModule';
