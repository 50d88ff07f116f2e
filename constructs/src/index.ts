/**
 * CDK constructs that stand up a data domain's event-driven pipeline from
 * its data contracts, secure and compliant by default. Producers publish
 * with `@financial-data-mesh/event-publisher`, which needs no aws-cdk-lib.
 *
 * @packageDocumentation
 */

export * from './data-domain';
export * from './data-domain-props';
export type { IDataDomain } from './data-domain-base';
export type {
  DataDomainAttributes,
  DataDomainImportOptions,
} from './domain/imported-data-domain';
export {
  DEFAULT_SHARED_DATA_RETENTION_DAYS,
  DOMAIN_PARAMETERS,
  DOMAIN_PARAMETERS_ROOT,
  domainParameterName,
} from './domain/domain-parameters';
export type { DomainParameter } from './domain/domain-parameters';
export * from './data-product';
export * from './data-product-props';
export type { ScheduledQueryResources } from './product/scheduledQuery';
export type { ProductAlarms } from './product/monitoring';
export type {
  ValuePlan,
  StructFieldPlan,
  PartitionPlan,
} from './runtime/enrich/config';
export * from './contract/loadDataProductContract';
export * from './glue/glueTypeMapping';
export * from './glue/tableLayout';
export * from './security/removalGuard';
export {
  addCompliancePacks,
  compliancePacks,
} from './compliance/compliancePacks';
export * from './access/dataProductSubscription';
export type { EventForwarding } from './access/eventForwarding';
export type { TableGrant, TableSharing } from './access/tableSharing';
