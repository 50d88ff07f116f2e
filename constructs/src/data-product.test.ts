import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { contractToTags } from '@financial-data-mesh/plugin-data-mesh-common';
import {
  enrichmentAssetDir,
  SynthesisedSampleDomains,
  synthSampleDomains,
  TemplateResources,
} from './testing/synthSampleDomains';
import { loadSampleContract } from './testing/sampleContracts';
import { trinoSyntaxErrors } from './testing/trinoSql';

describe('DataDomain and DataProduct on the sample domains', () => {
  let synth: SynthesisedSampleDomains;
  let template: Template;
  let resources: TemplateResources;
  const ofType = (type: string) =>
    Object.entries(resources).filter(([, r]) => r.Type === type);
  const trading = loadSampleContract('trading').contract;

  beforeAll(() => {
    synth = synthSampleDomains();
    template = synth.template;
    resources = template.toJSON().Resources;
  });

  describe('per domain', () => {
    it('creates a rotated customer-managed key per domain', () => {
      template.resourceCountIs('AWS::KMS::Key', 3);
      template.allResourcesProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
      });
    });

    it('creates an encrypted bus with an archive retained as long as the longest contract retention', () => {
      template.hasResourceProperties('AWS::Events::EventBus', {
        Name: 'datamesh-trading',
        KmsKeyIdentifier: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::Events::Archive', {
        ArchiveName: 'datamesh-trading-archive',
        RetentionDays: trading.retention.days,
        KmsKeyIdentifier: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::Events::Archive', {
        ArchiveName: 'datamesh-credit-archive',
        RetentionDays: 3650,
      });
    });

    it('publishes every event schema as JSONSchemaDraft4 with the data-product tags', () => {
      template.hasResourceProperties('AWS::EventSchemas::Registry', {
        RegistryName: 'trading',
      });
      template.resourceCountIs('AWS::EventSchemas::Schema', 4);
      const expectedTags = contractToTags(trading, trading.events[0]);
      const [, schema] = ofType('AWS::EventSchemas::Schema').find(
        ([, r]) =>
          r.Properties.SchemaName === 'com.fintech.trading@TradeExecuted',
      )!;
      expect(schema.Properties.Type).toBe('JSONSchemaDraft4');
      expect(
        Object.fromEntries(
          schema.Properties.Tags.map((t: { Key: string; Value: string }) => [
            t.Key,
            t.Value,
          ]),
        ),
      ).toEqual(expectedTags);
      const content = JSON.parse(schema.Properties.Content);
      expect(content).toMatchObject({
        $schema: 'http://json-schema.org/draft-04/schema#',
        'x-amazon-events-source': 'com.fintech.trading',
        'x-amazon-events-detail-type': 'TradeExecuted',
      });
    });

    it('secures every bucket: encryption, versioning, public access blocked, TLS only, access logs', () => {
      const buckets = ofType('AWS::S3::Bucket');
      expect(buckets).toHaveLength(9);
      for (const [, bucket] of buckets) {
        const p = bucket.Properties;
        expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
        expect(p.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
      const sseOf = (p: any) =>
        p.BucketEncryption.ServerSideEncryptionConfiguration[0]
          .ServerSideEncryptionByDefault;
      const logBuckets = buckets.filter(([id]) => id.includes('AccessLogs'));
      const dataBuckets = buckets.filter(([id]) => !id.includes('AccessLogs'));
      expect(logBuckets).toHaveLength(3);
      // S3 delivers access logs only to SSE-S3 buckets; they hold no business data.
      expect(
        logBuckets.map(([, b]) => sseOf(b.Properties).SSEAlgorithm),
      ).toEqual(['AES256', 'AES256', 'AES256']);
      for (const [, bucket] of dataBuckets) {
        expect(sseOf(bucket.Properties)).toEqual({
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: expect.anything(),
        });
        expect(
          bucket.Properties.LoggingConfiguration.DestinationBucketName,
        ).toEqual({
          Ref: expect.stringContaining('AccessLogs'),
        });
      }
      for (const [, policy] of ofType('AWS::S3::BucketPolicy')) {
        expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
      }
    });

    it("expires each product's data after its contract retention", () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              Prefix: 'data/trade_executions/',
              ExpirationInDays: 2555,
              Status: 'Enabled',
            }),
          ]),
        },
      });
    });

    it('creates a Glue database and an enforced, encrypted, capped Athena workgroup', () => {
      template.hasResourceProperties('AWS::Glue::Database', {
        DatabaseInput: Match.objectLike({ Name: 'trading' }),
      });
      template.hasResourceProperties('AWS::Athena::WorkGroup', {
        Name: 'datamesh-trading',
        WorkGroupConfiguration: Match.objectLike({
          EnforceWorkGroupConfiguration: true,
          BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
          ResultConfiguration: Match.objectLike({
            EncryptionConfiguration: {
              EncryptionOption: 'SSE_KMS',
              KmsKey: Match.anyValue(),
            },
          }),
        }),
      });
    });
  });

  describe('per data product', () => {
    it("routes the product's events to an encrypted buffer with a dead-letter queue", () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['com.fintech.trading'],
          'detail-type': ['TradeExecuted', 'TradeCancelled'],
        },
        Targets: [
          Match.objectLike({
            DeadLetterConfig: { Arn: Match.anyValue() },
            RetryPolicy: Match.anyValue(),
          }),
        ],
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['datamesh.quarantine'],
          'detail-type': ['EventQuarantined'],
          detail: { dataProduct: ['trade-executions'] },
        },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: {
          deadLetterTargetArn: Match.anyValue(),
          maxReceiveCount: 5,
        },
        VisibilityTimeout: 90,
      });
      for (const [, queue] of ofType('AWS::SQS::Queue')) {
        expect(queue.Properties.KmsMasterKeyId).toBeDefined();
      }
    });

    it("bundles the enrichment handler with the product's schemas and column plan", () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Architectures: ['arm64'],
        KmsKeyArn: Match.anyValue(),
        Environment: {
          Variables: {
            QUARANTINE_EVENT_BUS_NAME: Match.anyValue(),
            REFERENCE_TABLE_NAME: Match.anyValue(),
            REFERENCE_KEY_ATTRIBUTE: 'instrument',
            REFERENCE_CACHE_TTL_SECONDS: '300',
            PII_HASH_KEY: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith(['{{resolve:secretsmanager:'])],
            }),
          },
        },
      });
      const assetDir = enrichmentAssetDir(synth, 'tradeexecutions');
      expect(existsSync(join(assetDir, 'index.js'))).toBe(true);
      const config = JSON.parse(
        readFileSync(join(assetDir, 'config.json'), 'utf8'),
      );
      expect(Object.keys(config.events)).toEqual([
        'TradeExecuted',
        'TradeCancelled',
      ]);
      // Draft-04 boolean exclusiveMinimum rewritten for ajv.
      expect(
        config.events.TradeExecuted.schema.properties.quantity,
      ).toMatchObject({
        exclusiveMinimum: 0,
      });
      expect(config.enrichment).toEqual({
        keyField: 'instrument',
        attributes: ['asset_class', 'issuer_name', 'listing_currency'],
      });
    });

    it('enriches from an encrypted reference table with point-in-time recovery', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: 'trading-instruments',
        KeySchema: [{ AttributeName: 'instrument', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: Match.anyValue(),
        },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('connects buffer, enrichment and Firehose with an encrypted pipe', () => {
      template.hasResourceProperties('AWS::Pipes::Pipe', {
        Name: 'datamesh-trading-trade-executions',
        SourceParameters: {
          SqsQueueParameters: {
            BatchSize: 100,
            MaximumBatchingWindowInSeconds: 1,
          },
        },
        Enrichment: Match.anyValue(),
        Target: Match.anyValue(),
        KmsKeyIdentifier: Match.anyValue(),
        LogConfiguration: Match.objectLike({ Level: 'ERROR' }),
      });
    });

    it('converts to Parquet with the Glue table schema, partitioned by event date', () => {
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        DeliveryStreamEncryptionConfigurationInput: {
          KeyType: 'CUSTOMER_MANAGED_CMK',
          KeyARN: Match.anyValue(),
        },
        ExtendedS3DestinationConfiguration: Match.objectLike({
          Prefix:
            'data/trade_executions/event_date=!{partitionKeyFromQuery:event_date}/',
          ErrorOutputPrefix: Match.stringLikeRegexp(
            '^errors/trade_executions/',
          ),
          BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 128 },
          EncryptionConfiguration: {
            KMSEncryptionConfig: { AWSKMSKeyARN: Match.anyValue() },
          },
          DynamicPartitioningConfiguration: Match.objectLike({ Enabled: true }),
          DataFormatConversionConfiguration: {
            Enabled: true,
            InputFormatConfiguration: {
              Deserializer: { HiveJsonSerDe: { TimestampFormats: ['millis'] } },
            },
            OutputFormatConfiguration: {
              Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } },
            },
            SchemaConfiguration: Match.objectLike({
              DatabaseName: 'trading',
              TableName: 'trade_executions',
              VersionId: 'LATEST',
            }),
          },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              {
                Type: 'MetadataExtraction',
                Parameters: Match.arrayWith([
                  {
                    ParameterName: 'MetadataExtractionQuery',
                    ParameterValue: '{event_date: .event_date}',
                  },
                ]),
              },
            ],
          },
        }),
      });
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        ExtendedS3DestinationConfiguration: Match.objectLike({
          Prefix:
            'data/credit_decisions/event_date=!{partitionKeyFromQuery:event_date}/decision=!{partitionKeyFromQuery:decision}/',
        }),
      });
    });

    it('defines the Glue table from the JSON Schema with partition projection', () => {
      const [, table] = ofType('AWS::Glue::Table').find(
        ([, r]) => r.Properties.TableInput.Name === 'credit_decisions',
      )!;
      const input = table.Properties.TableInput;
      expect(input.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual([
        'event_date',
        'decision',
      ]);
      expect(input.StorageDescriptor.Columns).toContainEqual(
        expect.objectContaining({
          Name: 'reason_codes',
          Type: 'array<string>',
        }),
      );
      expect(input.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
        'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      );
      expect(input.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.event_date.type': 'date',
        'projection.event_date.range': 'NOW-3650DAYS,NOW+1DAYS',
        'projection.decision.type': 'enum',
        'projection.decision.values': 'APPROVED,DECLINED',
        classification: 'parquet',
      });
      expect(
        JSON.stringify(input.Parameters['storage.location.template']),
      ).toContain(
        '/data/credit_decisions/event_date=${event_date}/decision=${decision}/',
      );
    });

    it('saves the latest-records, daily-aggregates and regulatory-report queries', () => {
      const queries = ofType('AWS::Athena::NamedQuery')
        .map(([, r]) => r.Properties)
        .filter(p => p.Name.startsWith('trade-executions-'));
      expect(queries.map(q => q.Name)).toEqual([
        'trade-executions-latest-records',
        'trade-executions-daily-aggregates',
        'trade-executions-regulatory-report',
      ]);
      expect(queries.every(q => q.WorkGroup === 'datamesh-trading')).toBe(true);
      expect(queries[2].QueryString).toBe(
        [
          '/* trade-executions 1.1.0, owner group:trading-data: records breaking each quality rule per day */',
          'SELECT date(event_time) AS day,',
          '  count(*) AS records,',
          '  count(*) - count(DISTINCT event_id) AS duplicate_records,',
          '  /* error */ count(DISTINCT CASE WHEN "trade_id" IS NULL THEN event_id END) AS "trade-id-present",',
          '  /* error */ count(DISTINCT CASE WHEN "quantity" < 0.000001 THEN event_id END) AS "positive-quantity",',
          `  /* error */ count(DISTINCT CASE WHEN "direction" NOT IN ('BUY', 'SELL') THEN event_id END) AS "known-direction"`,
          'FROM "trading"."trade_executions"',
          "WHERE event_date >= date_format(current_date - interval '30' day, '%Y-%m-%d')",
          'GROUP BY 1',
          'ORDER BY 1 DESC;',
        ].join('\n'),
      );
    });

    it('saves only queries that parse as Athena engine v3 (Trino) SQL', () => {
      const queries = ofType('AWS::Athena::NamedQuery').map(
        ([, r]) => r.Properties,
      );
      expect(queries).toHaveLength(9);
      for (const query of queries) {
        expect({
          name: query.Name,
          errors: trinoSyntaxErrors(query.QueryString),
        }).toEqual({ name: query.Name, errors: [] });
      }
    });

    it('alarms on the SLA and on every failure signal, with one dashboard per product', () => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 3);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'DeliveryToS3.DataFreshness',
        Threshold: trading.sla.freshnessMinutes * 60,
        AlarmActions: [Match.anyValue()],
      });
      for (const metric of [
        'ApproximateNumberOfMessagesVisible',
        'QuarantinedEvents',
        'Errors',
        'ExecutionFailed',
      ]) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: metric,
          Threshold: 0,
        });
      }
    });
  });

  describe('security defaults', () => {
    const dataResourceTypes = [
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
      'AWS::DynamoDB::Table',
      'AWS::SQS::Queue',
      'AWS::Logs::LogGroup',
      'AWS::Events::Archive',
      'AWS::Glue::Database',
      'AWS::SecretsManager::Secret',
    ];

    it('retains every data-holding resource by default', () => {
      for (const type of dataResourceTypes) {
        for (const [id, resource] of ofType(type)) {
          expect([id, resource.DeletionPolicy]).toEqual([id, 'Retain']);
        }
      }
    });

    it('encrypts every store with the domain key', () => {
      for (const [, group] of ofType('AWS::Logs::LogGroup')) {
        expect(group.Properties.KmsKeyId).toBeDefined();
      }
      for (const [, topic] of ofType('AWS::SNS::Topic')) {
        expect(topic.Properties.KmsMasterKeyId).toBeDefined();
      }
      for (const [, secret] of ofType('AWS::SecretsManager::Secret')) {
        expect(secret.Properties.KmsKeyId).toBeDefined();
      }
    });

    it('grants no wildcard actions and no wildcard resources in IAM policies', () => {
      const statements = [
        ...ofType('AWS::IAM::ManagedPolicy'),
        ...ofType('AWS::IAM::Policy'),
      ].flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
      expect(statements.length).toBeGreaterThan(20);
      for (const statement of statements) {
        const actions = [].concat(statement.Action);
        const targets = [].concat(statement.Resource);
        expect(
          actions.filter((a: string) => a === '*' || a.endsWith(':*')),
        ).toEqual([]);
        expect(targets).not.toContain('*');
      }
      expect(ofType('AWS::IAM::Policy')).toEqual([]);
    });

    it('lets the enrichment role read reference items by key only and publish only quarantine events', () => {
      const [, policy] = ofType('AWS::IAM::ManagedPolicy').find(([id]) =>
        id.includes('tradeexecutionsEnrichmentRole'),
      )!;
      const statements = policy.Properties.PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Action: 'dynamodb:BatchGetItem' }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 'events:PutEvents',
          Condition: {
            StringEquals: { 'events:source': 'datamesh.quarantine' },
          },
        }),
      );
    });
  });
});
