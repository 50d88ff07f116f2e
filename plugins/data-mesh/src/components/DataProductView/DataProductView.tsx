import {
  CodeSnippet,
  InfoCard,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { DataProductDetails } from '@financial-data-mesh/plugin-data-mesh-common';
import { ClassificationChip } from '../ClassificationChip';
import { EventSchemaPanel } from '../EventSchemaPanel';
import { DataProductConsumers } from '../DataProductConsumers';

/** Everything about one data product: metadata, Athena access, events. */
export function DataProductView(props: { product: DataProductDetails }) {
  const { product } = props;
  const metadata: Record<string, unknown> = {
    domain: product.domain,
    owner: product.owner ? (
      <EntityRefLink entityRef={product.owner} defaultKind="group">
        {product.owner}
      </EntityRefLink>
    ) : (
      '–'
    ),
    classification: (
      <ClassificationChip classification={product.classification} />
    ),
    'contract version': product.contractVersion ?? '–',
    // Schemas tagged before modes existed carry none: checked as BACKWARD.
    'compatibility mode': product.compatibility ?? 'not tagged (BACKWARD)',
    retention: product.retentionDays
      ? `${product.retentionDays} days`
      : 'unknown',
    'freshness SLA': product.freshnessMinutes
      ? `${product.freshnessMinutes} minutes`
      : 'unknown',
    'catalog entity': (
      <EntityRefLink
        entityRef={{
          kind: 'system',
          namespace: 'default',
          name: `${product.domain}-${product.name}`,
        }}
      >
        system:{product.domain}-{product.name}
      </EntityRefLink>
    ),
    ...product.userTags,
  };
  return (
    <Grid container spacing={3}>
      {product.problems.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="warning">
            Some of this product could not be read:
            <ul>
              {product.problems.map(problem => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="About">
          <StructuredMetadataTable metadata={metadata} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Query in Athena">
          {product.athena ? (
            <>
              <StructuredMetadataTable
                metadata={{
                  database: product.athena.database,
                  table: product.athena.table,
                  workgroup: product.athena.workgroup ?? 'primary',
                  'partitioned by':
                    product.athena.partitionKeys.join(', ') || 'nothing',
                }}
              />
              <Box mt={2}>
                <CodeSnippet
                  language="sql"
                  text={product.athena.sampleQuery}
                  showCopyCodeButton
                />
              </Box>
            </>
          ) : (
            <Typography>
              The registry tags do not say where this product lands in Athena.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <DataProductConsumers product={product} />
      </Grid>
      {product.events.map(event => (
        <Grid
          item
          xs={12}
          key={`${event.location.sourceId}/${event.schemaName}`}
        >
          <EventSchemaPanel event={event} />
        </Grid>
      ))}
    </Grid>
  );
}
