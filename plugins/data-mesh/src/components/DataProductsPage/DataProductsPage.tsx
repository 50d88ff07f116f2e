import { useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Link,
  Page,
  ResponseErrorPanel,
  Select,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, Chip } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import {
  Classification,
  DataProductSummary,
} from '@financial-data-mesh/plugin-data-mesh-common';
import useAsync from 'react-use/esm/useAsync';
import { dataMeshApiRef } from '../../api/DataMeshApi';
import { dataProductRouteRef } from '../../routes';
import { ClassificationChip } from '../ClassificationChip';

const ALL = 'all';
const PAGE_SIZE = 20;

interface Filters {
  domain: string;
  owner: string;
  classification: string;
}

/** Every data product, searched and filtered on the server, page by page. */
export function DataProductsPage() {
  const api = useApi(dataMeshApiRef);
  const productLink = useRouteRef(dataProductRouteRef);
  const [filters, setFilters] = useState<Filters>({
    domain: ALL,
    owner: ALL,
    classification: ALL,
  });
  const [error, setError] = useState<Error>();
  const facets = useAsync(() => api.getFacets(), [api]);

  const columns: TableColumn<DataProductSummary>[] = [
    {
      title: 'Data product',
      field: 'name',
      highlight: true,
      render: product => (
        <Link to={productLink({ domain: product.domain, name: product.name })}>
          {product.name}
        </Link>
      ),
    },
    { title: 'Domain', field: 'domain' },
    { title: 'Owner', field: 'owner', emptyValue: '–' },
    {
      title: 'Classification',
      field: 'classification',
      render: product => (
        <ClassificationChip classification={product.classification} />
      ),
    },
    {
      title: 'Events',
      field: 'detailTypes',
      render: product => (
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {product.detailTypes.map(detailType => (
            <Chip
              key={detailType}
              size="small"
              variant="outlined"
              label={detailType}
            />
          ))}
        </Box>
      ),
    },
    { title: 'Contract', field: 'contractVersion', emptyValue: '–' },
    {
      title: 'Health',
      field: 'degraded',
      render: product =>
        product.degraded ? (
          <Chip
            size="small"
            icon={<WarningIcon />}
            label="degraded"
            color="secondary"
          />
        ) : (
          'ok'
        ),
    },
  ];

  const options = (values: readonly string[] | undefined) => [
    { label: 'All', value: ALL },
    ...(values ?? []).map(value => ({ label: value, value })),
  ];

  const setFilter = (key: keyof Filters) => (value: unknown) =>
    setFilters(current => ({ ...current, [key]: String(value) }));

  return (
    <Page themeId="tool">
      <Header
        title="Data products"
        subtitle="Every data product and its events, from the EventBridge Schema Registry"
      />
      <Content>
        <ContentHeader title="">
          <SupportButton>
            Data products are grouped from the schema registry tags written by
            the data mesh constructs. Schemas without those tags are listed as
            unmanaged events.
          </SupportButton>
        </ContentHeader>
        {error && <ResponseErrorPanel error={error} />}
        <Box display="flex" style={{ gap: 16 }} mb={2}>
          <Select
            label="Domain"
            items={options(facets.value?.domains)}
            selected={filters.domain}
            onChange={setFilter('domain')}
          />
          <Select
            label="Owner"
            items={options(facets.value?.owners)}
            selected={filters.owner}
            onChange={setFilter('owner')}
          />
          <Select
            label="Classification"
            items={options(facets.value?.classifications)}
            selected={filters.classification}
            onChange={setFilter('classification')}
          />
        </Box>
        <Table<DataProductSummary>
          // Remount on filter change so the table fetches page 1 again.
          key={JSON.stringify(filters)}
          title="Data products"
          columns={columns}
          options={{
            pageSize: PAGE_SIZE,
            pageSizeOptions: [20, 50, 100],
            search: true,
            debounceInterval: 300,
            padding: 'dense',
          }}
          localization={{
            body: {
              emptyDataSourceMessage:
                'No data product matches. Clear the filters, or publish one with the data product template.',
            },
          }}
          data={async query => {
            try {
              const page = await api.listDataProducts({
                q: query.search || undefined,
                domain: valueOf(filters.domain),
                owner: valueOf(filters.owner),
                classification: valueOf(filters.classification) as
                  Classification | undefined,
                offset: query.page * query.pageSize,
                limit: query.pageSize,
              });
              setError(undefined);
              return {
                data: [...page.items],
                page: query.page,
                totalCount: page.totalCount,
              };
            } catch (e) {
              setError(e as Error);
              return { data: [], page: 0, totalCount: 0 };
            }
          }}
        />
      </Content>
    </Page>
  );
}

function valueOf(selected: string): string | undefined {
  return selected === ALL ? undefined : selected;
}
