import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  AwsClients,
  createAwsClients,
  destroyAwsClients,
} from '../../local-data-plane/aws-clients';
import { AwsEmulator, startAwsEmulator } from '../../local-data-plane/emulator';
import {
  convertDeliveredRecords,
  parseMetadataExtractionQuery,
  splitConcatenatedJson,
} from '../../local-data-plane/firehose-delivery';
import { provisionTemplate } from '../../local-data-plane/provision';
import { CloudFormationTemplate } from '../../local-data-plane/template';

describe('splitConcatenatedJson', () => {
  it('splits objects written back to back, with or without newlines', () => {
    expect(
      splitConcatenatedJson('{"a":"}{"}{"b":[1,{"c":2}]}\n{"d":"\\"}"}'),
    ).toEqual(['{"a":"}{"}', '{"b":[1,{"c":2}]}', '{"d":"\\"}"}']);
  });

  it('keeps a stray scalar between records, so that it fails conversion', () => {
    expect(splitConcatenatedJson('{"a":1} 42 {"b":2}')).toEqual([
      '{"a":1}',
      '42',
      '{"b":2}',
    ]);
  });
});

describe('parseMetadataExtractionQuery', () => {
  it('evaluates the {key: .path} form the constructs write', () => {
    const extract = parseMetadataExtractionQuery(
      '{event_date: .event_date, country: .merchant.country}',
      'stream',
    );
    expect(
      extract({ event_date: '2026-12-01', merchant: { country: 'GB' } }),
    ).toEqual({ values: { event_date: '2026-12-01', country: 'GB' } });
    expect(extract({ event_date: '2026-12-01' })).toEqual({
      error: expect.stringContaining('partition key country'),
    });
  });

  it('refuses a query it does not understand, by name', () => {
    expect(() =>
      parseMetadataExtractionQuery('{d: .a | tostring}', 'my-stream'),
    ).toThrow(/my-stream: metadata-extraction query .* is not of the form/);
  });
});

