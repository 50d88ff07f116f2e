import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import { ITopic } from 'aws-cdk-lib/aws-sns';

/**
 * Properties of a {@link DataDomain}.
 *
 * @public
 */
export interface DataDomainProps {
  /**
   * The domain name, as in the contracts' `domain` field; checked against
   * the platform's naming rule (kebab-case, 2 to 24 characters).
   */
  readonly domain: string;

  /**
   * How long the bus archive keeps events for replay and audit.
   *
   * @defaultValue - the longest `retention.days` of the domain's data products
   */
  readonly archiveRetention?: Duration;

  /**
   * The most data one Athena query of the workgroup may scan; larger
   * queries are cancelled. Must be at least 10,000,000 bytes (Athena's
   * minimum), or the constructor throws.
   *
   * @defaultValue - 10 GiB: a day of a busy product, and a cap on a runaway query's cost
   */
  readonly bytesScannedCutoffPerQuery?: Size;

  /**
   * How long Athena query results are kept.
   *
   * @defaultValue - 30 days: results are re-computable and may contain PII
   */
  readonly athenaResultsExpiration?: Duration;

  /**
   * How long S3 server access logs are kept.
   *
   * @defaultValue - 400 days: a year of audit trail (PCI DSS 10.7) plus margin
   */
  readonly accessLogsExpiration?: Duration;

  /**
   * What happens to data-holding resources (key, buckets, tables, queues,
   * archive, log groups) when they leave the stack. `DESTROY` only takes
   * effect when the context flag `datamesh:allowDestroy` is `true` as well.
   *
   * @defaultValue RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Where the domain's alarms notify.
   *
   * @defaultValue - a new SNS topic encrypted with the domain key
   */
  readonly alarmTopic?: ITopic;

  /**
   * Serve data products deployed in other stacks (other teams'
   * repositories): publish the domain's attributes as SSM parameters under
   * `/datamesh/domains/<domain>/`, create the PII hash key up front, let
   * EventBridge encrypt into the products' queues with the domain key, and
   * expire `data/` after `dataRetention` (a product stack cannot change the
   * lake's lifecycle). Products find the domain with
   * `DataDomain.fromDomainName`.
   *
   * @defaultValue false - products are added in this app, and each adds its own lifecycle rule
   */
  readonly publishForProductStacks?: boolean;

  /**
   * With `publishForProductStacks`: how long the data lake keeps every
   * product's data under `data/`. A product whose contract's
   * `retention.days` is longer fails synth. Also the default archive
   * retention.
   *
   * @defaultValue - 2555 days (seven years, the usual record-keeping period of financial records)
   */
  readonly dataRetention?: Duration;

  /**
   * Reference tables the domain owns, created with the domain: the tables
   * that contracts name in `enrichment.referenceTable`. Products in other
   * stacks refer to them by name; a product in this app may also have one
   * created on first use.
   *
   * @defaultValue - none up front
   */
  readonly referenceTables?: readonly ReferenceTableSpec[];
}

/**
 * A reference table the domain creates: on-demand, encrypted with the
 * domain key, point-in-time recovery.
 *
 * @public
 */
export interface ReferenceTableSpec {
  /** The physical table name, as in the contracts' `enrichment.referenceTable`. */
  readonly tableName: string;
  /** The partition key attribute (a string). */
  readonly keyAttribute: string;
}
