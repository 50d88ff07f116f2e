import { Duration, Size } from 'aws-cdk-lib';
import { CfnNamedQuery } from 'aws-cdk-lib/aws-athena';
import { Dashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { IRule } from 'aws-cdk-lib/aws-events';
import { CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { CfnTable } from 'aws-cdk-lib/aws-glue';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import {
  LoadedDataProductContract,
  loadDataProductContract,
} from './contract/loadDataProductContract';
import {
  DataProductFromFileProps,
  DataProductProps,
} from './data-product-props';
import { planTableLayout, TableLayout } from './glue/tableLayout';
import {
  createEventForwarding,
  EventForwarding,
} from './access/eventForwarding';
import { grantsInForce } from './access/grantsInForce';
import { createTableSharing, TableSharing } from './access/tableSharing';
import { createDeliveryStream } from './product/deliveryStream';
import { checkTuningOptions } from './product/checkTuning';
import { buildEnrichmentHandlerConfig } from './product/enrichmentConfig';
import { createEnrichmentFunction } from './product/enrichmentFunction';
import { publishEventSchemas } from './product/eventSchemas';
import { createGlueTable } from './product/glueTable';
import { createIngestPipe } from './product/ingestPipe';
import { createIngestQueues } from './product/ingestQueues';
import { createProductMonitoring, ProductAlarms } from './product/monitoring';
import { createLatestStateTable, planLatestState } from './product/latestState';
import { createNamedQueries, productQueries } from './product/namedQueries';
import {
  createScheduledQuery,
  resolveScheduledQuery,
  ScheduledQueryResources,
} from './product/scheduledQuery';

/** The enrichment function gets this long per batch; the buffer's visibility timeout follows. */
const ENRICHMENT_TIMEOUT = Duration.seconds(60);

/**
 * A data product's pipeline, from its contract: EventBridge rules →
 * SQS buffer (+ DLQ) → Pipe with the validate/enrich/transform Lambda →
 * Firehose (Parquet, partitioned by event date) → the Glue table (with
 * partition projection) → saved Athena queries; invalid events go to a
 * quarantine queue with their validation errors; alarms from the SLA and a
 * dashboard; for each approved consumer in the contract's `access`, a rule
 * forwarding its events to the consumer's account and Lake Formation read
 * grants on the table (see `DataProductSubscription` for the consumer's
 * side). Shared resources come from its domain: a {@link DataDomain} in
 * the same app, or one another stack owns (`DataDomain.fromDomainName`),
 * of which the product only imports and creates nothing. Optional,
 * off by default: a latest-state table per key (`latestState`) and a
 * scheduled Athena query (`scheduledQuery`).
 * @public
 */
export class DataProduct extends Construct {
  /** Builds a product from its `data-product.yaml` (checked with its schemas first). */
  static fromContractFile(
    scope: Construct,
    id: string,
    props: DataProductFromFileProps,
  ): DataProduct {
    const { contractFile, ...rest } = props;
    return new DataProduct(scope, id, {
      ...rest,
      contract: loadDataProductContract(contractFile),
    });
  }

  readonly contract: DataProductContract;
  /** The table's columns, partitions and projection, as derived from the contract. */
  readonly tableLayout: TableLayout;
  /** The registry schemas of the product's events. */
  readonly schemas: readonly CfnSchema[];
  /** The rule routing the product's events to the buffer. */
  readonly eventsRule: IRule;
  readonly bufferQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  /** Rejected events with their validation errors. */
  readonly quarantineQueue: IQueue;
  readonly enrichmentFunction: IFunction;
  /** Present when the contract enriches from reference data. */
  readonly referenceTable?: ITable;
  readonly pipe: CfnPipe;
  readonly deliveryStream: CfnDeliveryStream;
  readonly table: CfnTable;
  readonly namedQueries: readonly CfnNamedQuery[];
  readonly alarms: ProductAlarms;
  readonly dashboard: Dashboard;
  /** Present when `latestState` is set: the newest row of each key. */
  readonly latestStateTable?: ITable;
  /** Present when `scheduledQuery` is set. */
  readonly scheduledQuery?: ScheduledQueryResources;
  /** The rules forwarding granted events to consumers' accounts (`access.consumers` with `events`). */
  readonly eventForwarding: readonly EventForwarding[];
  /** Present when a consumer in force reads the table (`access.consumers` with `table`). */
  readonly tableSharing?: TableSharing;

  constructor(scope: Construct, id: string, props: DataProductProps) {
    super(scope, id);
    const { domain } = props;
    const loaded: LoadedDataProductContract = props.contract;
    const contract = loaded.contract;
    this.contract = contract;
    checkBelongsToDomain(loaded, domain.domainName, {
      database: domain.databaseName,
      workgroup: domain.workgroupName,
    });
    checkTuningOptions(loaded.file, props);

    const hashPii =
      props.hashPii ??
      (contract.classification === 'confidential' ||
        contract.classification === 'restricted');
    const layout = planTableLayout(loaded, { hashPii });
    this.tableLayout = layout;
    const bufferInterval = resolveBufferInterval(loaded, props.bufferInterval);
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    const removalPolicy = domain.removalPolicy;
    const resourceName = `datamesh-${contract.domain}-${contract.name}`;
    // Options are checked before anything is created, so a bad one fails fast.
    const latestStatePlan = props.latestState
      ? planLatestState(loaded, layout, props.latestState.keyField)
      : undefined;
    const queries = productQueries(loaded, layout);
    const scheduled = props.scheduledQuery
      ? {
          options: props.scheduledQuery,
          query: resolveScheduledQuery(
            loaded.file,
            contract.name,
            queries,
            props.scheduledQuery,
          ),
        }
      : undefined;

    // Grants in force today: the schemas' tags list them for the portal.
    const grants = grantsInForce(
      this,
      contract,
      loaded.file,
      props.accessDate ?? new Date(),
    );
    this.schemas = publishEventSchemas(this, domain, loaded, grants);

    const queues = createIngestQueues(this, {
      contract,
      bus: domain.eventBus,
      key: domain.key,
      removalPolicy,
      maxReceiveCount: props.maxReceiveCount ?? 5,
      visibilityTimeout: ENRICHMENT_TIMEOUT.plus(Duration.seconds(30)),
    });
    this.eventsRule = queues.eventsRule;
    this.bufferQueue = queues.buffer;
    this.deadLetterQueue = queues.deadLetters;
    this.quarantineQueue = queues.quarantine;

    const enrichment = contract.enrichment;
    const keyAttribute =
      props.referenceKeyAttribute ?? enrichment?.keyField.split('.').pop();
    if (enrichment?.keyField.includes('[]')) {
      throw new Error(
        `${loaded.file}: enrichment.keyField "${enrichment.keyField}" is inside an array; an event needs one lookup key`,
      );
    }
    this.referenceTable =
      enrichment && keyAttribute
        ? (props.referenceTable ??
          domain.referenceTable(enrichment.referenceTable, keyAttribute))
        : undefined;

    const table = createGlueTable(this, {
      layout,
      database: domain.database,
      bucket: domain.dataLakeBucket,
      description: contract.description.slice(0, 2048),
    });
    this.table = table;
    domain.applyRetention(
      layout.dataPrefix,
      contract.retention.days,
      loaded.file,
    );
    this.latestStateTable = latestStatePlan
      ? createLatestStateTable(this, {
          tableName: `${resourceName}-latest`,
          plan: latestStatePlan,
          key: domain.key,
          removalPolicy,
        })
      : undefined;

    this.enrichmentFunction = createEnrichmentFunction(this, {
      config: buildEnrichmentHandlerConfig(loaded, layout, {
        maxEventBytes: props.maxEventBytes,
        latestState: latestStatePlan,
      }),
      key: domain.key,
      bus: domain.eventBus,
      reference:
        this.referenceTable && keyAttribute
          ? {
              table: this.referenceTable,
              keyAttribute,
              cacheTtl: props.referenceCacheTtl ?? Duration.minutes(5),
            }
          : undefined,
      latestStateTable: this.latestStateTable,
      piiHashKey:
        layout.hashedFields.length > 0 ? domain.piiHashKey() : undefined,
      memorySize: props.memorySize ?? 1024,
      timeout: ENRICHMENT_TIMEOUT,
      reservedConcurrency: props.maxConcurrency,
      removalPolicy,
      logRetention,
    });

    const delivery = createDeliveryStream(this, {
      layout,
      table,
      bucket: domain.dataLakeBucket,
      key: domain.key,
      bufferInterval,
      bufferSize: props.bufferSize ?? Size.mebibytes(128),
      removalPolicy,
      logRetention,
    });
    this.deliveryStream = delivery.stream;

    this.pipe = createIngestPipe(this, {
      name: resourceName.slice(0, 64),
      queue: queues.buffer,
      enrichment: this.enrichmentFunction,
      stream: delivery.stream,
      key: domain.key,
      batchSize: props.batchSize ?? 100,
      maxBatchingWindow: props.maxBatchingWindow ?? Duration.seconds(1),
      removalPolicy,
      logRetention,
    });

    this.namedQueries = createNamedQueries(this, {
      queries,
      database: layout.database,
      workgroup: domain.workgroupName,
    });
    const workgroup = domain.workgroup;
    if (workgroup) {
      this.namedQueries.forEach(query => query.node.addDependency(workgroup));
    }

    const monitoring = createProductMonitoring(this, {
      contract,
      buffer: queues.buffer,
      deadLetters: queues.deadLetters,
      quarantine: queues.quarantine,
      enrichment: this.enrichmentFunction,
      pipe: this.pipe,
      stream: delivery.stream,
      alarmTopic: domain.alarmTopic,
    });
    this.alarms = monitoring.alarms;
    this.dashboard = monitoring.dashboard;

    this.eventForwarding = createEventForwarding(this, {
      contract,
      grants,
      bus: domain.eventBus,
      deadLetters: queues.deadLetters,
    });
    this.tableSharing = createTableSharing(this, {
      contract,
      grants,
      layout,
      table,
      bucket: domain.dataLakeBucket,
      key: domain.key,
    });

    this.scheduledQuery = scheduled
      ? createScheduledQuery(this, {
          name: resourceName,
          query: scheduled.query,
          schedule: scheduled.options.schedule,
          timeout: scheduled.options.timeout,
          layout,
          workgroup: {
            name: domain.workgroupName,
            // A Ref when the workgroup is in this app: deployed before the query.
            reference: domain.workgroup?.ref ?? domain.workgroupName,
          },
          dataLake: domain.dataLakeBucket,
          results: domain.athenaResultsBucket,
          key: domain.key,
          alarmTopic: domain.alarmTopic,
          removalPolicy,
          logRetention,
        })
      : undefined;
  }
}

function checkBelongsToDomain(
  loaded: LoadedDataProductContract,
  domainName: string,
  shared: { readonly database: string; readonly workgroup: string },
): void {
  const { contract, file } = loaded;
  const problems: string[] = [];
  if (contract.domain !== domainName) {
    problems.push(
      `domain is "${contract.domain}" but the product is added to domain "${domainName}"`,
    );
  }
  if (
    contract.storage.database &&
    contract.storage.database !== shared.database
  ) {
    problems.push(
      `storage.database "${contract.storage.database}" differs from the domain's database "${shared.database}"; a domain has one Glue database`,
    );
  }
  if (
    contract.storage.workgroup &&
    contract.storage.workgroup !== shared.workgroup
  ) {
    problems.push(
      `storage.workgroup "${contract.storage.workgroup}" differs from the domain's workgroup "${shared.workgroup}"`,
    );
  }
  if (problems.length > 0) {
    throw new Error(
      `${file}: the data product does not fit its domain:\n${problems.map(p => `  - ${p}`).join('\n')}`,
    );
  }
}

function resolveBufferInterval(
  loaded: LoadedDataProductContract,
  requested: Duration | undefined,
): Duration {
  const freshnessSeconds = loaded.contract.sla.freshnessMinutes * 60;
  const seconds =
    requested?.toSeconds() ??
    Math.max(60, Math.min(300, Math.floor(freshnessSeconds / 2)));
  if (seconds < 60 || seconds > 900) {
    throw new Error(
      `${loaded.file}: bufferInterval must be 60 to 900 seconds (got ${seconds})`,
    );
  }
  if (seconds >= freshnessSeconds) {
    throw new Error(
      `${loaded.file}: Firehose would buffer ${seconds} s, longer than the ${loaded.contract.sla.freshnessMinutes}-minute freshness SLA (sla.freshnessMinutes); raise the SLA or shorten bufferInterval`,
    );
  }
  return Duration.seconds(seconds);
}
