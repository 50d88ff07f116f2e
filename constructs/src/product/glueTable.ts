import { Stack } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { partitionPathTemplate, TableLayout } from '../glue/tableLayout';

/**
 * The product's Glue table: Parquet files under the layout's prefix,
 * partitioned as the contract says, with partition projection so Athena
 * computes partitions from the settings instead of a crawler or
 * `MSCK REPAIR TABLE` having to register them.
 */
export function createGlueTable(
  scope: Construct,
  props: {
    readonly layout: TableLayout;
    /** The database resource when it is in this app, to deploy after. */
    readonly database?: CfnDatabase;
    readonly bucket: IBucket;
    readonly description: string;
  },
): CfnTable {
  const { layout } = props;
  const location = props.bucket.s3UrlForObject(layout.dataPrefix);
  const projection = Object.entries(layout.projection).flatMap(
    ([column, settings]) =>
      Object.entries(settings).map(([name, value]) => [
        `projection.${column}.${name}`,
        value,
      ]),
  );
  const table = new CfnTable(scope, 'Table', {
    catalogId: Stack.of(scope).account,
    databaseName: props.layout.database,
    tableInput: {
      name: layout.table,
      description: props.description,
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        EXTERNAL: 'TRUE',
        classification: 'parquet',
        'parquet.compression': 'SNAPPY',
        has_encrypted_data: 'true',
        'projection.enabled': 'true',
        ...Object.fromEntries(projection),
        'storage.location.template': `${location}${partitionPathTemplate(
          layout,
          column => `\${${column}}`,
        )}`,
      },
      partitionKeys: layout.partitionKeys.map(toGlueColumn),
      storageDescriptor: {
        location,
        columns: layout.columns.map(toGlueColumn),
        inputFormat:
          'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        outputFormat:
          'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        serdeInfo: {
          serializationLibrary:
            'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
          parameters: { 'serialization.format': '1' },
        },
        compressed: true,
        storedAsSubDirectories: false,
      },
    },
  });
  if (props.database) {
    table.node.addDependency(props.database);
  }
  return table;
}

function toGlueColumn(column: {
  name: string;
  type: string;
  comment?: string;
}): CfnTable.ColumnProperty {
  return { name: column.name, type: column.type, comment: column.comment };
}
