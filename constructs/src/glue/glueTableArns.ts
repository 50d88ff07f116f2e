import { Stack } from 'aws-cdk-lib';
import { TableLayout } from './tableLayout';

/**
 * The ARNs a Glue read on one table must name: IAM checks the catalog, the
 * database and the table on every Glue call.
 */
export function glueTableArns(stack: Stack, layout: TableLayout): string[] {
  return [
    stack.formatArn({ service: 'glue', resource: 'catalog' }),
    stack.formatArn({
      service: 'glue',
      resource: 'database',
      resourceName: layout.database,
    }),
    stack.formatArn({
      service: 'glue',
      resource: 'table',
      resourceName: `${layout.database}/${layout.table}`,
    }),
  ];
}
