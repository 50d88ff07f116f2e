/**
 * The data mesh's one shared model: the data-product contract, naming rules,
 * registry tag keys, schema-format readers, schema compatibility rules, and
 * the REST API's types and client.
 *
 * Every export is named here, on purpose: this is the package's public API
 * (see report.api.md). What is not listed is internal and may change.
 *
 * @packageDocumentation
 */

export {
  checkName,
  defaultDatabaseFor,
  defaultSourceFor,
  defaultWorkgroupFor,
  NAME_RULES,
  parseSchemaName,
  registryNameFor,
  schemaNameFor,
  toKebabCase,
} from './naming';
export type { NameKind, NameRule } from './naming';
export {
  checkFieldColumn,
  columnNameFor,
  DERIVED_PARTITION_KEYS,
  ENVELOPE_COLUMNS,
  RESERVED_COLUMN_NAMES,
} from './columns';
export {
  applyContractDefaults,
  CLASSIFICATIONS,
  CONTRACT_FILE_NAME,
  CONTRACT_NUMBER_SETTINGS,
  dataProductContractSchema,
  MIN_DESCRIPTION_LENGTH,
  QUALITY_RULE_TYPES,
} from './contract/model';
export type {
  Classification,
  ContractNumberPath,
  DataProductContract,
  DataProductContractInput,
  DataProductEvent,
  QualityRule,
  QualityRuleType,
} from './contract/model';
export {
  ACCESS_GRANT_PATTERNS,
  accessGrantSchema,
  forwardingRolePath,
  MIN_PURPOSE_LENGTH,
  subscriptionBusName,
  TABLE_ACCESS_LEVELS,
} from './contract/accessModel';
export type { AccessGrant, TableAccessLevel } from './contract/accessModel';
export {
  grantedDetailTypes,
  personalDataOfGrant,
} from './contract/accessRules';
export { grantsOnDay, isoDay } from './contract/accessExpiry';
export { addAccessGrant } from './contract/addAccessGrant';
export type {
  AccessGrantAdded,
  AccessGrantRequest,
  AddAccessGrantOptions,
} from './contract/addAccessGrant';
export {
  ContractValidationError,
  formatContractIssue,
} from './contract/errors';
export { parseDataProductContract } from './contract/parseContract';
export {
  resolveEvents,
  resolveStorage,
  sampleAthenaQuery,
  sampleAthenaQueryFor,
} from './contract/resolveContract';
export {
  blockComment,
  eventDateSince,
  numberLiteral,
  qualifiedTableName,
  quoteIdentifier,
  sqlLiteral,
  stringLiteral,
} from './athena/athenaSql';
export { checkContractSchemas } from './contract/checkContractSchemas';
export {
  checkCompatibilityMode,
  COMPATIBILITY_MODES,
  DEFAULT_COMPATIBILITY_MODE,
  describeModeViolations,
  isTransitiveMode,
  transitiveFormOf,
} from './contract/compatibilityModes';
export type {
  CompatibilityMode,
  ModeCheck,
  ModeViolation,
  SchemaVersionEntry,
} from './contract/compatibilityModes';
export { TAG_KEYS } from './tags/tagKeys';
export {
  contractToTags,
  tagsToDataProductMetadata,
} from './tags/dataProductTags';
export type { DataProductTagMetadata } from './tags/dataProductTags';
export type { ConsumerSummary } from './tags/consumerTags';
export {
  isJsonObject,
  SCHEMA_FORMATS,
  SchemaFormatError,
  typesOf,
} from './schema/types';
export type {
  EventSchema,
  JsonSchema,
  JsonSchemaType,
  SchemaFormat,
} from './schema/types';
export { RECURSIVE_REF_KEYWORD } from './schema/resolveRefs';
export {
  AMAZON_EVENTS_DETAIL_TYPE_KEYWORD,
  AMAZON_EVENTS_SOURCE_KEYWORD,
  readEventSchema,
} from './schema/readEventSchema';
export { toRegistryDocument } from './schema/registryDocument';
export { findSchemaField, listSchemaFields } from './schema/fields';
export type { ListSchemaFieldsOptions, SchemaField } from './schema/fields';
export type {
  CompatibilityLevel,
  SchemaChangeKind,
} from './compatibility/rules';
export { diffSchemas } from './compatibility/diffSchemas';
export type {
  AthenaAccess,
  DataMeshApiSchemas,
  DataProductDetails,
  DataProductFacets,
  DataProductSummary,
  EventDetails,
  EventSummary,
  EventWithSchema,
  HealthReport,
  HealthStatus,
  ModeCheckSummary,
  Page,
  PublicHealthReport,
  RegistryLocation,
  SchemaDiffResult,
  SchemaEvolution,
  SchemaVersionContent,
  SchemaVersionInfo,
  SnapshotExport,
  SnapshotManifest,
  SnapshotPage,
  SourceHealth,
  VersionPairVerdict,
} from './api/types';
export { DataMeshApiClient, responseStatusOf } from './api/DataMeshApiClient';
export type {
  DataMeshApiClientOptions,
  DataMeshApiOperationId,
  DataMeshRequestOptions,
  PathParameters,
  QueryParameters,
  SnapshotManifestRead,
  SuccessBody,
} from './api/DataMeshApiClient';
export { dataMeshPermissions, dataMeshRefreshPermission } from './permissions';
export { toAsyncApiDocument } from './asyncapi/toAsyncApiDocument';
export { DATA_MESH_ANNOTATIONS } from './catalog/annotations';
export type {
  ParseContractOptions,
  ParsedContract,
} from './contract/parseContract';
export type { ReadSchemaFile } from './contract/checkContractSchemas';
export type { ContractIssue, SourcePosition } from './contract/errors';
export type { SchemaChange, SchemaDiff } from './compatibility/schemaChange';
export type { AccessRulesInput } from './contract/accessRules';
export type { ExpiringGrant, GrantsOnDay } from './contract/accessExpiry';
export type { ReadEventSchemaOptions } from './schema/readEventSchema';
export type {
  DerivedPartitionKey,
  EnvelopeColumn,
  ReservedColumnName,
} from './columns';
export type {
  ResolvedEvent,
  ResolvedStorage,
} from './contract/resolveContract';
export type { SqlLiteralValue } from './athena/athenaSql';
export type { AsyncApiDocumentOptions } from './asyncapi/toAsyncApiDocument';
export type { RegistryDocumentOptions } from './schema/registryDocument';
export type {
  components as DataMeshApiComponents,
  operations as DataMeshApiOperations,
} from './api/generated/openapi';
export type { SchemaReadLimits } from './schema/resolveRefs';
export { SCHEMA_CHANGE_KINDS } from './compatibility/rules';
