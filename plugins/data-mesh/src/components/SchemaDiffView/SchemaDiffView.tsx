import { useState } from 'react';
import {
  Progress,
  ResponseErrorPanel,
  Select,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Chip, Typography } from '@material-ui/core';
import {
  SchemaDiffResult,
  SchemaVersionInfo,
} from '@financial-data-mesh/plugin-data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, EventRef } from '../../api/DataMeshApi';
import { VERDICT } from './verdicts';

/** One change as the API reports it (its kind is a rule name, as text). */
type ChangeRow = SchemaDiffResult['diff']['changes'][number];

/** Compare any two versions: the compatibility verdict and each change. */
export function SchemaDiffView(props: {
  eventRef: EventRef;
  versions: readonly SchemaVersionInfo[];
}) {
  const { eventRef, versions } = props;
  const api = useApi(dataMeshApiRef);
  const labels = versions.map(v => v.version);
  const [from, setFrom] = useState(labels[Math.max(labels.length - 2, 0)]);
  const [to, setTo] = useState(labels[labels.length - 1]);
  const diff = useAsync(
    () => api.diffVersions(eventRef, from, to),
    [api, eventRef.registry, eventRef.schemaName, eventRef.sourceId, from, to],
  );
  const items = labels.map(label => ({ label: `v${label}`, value: label }));

  if (labels.length < 2) {
    return (
      <Typography>
        Only one version exists, so there is nothing to compare yet.
      </Typography>
    );
  }
  const columns: TableColumn<ChangeRow>[] = [
    { title: 'Path', field: 'path', render: c => <code>{c.path}</code> },
    { title: 'Change', field: 'description' },
    {
      title: 'Backward',
      render: c => (c.backward ? 'yes' : 'no'),
    },
    { title: 'Forward', render: c => (c.forward ? 'yes' : 'no') },
  ];
  return (
    <>
      <Box display="flex" style={{ gap: 16 }} alignItems="flex-end">
        <Select
          label="From"
          items={items}
          selected={from}
          onChange={value => setFrom(String(value))}
        />
        <Select
          label="To"
          items={items}
          selected={to}
          onChange={value => setTo(String(value))}
        />
      </Box>
      {diff.loading && <Progress />}
      {diff.error && <ResponseErrorPanel error={diff.error} />}
      {diff.value && (
        <>
          <Box my={2}>
            <Chip
              label={VERDICT[diff.value.diff.compatibility].label}
              style={{
                color: 'white',
                background: VERDICT[diff.value.diff.compatibility].color,
              }}
            />
          </Box>
          <Table<ChangeRow>
            title={`v${from} → v${to}: ${diff.value.diff.changes.length} change(s)`}
            columns={columns}
            data={[...diff.value.diff.changes]}
            options={{ paging: false, search: false, padding: 'dense' }}
            localization={{
              body: {
                emptyDataSourceMessage: 'The two versions are identical.',
              },
            }}
          />
        </>
      )}
    </>
  );
}
