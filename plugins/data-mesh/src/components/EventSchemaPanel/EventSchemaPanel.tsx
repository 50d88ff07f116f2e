import { useState } from 'react';
import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Select,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Chip, Tab, Tabs, Typography } from '@material-ui/core';
import { EventSummary } from '@financial-data-mesh/plugin-data-mesh-common';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef, EventRef } from '../../api/DataMeshApi';
import { SchemaDiffView } from '../SchemaDiffView';
import { SchemaEvolutionView } from '../SchemaEvolutionView';
import { SchemaFieldTree } from '../SchemaFieldTree';

type View = 'fields' | 'raw' | 'diff' | 'history';

/** One event: its versions, and the chosen version as fields, raw JSON or diff, or its history under the product's mode. */
export function EventSchemaPanel(props: { event: EventSummary }) {
  const { event } = props;
  const api = useApi(dataMeshApiRef);
  const eventRef: EventRef = {
    registry: event.registry,
    schemaName: event.schemaName,
    sourceId: event.location.sourceId,
  };
  const details = useAsync(
    () => api.getEvent(eventRef),
    [api, event.registry, event.schemaName, event.location.sourceId],
  );
  const [version, setVersion] = useState(event.latestVersion);
  const [view, setView] = useState<View>('fields');
  const content = useAsync(
    () => api.getSchemaVersion(eventRef, version),
    [api, event.registry, event.schemaName, event.location.sourceId, version],
  );

  const title = (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <span>{event.detailType ?? event.schemaName}</span>
      <Chip size="small" variant="outlined" label={event.format} />
      {event.problems.length > 0 && (
        <Chip size="small" color="secondary" label="degraded" />
      )}
    </Box>
  );
  return (
    <InfoCard
      title={title}
      subheader={`${event.schemaName} in registry ${event.registry}${
        event.location.accountId
          ? ` (account ${event.location.accountId}, ${event.location.region})`
          : ''
      }`}
    >
      {event.description && (
        <Typography paragraph>{event.description}</Typography>
      )}
      {event.problems.map(problem => (
        <Alert severity="warning" key={problem}>
          {problem}
        </Alert>
      ))}
      {details.error && <ResponseErrorPanel error={details.error} />}
      <Box display="flex" alignItems="flex-end" style={{ gap: 16 }}>
        <Select
          label="Version"
          items={(details.value?.versions ?? [{ version }]).map(v => ({
            label: `v${v.version}${
              v.createdAt ? ` (${v.createdAt.slice(0, 10)})` : ''
            }`,
            value: v.version,
          }))}
          selected={version}
          onChange={value => setVersion(String(value))}
        />
        <Tabs
          value={view}
          onChange={(_e, value) => setView(value)}
          indicatorColor="primary"
          aria-label="schema view"
        >
          <Tab value="fields" label="Fields" />
          <Tab value="raw" label="Raw JSON" />
          <Tab value="diff" label="Compare versions" />
          <Tab value="history" label="History" />
        </Tabs>
      </Box>
      <Box mt={2}>
        {(view === 'fields' || view === 'raw') && content.loading && (
          <Progress />
        )}
        {(view === 'fields' || view === 'raw') && content.error && (
          <ResponseErrorPanel error={content.error} />
        )}
        {view === 'fields' && content.value && (
          <>
            {content.value.problems.map(problem => (
              <Alert severity="error" key={problem}>
                {problem}
              </Alert>
            ))}
            <SchemaFieldTree
              fields={content.value.fields}
              piiFields={event.piiFields}
            />
          </>
        )}
        {view === 'raw' && content.value && (
          <CodeSnippet
            language="json"
            text={prettyJson(content.value.content)}
            showCopyCodeButton
            showLineNumbers
          />
        )}
        {view === 'diff' && details.value && (
          <SchemaDiffView
            eventRef={eventRef}
            versions={details.value.versions}
          />
        )}
        {view === 'history' && <SchemaEvolutionView eventRef={eventRef} />}
      </Box>
    </InfoCard>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
