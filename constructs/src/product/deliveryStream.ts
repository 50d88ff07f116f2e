import {
  Aws,
  Duration,
  RemovalPolicy,
  Size,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { CfnTable } from 'aws-cdk-lib/aws-glue';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { nagResource } from '../security/nagResource';
import { ServiceRole } from '../security/serviceRole';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, LogStream, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { partitionPathTemplate, TableLayout } from '../glue/tableLayout';
import { glueTableArns } from '../glue/glueTableArns';

export interface DeliveryStreamResources {
  readonly stream: CfnDeliveryStream;
  readonly role: ServiceRole;
  readonly logGroup: LogGroup;
}

/**
 * Amazon Data Firehose from the Pipe to the data lake: converts each JSON
 * record to Parquet with the Glue table's schema (read at delivery time,
 * so the table stays the single definition), partitions by the record's
 * partition values (dynamic partitioning, so files land under the event's
 * date, not the arrival date), encrypts with the domain key, and writes
 * failed records under `errors/` instead of dropping them.
 */
export function createDeliveryStream(
  scope: Construct,
  props: {
    readonly layout: TableLayout;
    readonly table: CfnTable;
    readonly bucket: IBucket;
    readonly key: IKey;
    readonly bufferInterval: Duration;
    readonly bufferSize: Size;
    readonly removalPolicy: RemovalPolicy;
    readonly logRetention: RetentionDays;
  },
): DeliveryStreamResources {
  const { layout, bucket, key } = props;
  const stack = Stack.of(scope);
  const logGroup = new LogGroup(scope, 'DeliveryLogs', {
    encryptionKey: key,
    retention: props.logRetention,
    removalPolicy: props.removalPolicy,
  });
  const logStream = new LogStream(scope, 'DeliveryLogStream', {
    logGroup,
    removalPolicy: props.removalPolicy,
  });
  const role = new ServiceRole(scope, 'DeliveryRole', {
    assumedBy: new ServicePrincipal('firehose.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: `Firehose delivery of ${layout.database}.${layout.table}`,
  });
  role.addToPolicy(
    new PolicyStatement({
      sid: 'WriteTableData',
      actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
      resources: [
        bucket.arnForObjects(`${layout.dataPrefix}*`),
        bucket.arnForObjects(`errors/${layout.table}/*`),
      ],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'LocateBucket',
      actions: [
        's3:GetBucketLocation',
        's3:ListBucket',
        's3:ListBucketMultipartUploads',
      ],
      resources: [bucket.bucketArn],
    }),
  );
  key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ReadTableSchema',
      actions: [
        'glue:GetTable',
        'glue:GetTableVersion',
        'glue:GetTableVersions',
      ],
      resources: glueTableArns(stack, layout),
    }),
  );
  logGroup.grantWrite(role);

  const partitionQuery = `{${layout.partitionKeys
    .map(key_ => `${key_.name}: .${key_.name}`)
    .join(', ')}}`;
  const stream = new CfnDeliveryStream(scope, 'DeliveryStream', {
    deliveryStreamType: 'DirectPut',
    deliveryStreamEncryptionConfigurationInput: {
      keyType: 'CUSTOMER_MANAGED_CMK',
      keyArn: key.keyArn,
    },
    extendedS3DestinationConfiguration: {
      bucketArn: bucket.bucketArn,
      roleArn: role.roleArn,
      prefix: `${layout.dataPrefix}${partitionPathTemplate(
        layout,
        column => `!{partitionKeyFromQuery:${column}}`,
      )}`,
      errorOutputPrefix: `errors/${layout.table}/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/`,
      bufferingHints: {
        intervalInSeconds: props.bufferInterval.toSeconds(),
        sizeInMBs: props.bufferSize.toMebibytes(),
      },
      compressionFormat: 'UNCOMPRESSED', // Parquet compresses itself (SNAPPY).
      encryptionConfiguration: {
        kmsEncryptionConfig: { awskmsKeyArn: key.keyArn },
      },
      cloudWatchLoggingOptions: {
        enabled: true,
        logGroupName: logGroup.logGroupName,
        logStreamName: logStream.logStreamName,
      },
      dataFormatConversionConfiguration: {
        enabled: true,
        inputFormatConfiguration: {
          // The handler writes timestamps as epoch milliseconds.
          deserializer: { hiveJsonSerDe: { timestampFormats: ['millis'] } },
        },
        outputFormatConfiguration: {
          serializer: { parquetSerDe: { compression: 'SNAPPY' } },
        },
        schemaConfiguration: {
          catalogId: stack.account,
          region: stack.region,
          databaseName: layout.database,
          tableName: layout.table,
          roleArn: role.roleArn,
          versionId: 'LATEST',
        },
      },
      dynamicPartitioningConfiguration: {
        enabled: true,
        retryOptions: { durationInSeconds: 300 },
      },
      processingConfiguration: {
        enabled: true,
        processors: [
          {
            type: 'MetadataExtraction',
            parameters: [
              {
                parameterName: 'MetadataExtractionQuery',
                parameterValue: partitionQuery,
              },
              { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
            ],
          },
        ],
      },
    },
  });
  stream.node.addDependency(role.permissions);
  Validations.of(role).acknowledge(
    ...['data', 'errors'].map(kind => ({
      id: `AwsSolutions-IAM5[Resource::${nagResource(role, bucket.bucketArn)}/${kind === 'data' ? layout.dataPrefix : `errors/${layout.table}/`}*]`,
      reason:
        "Firehose names the objects it writes (partition values, timestamps, random suffixes); the wildcard is confined to this table's own prefix.",
    })),
  );
  stream.node.addDependency(props.table);
  return { stream, role, logGroup };
}
