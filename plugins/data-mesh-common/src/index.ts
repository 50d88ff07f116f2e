/**
 * The data mesh's one shared model: the data-product contract, naming rules,
 * registry tag keys, schema-format readers and schema compatibility rules.
 *
 * @packageDocumentation
 */

export * from './naming';
export * from './columns';
export * from './contract/model';
export * from './contract/accessModel';
export * from './contract/accessRules';
export * from './contract/accessExpiry';
export * from './contract/addAccessGrant';
export * from './contract/errors';
export * from './contract/parseContract';
export * from './contract/resolveContract';
export * from './athena/athenaSql';
export * from './contract/checkContractSchemas';
export * from './contract/compatibilityModes';
export * from './tags/tagKeys';
export * from './tags/dataProductTags';
export * from './tags/consumerTags';
export * from './schema/types';
export * from './schema/resolveRefs';
export * from './schema/readEventSchema';
export * from './schema/registryDocument';
export * from './schema/fields';
export * from './compatibility/rules';
export * from './compatibility/diffSchemas';
export * from './api/types';
export { DataMeshApiClient } from './api/DataMeshApiClient';
export type {
  DataMeshApiClientOptions,
  DataMeshRequestOptions,
  SnapshotManifestRead,
} from './api/DataMeshApiClient';
export { dataMeshRefreshPermission, dataMeshPermissions } from './permissions';
export * from './asyncapi/toAsyncApiDocument';
export * from './catalog/annotations';
