import {
  Duration,
  Lazy,
  RemovalPolicy,
  Size,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Archive,
  CfnArchive,
  EventBus,
  IEventBus,
} from 'aws-cdk-lib/aws-events';
import { CfnDatabase } from 'aws-cdk-lib/aws-glue';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnRegistry } from 'aws-cdk-lib/aws-eventschemas';
import { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  checkName,
  defaultDatabaseFor,
  defaultWorkgroupFor,
  registryNameFor,
  TAG_KEYS,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { IDataDomain } from './data-domain-base';
import { DataDomainProps } from './data-domain-props';
import {
  DEFAULT_SHARED_DATA_RETENTION_DAYS,
  DomainParameter,
  domainParameterName,
} from './domain/domain-parameters';
import {
  DataDomainAttributes,
  DataDomainImportOptions,
  ImportedDataDomain,
} from './domain/imported-data-domain';
import { createDomainKey } from './security/domainKey';
import { resolveRemovalPolicy } from './security/removalGuard';
import {
  createAccessLogsBucket,
  createSecureBucket,
} from './storage/secureBucket';
import { createSecureTable } from './storage/secureTable';

const DEFAULT_BYTES_SCANNED_CUTOFF = Size.gibibytes(10);
/** Athena's smallest per-query cutoff (the API's minimum, in bytes). */
const MIN_BYTES_SCANNED_CUTOFF = 10_000_000;

function checkBytesScannedCutoff(cutoff: Size | undefined): string | undefined {
  if (cutoff === undefined) {
    return undefined;
  }
  const bytes = cutoff.toBytes();
  return bytes >= MIN_BYTES_SCANNED_CUTOFF
    ? undefined
    : `bytesScannedCutoffPerQuery is ${bytes} bytes; Athena needs at least ${MIN_BYTES_SCANNED_CUTOFF} bytes (10 MB)`;
}

const ACCESS_LOG_BUCKET_ACKNOWLEDGEMENTS = [
  {
    id: 'AwsSolutions-S1',
    reason:
      'This is the server access logs bucket; logging it into itself would loop.',
  },
  {
    id: 'NIST.800.53.R5-S3BucketLoggingEnabled',
    reason:
      'This is the server access logs bucket; logging it into itself would loop.',
  },
  {
    id: 'PCI.DSS.321-S3BucketLoggingEnabled',
    reason:
      'This is the server access logs bucket; logging it into itself would loop.',
  },
  {
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason:
      'S3 only delivers server access logs to buckets encrypted with SSE-S3; the bucket holds no business data.',
  },
  {
    id: 'PCI.DSS.321-S3DefaultEncryptionKMS',
    reason:
      'S3 only delivers server access logs to buckets encrypted with SSE-S3; the bucket holds no business data.',
  },
  ...replicationAcknowledgements(),
];

const DATA_BUCKET_ACKNOWLEDGEMENTS = replicationAcknowledgements();

function replicationAcknowledgements() {
  return [
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    'PCI.DSS.321-S3BucketReplicationEnabled',
  ].map(id => ({
    id,
    reason:
      'Cross-region replication is an account-level disaster-recovery decision (target region, data residency); versioning and the bus archive protect against loss in-region.',
  }));
}

/**
 * What a domain's data products share: an EventBridge bus with an archive,
 * the domain's Schema Registry, a customer-managed KMS key, the S3 data
 * lake (and its access-logs and Athena-results buckets), a Glue database
 * and an enforced Athena workgroup. Add products with {@link DataProduct},
 * in this app or, with `publishForProductStacks`, in other stacks that
 * import the domain with {@link DataDomain.fromDomainName}.
 *
 * @example
 * ```ts
 * // The domain team's stack:
 * new DataDomain(domainStack, 'Domain', {
 *   domain: 'trading',
 *   publishForProductStacks: true,
 * });
 * // A product team's stack, in another app:
 * const domain = DataDomain.fromDomainName(productStack, 'Domain', 'trading');
 * DataProduct.fromContractFile(productStack, 'Product', {
 *   domain,
 *   contractFile: 'data-product.yaml',
 * });
 * ```
 * @public
 */
export class DataDomain extends Construct implements IDataDomain {
  /**
   * The domain another stack owns, found by name through the SSM
   * parameters it publishes (`/datamesh/domains/<domain>/...`, resolved at
   * deploy time): no cross-stack exports, so the two stacks deploy
   * independently. The domain must have `publishForProductStacks` and live
   * in the same account and region.
   */
  static fromDomainName(
    scope: Construct,
    id: string,
    domainName: string,
    options: DataDomainImportOptions = {},
  ): IDataDomain {
    return ImportedDataDomain.fromParameters(scope, id, domainName, options);
  }

  /** The domain another stack owns, from explicit ARNs and names. */
  static fromDomainAttributes(
    scope: Construct,
    id: string,
    attrs: DataDomainAttributes,
  ): IDataDomain {
    return ImportedDataDomain.fromAttributes(scope, id, attrs);
  }

  /** The domain name. */
  readonly domainName: string;
  /** The customer-managed key that encrypts every store of the domain. */
  readonly key: IKey;
  /** The domain's custom event bus (encrypted with the domain key). */
  readonly eventBus: IEventBus;
  /** The bus archive: every event, for replay and audit. */
  readonly archive: Archive;
  /** The domain's EventBridge Schema Registry. */
  readonly registry: CfnRegistry;
  /** The registry's name, as a reference to it (products' schemas deploy after it). */
  readonly registryName: string;
  /** The data lake: Parquet data under `data/<table>/`. */
  readonly dataLakeBucket: IBucket;
  /** Athena query results. */
  readonly athenaResultsBucket: IBucket;
  /** S3 server access logs of the other buckets. */
  readonly accessLogsBucket: IBucket;
  /** The Glue database of the domain's tables. */
  readonly database: CfnDatabase;
  readonly databaseName: string;
  /** The Athena workgroup with enforced, encrypted result settings. */
  readonly workgroup: CfnWorkGroup;
  readonly workgroupName: string;
  /** Where the domain's alarms notify. */
  readonly alarmTopic: ITopic;
  /** The effective removal policy of data-holding resources. */
  readonly removalPolicy: RemovalPolicy;

  private readonly retentionDays: number[] = [];
  /** Set when products in other stacks share the lake: its one retention. */
  private readonly sharedDataRetentionDays?: number;
  private readonly referenceTables = new Map<
    string,
    { table: ITable; keyAttribute: string }
  >();
  private hashKey?: Secret;
  private readonly dataLake: Bucket;

  constructor(scope: Construct, id: string, props: DataDomainProps) {
    super(scope, id);
    const problems = [
      checkName('domain', props.domain),
      checkBytesScannedCutoff(props.bytesScannedCutoffPerQuery),
    ].filter(problem => problem !== undefined);
    if (problems.length > 0) {
      throw new Error(`DataDomain ${id}: ${problems.join('; ')}`);
    }
    this.domainName = props.domain;
    this.removalPolicy = resolveRemovalPolicy(this, props.removalPolicy);
    const account = Stack.of(this).account;
    this.sharedDataRetentionDays = props.publishForProductStacks
      ? (props.dataRetention?.toDays() ?? DEFAULT_SHARED_DATA_RETENTION_DAYS)
      : undefined;

    this.key = createDomainKey(this, 'Key', {
      domain: props.domain,
      removalPolicy: this.removalPolicy,
    });

    const bus = new EventBus(this, 'EventBus', {
      eventBusName: `datamesh-${props.domain}`,
      kmsKey: this.key,
      description: `Events of the ${props.domain} data domain`,
    });
    this.eventBus = bus;
    this.archive = bus.archive('Archive', {
      archiveName: `datamesh-${props.domain}-archive`,
      description: `Every event of the ${props.domain} domain, for replay and audit`,
      eventPattern: { account: [account] },
      kmsKey: this.key,
    });
    const archiveResource = this.archive.node.defaultChild as CfnArchive;
    archiveResource.retentionDays = Lazy.number({
      produce: () =>
        props.archiveRetention?.toDays() ??
        this.sharedDataRetentionDays ??
        Math.max(1, ...this.retentionDays),
    });
    archiveResource.applyRemovalPolicy(this.removalPolicy);

    this.registry = new CfnRegistry(this, 'SchemaRegistry', {
      registryName: registryNameFor(props.domain),
      description: `Event schemas of the ${props.domain} data domain`,
      tags: [{ key: TAG_KEYS.domain, value: props.domain }],
    });
    this.registryName = this.registry.attrRegistryName;

    this.accessLogsBucket = createAccessLogsBucket(this, 'AccessLogs', {
      removalPolicy: this.removalPolicy,
      expiration: props.accessLogsExpiration ?? Duration.days(400),
    });
    Validations.of(this.accessLogsBucket).acknowledge(
      ...ACCESS_LOG_BUCKET_ACKNOWLEDGEMENTS,
    );
    const dataLake = createSecureBucket(this, 'DataLake', {
      encryptionKey: this.key,
      accessLogs: this.accessLogsBucket,
      removalPolicy: this.removalPolicy,
      noncurrentVersionExpiration: Duration.days(30),
    });
    this.dataLakeBucket = dataLake;
    this.dataLake = dataLake;
    const results = createSecureBucket(this, 'AthenaResults', {
      encryptionKey: this.key,
      accessLogs: this.accessLogsBucket,
      removalPolicy: this.removalPolicy,
      noncurrentVersionExpiration: Duration.days(1),
    });
    results.addLifecycleRule({
      id: 'expire-query-results',
      expiration: props.athenaResultsExpiration ?? Duration.days(30),
    });
    this.athenaResultsBucket = results;
    for (const bucket of [dataLake, results]) {
      Validations.of(bucket).acknowledge(...DATA_BUCKET_ACKNOWLEDGEMENTS);
    }

    this.databaseName = defaultDatabaseFor(props.domain);
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: {
        name: this.databaseName,
        description: `Data products of the ${props.domain} domain`,
        locationUri: dataLake.s3UrlForObject('data/'),
      },
    });
    this.database.applyRemovalPolicy(this.removalPolicy);

    this.workgroupName = defaultWorkgroupFor(props.domain);
    this.workgroup = new CfnWorkGroup(this, 'Workgroup', {
      name: this.workgroupName,
      description: `Queries over the ${props.domain} data products`,
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: (
          props.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF
        ).toBytes(),
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: results.s3UrlForObject('results/'),
          expectedBucketOwner: account,
          encryptionConfiguration: {
            encryptionOption: 'SSE_KMS',
            kmsKey: this.key.keyArn,
          },
        },
      },
    });

    this.alarmTopic =
      props.alarmTopic ??
      new Topic(this, 'AlarmTopic', {
        displayName: `Data mesh ${props.domain} alarms`,
        masterKey: this.key,
        enforceSSL: true,
      });

    for (const spec of props.referenceTables ?? []) {
      this.referenceTable(spec.tableName, spec.keyAttribute);
    }
    if (this.sharedDataRetentionDays !== undefined) {
      this.serveProductStacks(this.sharedDataRetentionDays);
    }
  }

  /**
   * What products in other stacks cannot do for themselves, done here:
   * one lifecycle for all of `data/`, the PII hash key and the attributes
   * they import, in SSM. (The key policy a product needs is the domain
   * key's own, whether or not products live in other stacks.)
   */
  private serveProductStacks(dataRetentionDays: number): void {
    this.dataLake.addLifecycleRule({
      id: 'retention-data',
      prefix: 'data/',
      expiration: Duration.days(dataRetentionDays),
    });
    const published: Record<DomainParameter, string> = {
      keyArn: this.key.keyArn,
      eventBusArn: this.eventBus.eventBusArn,
      dataLakeBucketName: this.dataLakeBucket.bucketName,
      athenaResultsBucketName: this.athenaResultsBucket.bucketName,
      alarmTopicArn: this.alarmTopic.topicArn,
      piiHashKeySecretArn: this.piiHashKey().secretArn,
      dataRetentionDays: String(dataRetentionDays),
      databaseName: this.databaseName,
      workgroupName: this.workgroupName,
      registryName: this.registryName,
    };
    for (const [attribute, value] of Object.entries(published)) {
      new StringParameter(this, `Parameter-${attribute}`, {
        parameterName: domainParameterName(
          this.domainName,
          attribute as DomainParameter,
        ),
        stringValue: value,
        description: `${attribute} of the ${this.domainName} data domain, for its product stacks`,
      });
    }
  }

  /**
   * Applies a product's retention: its data under `prefix` expires after
   * `days`, and the archive keeps events as long as the longest retention.
   * A domain that serves product stacks has one retention for all of
   * `data/`; a longer `days` throws, naming `contractFile`.
   */
  applyRetention(prefix: string, days: number, contractFile?: string): void {
    if (this.sharedDataRetentionDays !== undefined) {
      if (days > this.sharedDataRetentionDays) {
        throw new Error(
          `${contractFile ?? prefix}: retention.days is ${days}, but the ${this.domainName} domain's data lake expires data/ after ${this.sharedDataRetentionDays} days (dataRetention); raise the domain's dataRetention or shorten the contract's retention`,
        );
      }
      return;
    }
    this.retentionDays.push(days);
    this.dataLake.addLifecycleRule({
      id: `retention-${prefix.replace(/[^A-Za-z0-9_-]/g, '-')}`,
      prefix,
      expiration: Duration.days(days),
    });
  }

  /**
   * The DynamoDB reference table of this name, created once per domain
   * (products that enrich from the same table share it): on-demand,
   * encrypted with the domain key, point-in-time recovery, deletion
   * protection unless data may be destroyed.
   *
   * @throws Error when asked again with another key attribute.
   */
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
    const table = createSecureTable(this, `ReferenceTable-${tableName}`, {
      tableName,
      keyAttribute,
      encryptionKey: this.key,
      removalPolicy: this.removalPolicy,
    });
    this.referenceTables.set(tableName, { table, keyAttribute });
    return table;
  }

  /**
   * The key of the PII hashes (HMAC-SHA256), created on first use: a
   * generated secret, encrypted with the domain key, shared by the domain's
   * products so that hashed values can be joined across products.
   */
  piiHashKey(): ISecret {
    if (!this.hashKey) {
      this.hashKey = new Secret(this, 'PiiHashKey', {
        description: `HMAC key of the ${this.domainName} domain's PII hashes`,
        encryptionKey: this.key,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: this.removalPolicy,
      });
      Validations.of(this.hashKey).acknowledge(
        ...[
          'AwsSolutions-SMG4',
          'NIST.800.53.R5-SecretsManagerRotationEnabled',
          'PCI.DSS.321-SecretsManagerRotationEnabled',
        ].map(id => ({
          id,
          reason:
            'The PII hash key is a pseudonymisation key: rotating it would change every hash and break joins over the retained history. Rotate deliberately, with a re-keying plan.',
        })),
      );
    }
    return this.hashKey;
  }
}
