import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Chip, Typography } from '@material-ui/core';
import {
  ModeCheckSummary,
  VersionPairVerdict,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, EventRef } from '../../api/DataMeshApi';
import { VERDICT } from '../SchemaDiffView';

/**
 * An event's history under its product's compatibility mode: the verdict
 * of each consecutive pair of versions, and whether the latest version
 * honours the mode and its transitive form.
 */
export function SchemaEvolutionView(props: { eventRef: EventRef }) {
  const { eventRef } = props;
  const api = useApi(dataMeshApiRef);
  const evolution = useAsync(
    () => api.getEvolution(eventRef),
    [api, eventRef.registry, eventRef.schemaName, eventRef.sourceId],
  );
  if (evolution.loading) {
    return <Progress />;
  }
  if (evolution.error) {
    return <ResponseErrorPanel error={evolution.error} />;
  }
  const { mode, modeDeclared, pairs, latest, problems } = evolution.value!;
  const columns: TableColumn<VersionPairVerdict>[] = [
    { title: 'Versions', render: p => `v${p.from} → v${p.to}` },
    {
      title: 'Verdict',
      render: p => (
        <Chip
          size="small"
          label={VERDICT[p.compatibility].label}
          style={{ color: 'white', background: VERDICT[p.compatibility].color }}
        />
      ),
    },
    { title: 'Changes', field: 'changeCount' },
  ];
  return (
    <>
      <Typography paragraph>
        Compatibility mode: <strong>{mode}</strong>{' '}
        {modeDeclared
          ? '(from the data product contract)'
          : '(the default: the schema carries no contract mode)'}
      </Typography>
      {problems.map(problem => (
        <Alert severity="warning" key={problem}>
          {problem}
        </Alert>
      ))}
      <ModeCheckLine version={latest.version} check={latest.mode} />
      {latest.transitive && latest.transitive.mode !== latest.mode.mode && (
        <ModeCheckLine version={latest.version} check={latest.transitive} />
      )}
      <Box mt={2}>
        <Table<VersionPairVerdict>
          title="Each version against the one before"
          columns={columns}
          data={[...pairs]}
          options={{ paging: false, search: false, padding: 'dense' }}
          localization={{
            body: { emptyDataSourceMessage: 'Only one version exists.' },
          }}
        />
      </Box>
    </>
  );
}

function ModeCheckLine(props: { version: string; check: ModeCheckSummary }) {
  const { version, check } = props;
  if (check.honoured) {
    return (
      <Alert severity="success">
        v{version} honours {check.mode}
        {check.checkedAgainst.length > 0
          ? ` (checked against ${check.checkedAgainst.map(v => `v${v}`).join(', ')})`
          : ' (no earlier version)'}
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      v{version} breaks {check.mode}:{' '}
      {check.violations
        .map(
          v =>
            `${
              v.direction === 'backward'
                ? `it cannot read data written with v${v.againstVersion}`
                : `readers of v${v.againstVersion} cannot read its data`
            } (${v.changeCount} change(s)${
              v.verdict === 'not-analysed'
                ? ', not analysed: judge by hand'
                : ''
            })`,
        )
        .join('; ')}
    </Alert>
  );
}
