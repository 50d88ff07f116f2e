/**
 * Catalog module: data products and their events from the data mesh
 * backend as Domain, System, API (AsyncAPI) and Resource entities.
 *
 * @packageDocumentation
 */

export { catalogModuleDataMesh as default } from './module';
export { DataMeshEntityProvider } from './providers/DataMeshEntityProvider';
export { toEntities } from './providers/toEntities';
export { catalogModuleLocalRepositories } from './localRepositoriesModule';
