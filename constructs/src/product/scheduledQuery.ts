import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  IntegrationPattern,
  LogLevel,
  StateMachine,
} from 'aws-cdk-lib/aws-stepfunctions';
import { AthenaStartQueryExecution } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ScheduledQueryOptions } from '../data-product-props';
import { TableLayout } from '../glue/tableLayout';
import { nagResource } from '../security/nagResource';
import { ServiceRole } from '../security/serviceRole';
import { ProductQuery } from './namedQueries';
import { glueTableArns } from '../glue/glueTableArns';

/**
 * What a scheduled query deploys.
 *
 * @public
 */
export interface ScheduledQueryResources {
  /** Runs the query and waits for it (`athena:startQueryExecution.sync`). */
  readonly stateMachine: StateMachine;
  /** Starts the state machine on the schedule. */
  readonly schedule: Schedule;
  /** A run failed or timed out. */
  readonly failureAlarm: Alarm;
}

const DEFAULT_QUERY = 'regulatory-report';
const DEFAULT_TIMEOUT = Duration.minutes(30);
const MAX_TIMEOUT_HOURS = 12;

/**
 * The query a schedule runs: the saved query named by `query` (default
 * the regulatory report) or the `sql` given.
 *
 * @throws Error naming the contract file and the option when both or
 *   neither make sense, or the saved query does not exist.
 */
export function resolveScheduledQuery(
  file: string,
  productName: string,
  queries: readonly ProductQuery[],
  options: ScheduledQueryOptions,
): ProductQuery {
  const fail = (problem: string): never => {
    throw new Error(`${file}: scheduledQuery${problem}`);
  };
  const timeoutSeconds = (options.timeout ?? DEFAULT_TIMEOUT).toSeconds();
  if (timeoutSeconds < 60 || timeoutSeconds > MAX_TIMEOUT_HOURS * 3600) {
    fail(
      `.timeout is ${timeoutSeconds} s; it must be 1 minute to ${MAX_TIMEOUT_HOURS} hours`,
    );
  }
  if (options.sql !== undefined) {
    if (options.query !== undefined) {
      fail(' sets both query and sql; name a saved query or give SQL');
    }
    if (options.sql.trim() === '') {
      fail('.sql is empty');
    }
    return {
      name: `${productName}-scheduled-query`,
      description: `Scheduled query of ${productName}`,
      sql: options.sql,
    };
  }
  const wanted = options.query ?? DEFAULT_QUERY;
  const found = queries.find(
    query => query.name === wanted || query.name === `${productName}-${wanted}`,
  );
  return (
    found ??
    fail(
      `.query "${wanted}" is not a saved query of ${productName}; choose one of: ${queries
        .map(query => query.name.slice(productName.length + 1))
        .join(', ')}`,
    )
  );
}

/**
 * EventBridge Scheduler → Step Functions → Athena, in the domain
 * workgroup (which enforces encrypted results and the bytes-scanned cap).
 * The state machine's role is written here, not generated: the generated
 * Athena task policy allows S3 and Glue writes on `*`, while a report only
 * needs to read one table and write its own results. Runs are logged
 * (no execution data) and traced; failures alarm on the domain topic.
 */
