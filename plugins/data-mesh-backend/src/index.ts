/**
 * The data mesh backend plugin: data products and their events from the
 * AWS EventBridge Schema Registry, or a local registry mirror.
 *
 * @packageDocumentation
 */

export { dataMeshPlugin as default } from './plugin';
export {
  readDataMeshConfig,
  DataMeshConfigError,
} from './config/readDataMeshConfig';
export type {
  DataMeshConfig,
  SourceConfig,
  AwsSourceConfig,
  DirectorySourceConfig,
} from './config/readDataMeshConfig';
