import {
  InfoCard,
  LinkButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import {
  ConsumerSummary,
  DataProductDetails,
  isoDay,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { accessTemplateRouteRef } from '../../routes';

/** The software template a consumer asks for access with. */
const ACCESS_TEMPLATE = {
  namespace: 'default',
  templateName: 'data-product-access',
};

/**
 * Where a consumer asks for access: the "Data product access" template's
 * page in the scaffolder, with the product filled in; undefined when the app
 * has not bound the template route (no scaffolder). The template proposes
 * the grant to the producer's repository.
 */
function useAccessRequestLink(product: {
  readonly domain: string;
  readonly name: string;
}): string | undefined {
  const templatePage = useRouteRef(accessTemplateRouteRef);
  if (!templatePage) {
    return undefined;
  }
  const formData = JSON.stringify({
    product: `${product.domain}/${product.name}`,
  });
  return `${templatePage(ACCESS_TEMPLATE)}?formData=${encodeURIComponent(formData)}`;
}

function describeEvents(consumer: ConsumerSummary): string {
  if (!consumer.events) {
    return 'none';
  }
  return consumer.detailTypes ? consumer.detailTypes.join(', ') : 'all';
}

/**
 * The grant's last day; one past it is still listed until the product's
 * next deploy removes it, so say so.
 */
function describeExpiry(expires: string | undefined): string {
  if (!expires) {
    return 'no end date';
  }
  return expires < isoDay(new Date())
    ? `${expires} (expired: removed at the next deploy)`
    : expires;
}

const TABLE_ACCESS: Record<NonNullable<ConsumerSummary['table']>, string> = {
  'without-pii': 'without PII columns',
  'with-pii': 'all columns, PII included',
};

const columns: TableColumn<ConsumerSummary>[] = [
  {
    title: 'Consumer',
    field: 'consumer',
    render: row => (
      <EntityRefLink entityRef={row.consumer}>{row.consumer}</EntityRefLink>
    ),
  },
  { title: 'Events', render: row => describeEvents(row) },
  {
    title: 'Table',
    render: row => (row.table ? TABLE_ACCESS[row.table] : 'none'),
  },
  { title: 'Until', render: row => describeExpiry(row.expires) },
];

/** Who consumes the product, from its contract, and how to ask for access. */
export function DataProductConsumers(props: { product: DataProductDetails }) {
  const { product } = props;
  const accessRequestLink = useAccessRequestLink(product);
  const requestAccess = accessRequestLink && (
    <LinkButton to={accessRequestLink} variant="contained" color="primary">
      Request access
    </LinkButton>
  );
  return (
    <InfoCard
      title="Consumers"
      subheader="Approved in the contract's access section, in force at the last deploy"
      action={requestAccess}
    >
      {product.consumers.length === 0 ? (
        <Typography>
          No approved consumers yet. A request proposes a grant to the producing
          team, who approve it by merging it into the contract.
        </Typography>
      ) : (
        <Table<ConsumerSummary>
          options={{ paging: false, search: false, toolbar: false }}
          columns={columns}
          data={[...product.consumers]}
        />
      )}
    </InfoCard>
  );
}
