import { CONTRACT_NUMBER_SETTINGS } from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * Where a domain stack publishes what its products need, as SSM String
 * parameters: `/datamesh/domains/<domain>/<attribute>`. The one definition
 * of that path: the domain writes it ({@link DataDomain} with
 * `publishForProductStacks`) and `DataDomain.fromDomainName` reads it, so
 * the two cannot drift.
 *
 * @public
 */
export const DOMAIN_PARAMETERS_ROOT = '/datamesh/domains';

/**
 * The attributes a domain publishes, by the name of the SSM parameter under
 * `/datamesh/domains/<domain>/`. The Glue database, workgroup and registry
 * names follow from the domain name (the naming rules of
 * `plugin-data-mesh-common`); they are published too, for readers that are
 * not CDK apps (the portal, runbooks).
 *
 * @public
 */
export const DOMAIN_PARAMETERS = {
  keyArn: 'key-arn',
  eventBusArn: 'event-bus-arn',
  dataLakeBucketName: 'data-lake-bucket-name',
  athenaResultsBucketName: 'athena-results-bucket-name',
  alarmTopicArn: 'alarm-topic-arn',
  piiHashKeySecretArn: 'pii-hash-key-secret-arn',
  dataRetentionDays: 'data-retention-days',
  databaseName: 'database-name',
  workgroupName: 'workgroup-name',
  registryName: 'registry-name',
} as const;

/**
 * The domain attributes published in SSM, by name (see DOMAIN_PARAMETERS).
 *
 * @public
 */
export type DomainParameter = keyof typeof DOMAIN_PARAMETERS;

/**
 * The SSM parameter name of one attribute of a domain, e.g.
 * `/datamesh/domains/trading/key-arn`.
 *
 * @public
 */
export function domainParameterName(
  domain: string,
  attribute: DomainParameter,
): string {
  return `${DOMAIN_PARAMETERS_ROOT}/${domain}/${DOMAIN_PARAMETERS[attribute]}`;
}

/**
 * How long a domain that serves product stacks keeps data under `data/`
 * unless it says otherwise, and what an importing product assumes unless
 * told otherwise: the contract's default retention (seven years, the usual
 * record-keeping period of financial records), so that a product with the
 * default contract fits a domain with the default retention.
 *
 * @public
 */
export const DEFAULT_SHARED_DATA_RETENTION_DAYS =
  CONTRACT_NUMBER_SETTINGS['retention.days'].default;
