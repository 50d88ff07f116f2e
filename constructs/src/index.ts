/**
 * CDK constructs that stand up a data domain's event-driven pipeline from
 * its data contracts, secure and compliant by default. Producers publish
 * with `@financial-data-mesh/event-publisher`, which needs no aws-cdk-lib.
 *
 * Every export is named here, on purpose: this is the package's public API
 * (see report.api.md).
 *
 * @packageDocumentation
 */

export { DataDomain } from './data-domain';
export type { DataDomainProps, ReferenceTableSpec } from './data-domain-props';
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
export { DataProduct } from './data-product';
export type {
  DataProductFromFileProps,
  DataProductOptions,
  DataProductProps,
  LatestStateOptions,
  ScheduledQueryOptions,
} from './data-product-props';
export type { ScheduledQueryResources } from './product/scheduledQuery';
export type { ProductAlarms } from './product/monitoring';
export type {
  ValuePlan,
  StructFieldPlan,
  PartitionPlan,
} from './runtime/enrich/config';
export { loadDataProductContract } from './contract/loadDataProductContract';
export type { LoadedDataProductContract } from './contract/loadDataProductContract';
export type { GlueColumn, TableLayout } from './glue/tableLayout';
export {
  ALLOW_DESTROY_CONTEXT,
  resolveRemovalPolicy,
} from './security/removalGuard';
export {
  addCompliancePacks,
  compliancePacks,
} from './compliance/compliancePacks';
export { DataProductSubscription } from './access/dataProductSubscription';
export type { DataProductSubscriptionProps } from './access/dataProductSubscription';
export type { EventForwarding } from './access/eventForwarding';
export type { TableGrant, TableSharing } from './access/tableSharing';
