import { Annotations, CfnRule, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, IEventBus } from 'aws-cdk-lib/aws-events';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  checkName,
  defaultDatabaseFor,
  defaultWorkgroupFor,
  registryNameFor,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { IDataDomain } from '../data-domain-base';
import { resolveRemovalPolicy } from '../security/removalGuard';
import {
  DEFAULT_SHARED_DATA_RETENTION_DAYS,
  DomainParameter,
  domainParameterName,
} from './domain-parameters';

/** The attributes a product stack imports (the rest follow from the domain name). */
type ImportedAttribute = Exclude<
  DomainParameter,
  'dataRetentionDays' | 'databaseName' | 'workgroupName' | 'registryName'
>;

/**
 * What a product stack needs to know of a domain another stack owns.
 *
 * @public
 */
export interface DataDomainAttributes {
  /** The domain name, as in the contracts' `domain`. */
  readonly domainName: string;
  /** ARN of the domain key. */
  readonly keyArn: string;
  /** ARN of the domain's event bus. */
  readonly eventBusArn: string;
  /** Name of the data lake bucket. */
  readonly dataLakeBucketName: string;
  /** Name of the Athena results bucket. */
  readonly athenaResultsBucketName: string;
  /** ARN of the domain's alarm topic. */
  readonly alarmTopicArn: string;
  /** Complete ARN of the domain's PII hash key secret. */
  readonly piiHashKeySecretArn: string;
  /**
   * How long the domain's lake keeps data under `data/`; a product whose
   * contract promises longer fails synth. Must be the domain's
   * `dataRetention`.
   *
   * @defaultValue - 2555 days, the domain's default `dataRetention`
   */
  readonly dataRetention?: Duration;
  /**
   * What happens to the product's data-holding resources when they leave
   * the stack. `DESTROY` only takes effect with the context flag
   * `datamesh:allowDestroy=true` as well.
   *
   * @defaultValue RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Options of `DataDomain.fromDomainName`.
 *
 * @public
 */
export interface DataDomainImportOptions {
  /**
   * How long the domain's lake keeps data under `data/`: the domain's
   * `dataRetention`. The product checks its contract against it at synth,
   * and the stack refuses to deploy (a CloudFormation rule) when the
   * domain's published `data-retention-days` says otherwise.
   *
   * @defaultValue - 2555 days, the domain's default `dataRetention`
   */
  readonly dataRetention?: Duration;
  /**
   * What happens to the product's data-holding resources when they leave
   * the stack. `DESTROY` only takes effect with the context flag
   * `datamesh:allowDestroy=true` as well.
   *
   * @defaultValue RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A domain owned by another stack, seen from a product stack: every
 * resource is imported by ARN or name, nothing is created, and nothing of
 * the domain is modified (an imported key's policy, bucket lifecycle or
 * archive cannot be changed from here). What the products need is granted
 * by the domain up front; see `docs/constructs.md`.
 */
export class ImportedDataDomain extends Construct implements IDataDomain {
  /** Reads the domain's SSM parameters at deploy time. */
  static fromParameters(
    scope: Construct,
    id: string,
    domainName: string,
    options: DataDomainImportOptions = {},
  ): ImportedDataDomain {
    const read = (attribute: DomainParameter) =>
      StringParameter.valueForStringParameter(
        scope,
        domainParameterName(domainName, attribute),
      );
    const domain = new ImportedDataDomain(scope, id, {
      domainName,
      read,
      dataRetention: options.dataRetention,
      removalPolicy: options.removalPolicy,
    });
    // The retention is needed at synth (to check contracts) but lives in
    // the domain stack: assert at deploy that the two agree.
    new CfnRule(domain, 'DataRetentionMatchesDomain', {
      assertions: [
        {
          assert: Fn.conditionEquals(
            read('dataRetentionDays'),
            String(domain.dataRetentionDays),
          ),
          assertDescription: `This stack assumes the ${domainName} domain keeps data for ${domain.dataRetentionDays} days (${domainParameterName(domainName, 'dataRetentionDays')} says otherwise); pass the domain's dataRetention to DataDomain.fromDomainName`,
        },
      ],
    });
    return domain;
  }

  /** From explicit ARNs and names. */
  static fromAttributes(
    scope: Construct,
    id: string,
    attrs: DataDomainAttributes,
  ): ImportedDataDomain {
    const values: Record<ImportedAttribute, string> = {
      keyArn: attrs.keyArn,
      eventBusArn: attrs.eventBusArn,
      dataLakeBucketName: attrs.dataLakeBucketName,
      athenaResultsBucketName: attrs.athenaResultsBucketName,
      alarmTopicArn: attrs.alarmTopicArn,
      piiHashKeySecretArn: attrs.piiHashKeySecretArn,
    };
    return new ImportedDataDomain(scope, id, {
      domainName: attrs.domainName,
      read: attribute => values[attribute],
      dataRetention: attrs.dataRetention,
      removalPolicy: attrs.removalPolicy,
    });
  }

