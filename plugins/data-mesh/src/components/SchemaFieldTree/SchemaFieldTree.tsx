import { Table, TableColumn } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import { SchemaField } from '@financial-data-mesh/plugin-data-mesh-common';

interface FieldRow extends SchemaField {
  readonly id: string;
  readonly pii: boolean;
}

/**
 * An event schema as a readable tree of fields: nesting by indentation,
 * types and formats, required-ness, PII markers and descriptions.
 */
export function SchemaFieldTree(props: {
  fields: readonly SchemaField[];
  piiFields: readonly string[];
}) {
  const pii = new Set(props.piiFields);
  const rows: FieldRow[] = props.fields.map(field => ({
    ...field,
    id: field.path,
    pii: pii.has(field.path),
  }));
  const columns: TableColumn<FieldRow>[] = [
    {
      title: 'Field',
      field: 'path',
      render: row => (
        <Box display="flex" alignItems="center" pl={row.depth * 2}>
          <Typography variant="body2" component="code">
            {row.name}
          </Typography>
          {row.pii && (
            <Box ml={1}>
              <Chip
                size="small"
                label="PII"
                color="secondary"
                aria-label={`${row.path} holds personal data`}
              />
            </Box>
          )}
        </Box>
      ),
    },
    {
      title: 'Type',
      render: row =>
        `${row.types.join(' | ') || 'any'}${row.format ? ` (${row.format})` : ''}`,
    },
    {
      title: 'Required',
      field: 'required',
      render: row => (row.required ? 'yes' : 'no'),
    },
    {
      title: 'Description',
      render: row => (
        <>
          {row.description}
          {row.enum && (
            <Typography variant="caption" display="block">
              one of: {row.enum.map(value => JSON.stringify(value)).join(', ')}
            </Typography>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<FieldRow>
      columns={columns}
      data={rows}
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      localization={{
        body: { emptyDataSourceMessage: 'This schema declares no fields.' },
      }}
    />
  );
}