/** The shape of a product's stream as the constructs synthesize it, reduced to one table. */
const STREAM_TEMPLATE: CloudFormationTemplate = {
  Resources: {
    Lake: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'lake' } },
    Role: { Type: 'AWS::IAM::Role' },
    Database: {
      Type: 'AWS::Glue::Database',
      Properties: {
        CatalogId: { Ref: 'AWS::AccountId' },
        DatabaseInput: { Name: 'sales' },
      },
    },
    Table: {
      Type: 'AWS::Glue::Table',
      Properties: {
        CatalogId: { Ref: 'AWS::AccountId' },
        DatabaseName: { Ref: 'Database' },
        TableInput: {
          Name: 'orders',
          PartitionKeys: [{ Name: 'event_date', Type: 'string' }],
          StorageDescriptor: {
            Location: {
              'Fn::Join': ['', ['s3://', { Ref: 'Lake' }, '/data/orders/']],
            },
            Columns: [
              { Name: 'id', Type: 'string' },
              { Name: 'amount', Type: 'int' },
            ],
          },
        },
      },
    },
    Stream: {
      Type: 'AWS::KinesisFirehose::DeliveryStream',
      Properties: {
        DeliveryStreamName: 'Stream',
        ExtendedS3DestinationConfiguration: {
          BucketARN: { 'Fn::GetAtt': ['Lake', 'Arn'] },
          RoleARN: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Prefix: 'data/orders/event_date=!{partitionKeyFromQuery:event_date}/',
          ErrorOutputPrefix:
            'errors/orders/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/',
          DataFormatConversionConfiguration: {
            Enabled: true,
            SchemaConfiguration: {
              DatabaseName: 'sales',
              TableName: 'orders',
              RoleARN: { 'Fn::GetAtt': ['Role', 'Arn'] },
            },
          },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              {
                Type: 'MetadataExtraction',
                Parameters: [
                  {
                    ParameterName: 'MetadataExtractionQuery',
                    ParameterValue: '{event_date: .event_date}',
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
};

describe('convertDeliveredRecords on the emulator', () => {
  let emulator: AwsEmulator;
  let clients: AwsClients;
  let lake: string;
  let instance: DuckDBInstance;
  let duckDb: DuckDBConnection;

  beforeAll(async () => {
    emulator = await startAwsEmulator({ ...process.env, AWS_ENDPOINT_URL: '' });
    clients = createAwsClients(emulator.endpoint);
    lake = mkdtempSync(join(tmpdir(), 'lake-'));
    instance = await DuckDBInstance.create(':memory:');
    duckDb = await instance.connect();
    await provisionTemplate(STREAM_TEMPLATE, clients, {
      account: '123456789012',
      region: 'eu-west-1',
    });
  }, 60_000);

  afterAll(async () => {
    duckDb?.closeSync();
    instance?.closeSync();
    if (clients) {
      destroyAwsClients(clients);
    }
    await emulator?.stop();
    rmSync(lake, { recursive: true, force: true });
  });

  it('writes fitting records as partitioned Parquet and the others to the error output, with their reasons', async () => {
    const records = [
      { id: 'a', amount: 1, event_date: '2026-12-01' },
      { id: 'b', amount: 2, event_date: '2026-12-02' },
      { id: 'c', amount: 'three', event_date: '2026-12-02' },
      { id: 'd', amount: 4 },
    ];
    await clients.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'Stream',
        Records: records.map(record => ({
          Data: Buffer.from(JSON.stringify(record)),
        })),
      }),
    );
    const arrival = new Date(Date.UTC(2026, 11, 2, 12));
    const conversion = await convertDeliveredRecords(
      'Stream',
      clients,
      lake,
      duckDb,
      arrival,
    );
    expect(conversion).toMatchObject({
      database: 'sales',
      table: 'orders',
      recordsRead: 4,
      rowsWritten: 2,
      rowsByPrefix: {
        'data/orders/event_date=2026-12-01/': 1,
        'data/orders/event_date=2026-12-02/': 1,
      },
      failedByType: {
        'format-conversion-failed': 1,
        'partitioning-failed': 1,
      },
    });

    const rows = await duckDb.runAndReadAll(
      `SELECT id, amount, typeof(amount) AS type, event_date FROM read_parquet('${join(lake, 'lake', 'data', 'orders')}/**/*.parquet', hive_partitioning = true) ORDER BY id`,
    );
    expect(rows.getRowObjectsJson()).toEqual([
      { id: 'a', amount: 1, type: 'INTEGER', event_date: '2026-12-01' },
      { id: 'b', amount: 2, type: 'INTEGER', event_date: '2026-12-02' },
    ]);

    const errors = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: 'lake', Prefix: 'errors/' }),
    );
    const keys = (errors.Contents ?? []).map(object => object.Key!).sort();
    expect(keys).toEqual([
      expect.stringMatching(
        /^errors\/orders\/format-conversion-failed\/2026-12-02\/\d+-format-conversion-failed\.json$/,
      ),
      expect.stringMatching(
        /^errors\/orders\/partitioning-failed\/2026-12-02\/\d+-partitioning-failed\.json$/,
      ),
    ]);
    const { Body } = await clients.s3.send(
      new GetObjectCommand({ Bucket: 'lake', Key: keys[0] }),
    );
    const failure = JSON.parse(await Body!.transformToString());
    expect(failure).toMatchObject({
      errorCode: 'format-conversion-failed',
      errorMessage: 'amount: "three" is not a valid int',
    });
    expect(
      JSON.parse(Buffer.from(failure.rawData, 'base64').toString()),
    ).toEqual(records[2]);
    // The raw objects are consumed: a second conversion finds nothing new.
    expect(
      (await convertDeliveredRecords('Stream', clients, lake, duckDb, arrival))
        .recordsRead,
    ).toBe(0);
  });
});
