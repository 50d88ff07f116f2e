/**
 * The data mesh event catalog: data products and their events from the
 * EventBridge Schema Registry, with schemas, diffs and Athena access.
 *
 * @packageDocumentation
 */

export {
  dataMeshPlugin,
  DataMeshPage,
  EntityDataProductContent,
} from './plugin';
export { dataMeshApiRef } from './api/DataMeshApi';
export type {
  DataMeshApi,
  DataProductListQuery,
  EventRef,
} from './api/DataMeshApi';
export { DataMeshClient } from './api/DataMeshClient';
export { isDataProductEntity } from './components/EntityDataProductContent';