export function createScheduledQuery(
  scope: Construct,
  props: {
    /** Resource name prefix, `datamesh-<domain>-<product>`. */
    readonly name: string;
    readonly query: ProductQuery;
    readonly schedule: ScheduleExpression;
    readonly timeout?: Duration;
    readonly layout: TableLayout;
    /** The domain workgroup: its name, and how the template refers to it. */
    readonly workgroup: { readonly name: string; readonly reference: string };
    readonly dataLake: IBucket;
    readonly results: IBucket;
    readonly key: IKey;
    readonly alarmTopic: ITopic;
    readonly removalPolicy: RemovalPolicy;
    readonly logRetention: RetentionDays;
  },
): ScheduledQueryResources {
  const { layout, key } = props;
  const stack = Stack.of(scope);
  const construct = new Construct(scope, 'ScheduledQuery');
  const stateMachineName = `${props.name}-scheduled-query`.slice(0, 80);
  const workgroupName = props.workgroup.reference;

  const role = new ServiceRole(construct, 'Role', {
    assumedBy: new ServicePrincipal('states.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: `Scheduled query ${props.query.name} of ${layout.database}.${layout.table}`,
  });
  role.addToPolicy(
    new PolicyStatement({
      sid: 'RunQueryInDomainWorkgroup',
      actions: [
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:StopQueryExecution',
      ],
      resources: [
        stack.formatArn({
          service: 'athena',
          resource: 'workgroup',
          resourceName: workgroupName,
        }),
      ],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'UseDataCatalog',
      actions: ['athena:GetDataCatalog'],
      resources: [
        stack.formatArn({
          service: 'athena',
          resource: 'datacatalog',
          resourceName: 'AwsDataCatalog',
        }),
      ],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ReadTableDefinition',
      actions: ['glue:GetDatabase', 'glue:GetTable'],
      resources: glueTableArns(stack, layout),
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ReadTableData',
      actions: ['s3:GetObject'],
      resources: [props.dataLake.arnForObjects(`${layout.dataPrefix}*`)],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ListTableData',
      actions: ['s3:ListBucket'],
      resources: [props.dataLake.bucketArn],
      conditions: { StringLike: { 's3:prefix': `${layout.dataPrefix}*` } },
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'WriteQueryResults',
      actions: [
        's3:PutObject',
        's3:GetObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ],
      // The workgroup enforces this output location.
      resources: [props.results.arnForObjects('results/*')],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'LocateBuckets',
      actions: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
      resources: [props.dataLake.bucketArn, props.results.bucketArn],
    }),
  );
  // Decrypt the Parquet files, encrypt the results, the execution state and the logs.
  key.grant(role, 'kms:Decrypt', 'kms:GenerateDataKey');
  // Step Functions delivers its logs and traces through these APIs, which
  // take no resource ARNs (see the Step Functions logging and X-Ray guides).
  role.addToPolicy(
    new PolicyStatement({
      sid: 'DeliverExecutionLogs',
      actions: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      resources: ['*'],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'PublishTraces',
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ],
      resources: ['*'],
    }),
  );

  const logGroup = new LogGroup(construct, 'Logs', {
    // Step Functions' documented prefix: keeps the account's log resource policy small.
    logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
    encryptionKey: key,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });

  const run = new AthenaStartQueryExecution(construct, 'RunQuery', {
    comment: props.query.description.slice(0, 256),
    queryString: props.query.sql,
    queryExecutionContext: { databaseName: layout.database },
    workGroup: workgroupName,
    integrationPattern: IntegrationPattern.RUN_JOB,
  });
  // Athena's concurrent-query quota is shared by the account: wait and retry.
  run.addRetry({
    errors: ['Athena.TooManyRequestsException'],
    interval: Duration.seconds(30),
    backoffRate: 2,
    maxAttempts: 4,
  });

  const stateMachine = new StateMachine(construct, 'StateMachine', {
    stateMachineName,
    comment: `Runs ${props.query.name} in workgroup ${props.workgroup.name}`,
    definitionBody: DefinitionBody.fromChainable(run),
    // Without policy updates: the construct would add the broad generated task policy.
    role: role.withoutPolicyUpdates(),
    timeout: props.timeout ?? DEFAULT_TIMEOUT,
    tracingEnabled: true,
    logs: {
      destination: logGroup,
      level: LogLevel.ALL,
      // Execution data holds query ids and state, never rows; left out all the same.
      includeExecutionData: false,
    },
    encryptionConfiguration: new CustomerManagedEncryptionConfiguration(key),
  });
  stateMachine.node.addDependency(role.permissions);

  const schedulerRole = new ServiceRole(construct, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: `Starts scheduled query ${props.query.name}`,
  });
  // The state machine is encrypted: starting it encrypts its input with the key.
  schedulerRole.addToPolicy(
    new PolicyStatement({
      sid: 'EncryptExecutionInput',
      actions: ['kms:GenerateDataKey'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: {
          'kms:EncryptionContext:aws:states:stateMachineArn':
            stateMachine.stateMachineArn,
        },
      },
    }),
  );
  const schedule = new Schedule(construct, 'Schedule', {
    description: `Runs ${props.query.name}`,
    schedule: props.schedule,
    key,
    target: new StepFunctionsStartExecution(stateMachine, {
      role: schedulerRole,
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
    }),
  });

  const failureAlarm = new Alarm(construct, 'FailureAlarm', {
    metric: new MathExpression({
      expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
      usingMetrics: {
        failed: stateMachine.metricFailed({ statistic: 'Sum' }),
        timedOut: stateMachine.metricTimedOut({ statistic: 'Sum' }),
      },
      period: Duration.minutes(5),
      label: 'Failed or timed-out runs',
    }),
    threshold: 0,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: `${props.name}: scheduled query ${props.query.name} failed or timed out; see ${logGroup.logGroupName}`,
  });
  failureAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  failureAlarm.addOkAction(new SnsAction(props.alarmTopic));

  acknowledgeWildcards(role, props.dataLake, props.results, layout);
  return { stateMachine, schedule, failureAlarm };
}

/** Each remaining wildcard of the state machine's role, with why it cannot be narrower. */
function acknowledgeWildcards(
  role: ServiceRole,
  dataLake: IBucket,
  results: IBucket,
  layout: TableLayout,
): void {
  Validations.of(role).acknowledge(
    {
      id: `AwsSolutions-IAM5[Resource::${nagResource(role, dataLake.bucketArn)}/${layout.dataPrefix}*]`,
      reason:
        "Athena reads whichever Parquet files Firehose wrote (named by partition, time and random suffix); the wildcard is confined to this table's own prefix, read only.",
    },
    {
      id: `AwsSolutions-IAM5[Resource::${nagResource(role, results.bucketArn)}/results/*]`,
      reason:
        'Athena names each result object after its query execution id, unknown until the query runs; the wildcard is confined to the results prefix the workgroup enforces.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the CloudWatch Logs vended-delivery and X-Ray actions Step Functions needs for logging and tracing, which do not support resource-level permissions; no data action has a wildcard resource.',
    },
  );
}