  readonly domainName: string;
  readonly databaseName: string;
  readonly workgroupName: string;
  readonly registryName: string;
  readonly key: IKey;
  readonly eventBus: IEventBus;
  readonly dataLakeBucket: IBucket;
  readonly alarmTopic: ITopic;
  readonly removalPolicy: RemovalPolicy;
  /** How long the domain's lake keeps data under `data/`. */
  readonly dataRetentionDays: number;

  private readonly read: (attribute: ImportedAttribute) => string;
  private resultsBucket?: IBucket;
  private hashKey?: ISecret;
  private readonly referenceTables = new Map<
    string,
    { table: ITable; keyAttribute: string }
  >();

  private constructor(
    scope: Construct,
    id: string,
    props: {
      readonly domainName: string;
      /** An attribute's value; called only for attributes a product uses, so a stack reads no parameter it does not need. */
      readonly read: (attribute: ImportedAttribute) => string;
      readonly dataRetention?: Duration;
      readonly removalPolicy?: RemovalPolicy;
    },
  ) {
    super(scope, id);
    const problem = checkName('domain', props.domainName);
    if (problem) {
      throw new Error(`DataDomain ${id}: ${problem}`);
    }
    this.domainName = props.domainName;
    this.read = props.read;
    this.databaseName = defaultDatabaseFor(props.domainName);
    this.workgroupName = defaultWorkgroupFor(props.domainName);
    this.registryName = registryNameFor(props.domainName);
    this.removalPolicy = resolveRemovalPolicy(this, props.removalPolicy);
    this.dataRetentionDays =
      props.dataRetention?.toDays() ?? DEFAULT_SHARED_DATA_RETENTION_DAYS;
    this.key = Key.fromKeyArn(this, 'Key', props.read('keyArn'));
    this.eventBus = EventBus.fromEventBusArn(
      this,
      'EventBus',
      props.read('eventBusArn'),
    );
    this.dataLakeBucket = Bucket.fromBucketAttributes(this, 'DataLake', {
      bucketName: props.read('dataLakeBucketName'),
      encryptionKey: this.key,
    });
    this.alarmTopic = Topic.fromTopicArn(
      this,
      'AlarmTopic',
      props.read('alarmTopicArn'),
    );
  }

  /** Imported on first use: only a product with a scheduled query reads results. */
  get athenaResultsBucket(): IBucket {
    if (!this.resultsBucket) {
      this.resultsBucket = Bucket.fromBucketAttributes(this, 'AthenaResults', {
        bucketName: this.read('athenaResultsBucketName'),
        encryptionKey: this.key,
      });
    }
    return this.resultsBucket;
  }

  applyRetention(prefix: string, days: number, contractFile?: string): void {
    const source = contractFile ?? prefix;
    if (days > this.dataRetentionDays) {
      throw new Error(
        `${source}: retention.days is ${days}, but the ${this.domainName} domain's data lake expires data/ after ${this.dataRetentionDays} days; the domain owns the lake's lifecycle, so ask its team to raise dataRetention (and pass it to DataDomain.fromDomainName), or shorten the contract's retention`,
      );
    }
    if (days < this.dataRetentionDays) {
      Annotations.of(this).addInfo(
        `${source}: data under ${prefix} is kept ${this.dataRetentionDays} days (the ${this.domainName} domain's retention), longer than the contract's ${days}`,
      );
    }
  }

  referenceTable(tableName: string, keyAttribute: string): ITable {
    const existing = this.referenceTables.get(tableName);
    if (existing) {
      if (existing.keyAttribute !== keyAttribute) {
        throw new Error(
          `Reference table ${tableName} is keyed by "${existing.keyAttribute}", not "${keyAttribute}"`,
        );
      }
      return existing.table;
    }
    const table = Table.fromTableAttributes(
      this,
      `ReferenceTable-${tableName}`,
      { tableName, encryptionKey: this.key },
    );
    this.referenceTables.set(tableName, { table, keyAttribute });
    return table;
  }

  /** Imported on first use: only a product that hashes PII reads the secret. */
  piiHashKey(): ISecret {
    if (!this.hashKey) {
      this.hashKey = Secret.fromSecretAttributes(this, 'PiiHashKey', {
        secretCompleteArn: this.read('piiHashKeySecretArn'),
        encryptionKey: this.key,
      });
    }
    return this.hashKey;
  }
}
