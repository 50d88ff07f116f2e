import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { CfnTable } from 'aws-cdk-lib/aws-glue';
import { IRole, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import {
  CfnPrincipalPermissions,
  CfnResource as CfnLakeFormationResource,
} from 'aws-cdk-lib/aws-lakeformation';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  AccessGrant,
  DataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { TableLayout } from '../glue/tableLayout';
import { nagResource } from '../security/nagResource';
import { ServiceRole } from '../security/serviceRole';

/**
 * The Lake Formation grants of one consumer.
 *
 * @public
 */
export interface TableGrant {
  readonly grant: AccessGrant;
  /**
   * The stack output holding the command that opts the consumer in to
   * Lake Formation permissions on the table, for a data lake administrator
   * to run once after the deploy (CloudFormation has no resource for it).
   */
  readonly optInCommand: CfnOutput;
  /** DESCRIBE on the domain's database, SELECT (and DESCRIBE) on the product's table. */
  readonly permissions: readonly CfnPrincipalPermissions[];
  /** The table columns the consumer does not see. */
  readonly excludedColumns: readonly string[];
}

/**
 * What a product shares of its table with consumers.
 *
 * @public
 */
export interface TableSharing {
  /** The product's data prefix, registered with Lake Formation. */
  readonly location: CfnLakeFormationResource;
  /** The role Lake Formation reads that prefix with on the consumers' behalf. */
  readonly locationRole: IRole;
  readonly grants: readonly TableGrant[];
}

/**
 * The table's columns that hold personal data: each top-level detail field
 * a `piiFields` path starts in (a nested PII field hides its whole struct
 * column, the only unit Lake Formation filters).
 */
export function piiColumnsOf(
  contract: DataProductContract,
  layout: TableLayout,
): string[] {
  const fields = new Set(
    contract.events.flatMap(event =>
      event.piiFields.map(path => path.split('.')[0].replace(/\[\]$/, '')),
    ),
  );
  return [
    ...new Set(
      layout.fieldColumns
        .filter(column => fields.has(column.from))
        .map(column => column.to),
    ),
  ];
}

/**
 * Read access to the product's table for each grant with `table`, through
 * Lake Formation: the product's data prefix is registered (hybrid access
 * mode, so the domain's own IAM-based readers keep working) with a role
 * that can read that prefix only, and each consumer gets DESCRIBE on the
 * database and SELECT on the table, without the PII columns unless the
 * grant says `with-pii`. The consumer's account gets no bucket or key
 * permission: it reads through Lake Formation's credentials, so it cannot
 * read the Parquet files (PII columns included) around the column filter.
 * A grant to an account (no role) carries the grant option, so that
 * account's data lake administrator can hand it to its own roles.
 */
export function createTableSharing(
  scope: Construct,
  props: {
    readonly contract: DataProductContract;
    readonly grants: readonly AccessGrant[];
    readonly layout: TableLayout;
    readonly table: CfnTable;
    readonly bucket: IBucket;
    readonly key: IKey;
  },
): TableSharing | undefined {
  const withTable = props.grants.filter(grant => grant.table);
  if (withTable.length === 0) {
    return undefined;
  }
  const stack = Stack.of(scope);
  const { layout, bucket } = props;
  const prefix = layout.dataPrefix.replace(/\/$/, '');
  const locationRole = new ServiceRole(scope, 'LakeFormationLocationRole', {
    description: `Lake Formation reading ${prefix} of data product ${props.contract.domain}/${props.contract.name} for its consumers`,
    assumedBy: new ServicePrincipal(
      'lakeformation.amazonaws.com',
    ).withConditions({ StringEquals: { 'aws:SourceAccount': stack.account } }),
  });
  locationRole.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${prefix}/*`)],
    }),
  );
  locationRole.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}/*`, prefix] } },
    }),
  );
  locationRole.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [props.key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
      },
    }),
  );
  Validations.of(locationRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagResource(locationRole, bucket.bucketArn)}/${prefix}/*]`,
    reason:
      "Lake Formation reads the table's objects, whose names Firehose chooses; the wildcard is confined to this product's own data prefix.",
  });

  const location = new CfnLakeFormationResource(
    scope,
    'LakeFormationLocation',
    {
      resourceArn: `${bucket.bucketArn}/${prefix}`,
      roleArn: locationRole.roleArn,
      useServiceLinkedRole: false,
      hybridAccessEnabled: true,
    },
  );
  location.node.addDependency(locationRole.permissions);

  const excludedWithoutPii = piiColumnsOf(props.contract, layout);
  const grants = withTable.map(grant => {
    const principal = {
      dataLakePrincipalIdentifier: grant.role
        ? stack.formatArn({
            service: 'iam',
            region: '',
            account: grant.account,
            resource: 'role',
            resourceName: grant.role,
          })
        : grant.account,
    };
    const delegable = (granted: string[]) => (grant.role ? [] : granted);
    const excludedColumns =
      grant.table === 'with-pii' ? [] : excludedWithoutPii;
    const table = {
      catalogId: stack.account,
      databaseName: layout.database,
      name: layout.table,
    };
    // One grant per reader (account, or role of it) reads the table.
    const id = `${grant.account}${grant.role ?? ''}`;
    const grantOf = (
      name: string,
      resource: CfnPrincipalPermissions.ResourceProperty,
      granted: string[],
    ) =>
      new CfnPrincipalPermissions(scope, `${name}${id}`, {
        catalog: stack.account,
        principal,
        resource,
        permissions: granted,
        permissionsWithGrantOption: delegable(granted),
      });
    const database = grantOf(
      'DatabaseGrant',
      { database: { catalogId: stack.account, name: layout.database } },
      ['DESCRIBE'],
    );
    // Every column: one table permission. Without some: SELECT on the
    // other columns, DESCRIBE on the table (which names every column).
    const permissions =
      excludedColumns.length === 0
        ? [database, grantOf('TableGrant', { table }, ['SELECT', 'DESCRIBE'])]
        : [
            database,
            grantOf('TableGrant', { table }, ['DESCRIBE']),
            grantOf(
              'ColumnsGrant',
              {
                tableWithColumns: {
                  ...table,
                  columnWildcard: { excludedColumnNames: excludedColumns },
                },
              },
              ['SELECT'],
            ),
          ];
    for (const permission of permissions) {
      permission.node.addDependency(props.table, location);
    }
    // Hybrid access mode applies Lake Formation only to opted-in principals.
    const optInCommand = new CfnOutput(scope, `LakeFormationOptIn${id}`, {
      description:
        `Run once as a Lake Formation data lake administrator: lets ${grant.consumer} (account ${grant.account}) read ${layout.database}.${layout.table} through its grant`.slice(
          0,
          1024,
        ),
      value: [
        'aws lakeformation create-lake-formation-opt-in',
        `--principal DataLakePrincipalIdentifier=${principal.dataLakePrincipalIdentifier}`,
        `--resource '${JSON.stringify({ Table: { CatalogId: '__ACCOUNT__', DatabaseName: layout.database, Name: layout.table } })}'`,
      ]
        .join(' ')
        .replace('__ACCOUNT__', stack.account),
    });
    return { grant, permissions, excludedColumns, optInCommand };
  });
  return { location, locationRole, grants };
}
