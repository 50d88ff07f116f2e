import { RemovalPolicy } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IEventBus } from 'aws-cdk-lib/aws-events';
import { CfnDatabase } from 'aws-cdk-lib/aws-glue';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';

/**
 * A data domain as its products see it: the shared resources a
 * {@link DataProduct} builds on. A {@link DataDomain} in the same app is
 * one; `DataDomain.fromDomainName` and `DataDomain.fromDomainAttributes`
 * import one that another stack (another team) owns.
 *
 * @public
 */
export interface IDataDomain extends IConstruct {
  /** The domain name, as in the contracts' `domain`. */
  readonly domainName: string;
  /** The Glue database of the domain's tables. */
  readonly databaseName: string;
  /** The Athena workgroup the products' saved queries run in. */
  readonly workgroupName: string;
  /** The EventBridge Schema Registry the products publish their schemas to. */
  readonly registryName: string;
  /** The customer-managed key that encrypts every store of the domain. */
  readonly key: IKey;
  /** The domain's event bus. */
  readonly eventBus: IEventBus;
  /** The data lake: Parquet data under `data/<table>/`. */
  readonly dataLakeBucket: IBucket;
  /** Athena query results (the workgroup's enforced output location). */
  readonly athenaResultsBucket: IBucket;
  /** Where the products' alarms notify. */
  readonly alarmTopic: ITopic;
  /** The removal policy of the product's data-holding resources. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * The Glue database resource, present only when the domain is defined in
   * the same app (so that product resources can depend on it).
   */
  readonly database?: CfnDatabase;
  /**
   * The Athena workgroup resource, present only when the domain is defined
   * in the same app.
   */
  readonly workgroup?: CfnWorkGroup;

  /**
   * Makes the domain keep a product's data under `prefix` for `days`, or
   * throws (naming `contractFile`) when the domain cannot: an imported
   * domain's lake expires `data/` after its own retention, which must be at
   * least the product's.
   */
  applyRetention(prefix: string, days: number, contractFile?: string): void;

  /**
   * The domain's DynamoDB reference table of this name, keyed by
   * `keyAttribute`. Reference tables belong to the domain: a domain in the
   * same app creates one on first use; an imported domain only refers to
   * the table its owner declared (`referenceTables`).
   */
  referenceTable(tableName: string, keyAttribute: string): ITable;

  /** The HMAC key of the domain's PII hashes, shared by its products. */
  piiHashKey(): ISecret;
}
