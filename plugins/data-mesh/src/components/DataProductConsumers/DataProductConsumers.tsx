import {
  InfoCard,
  Link,
  LinkButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import {
  ConsumerSummary,
  DataProductDetails,
  isoDay,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { catalogPathOf } from '../catalogPath';

/**
 * Where a consumer asks for access: the scaffolder's "Data product access"
 * template at Backstage's default scaffolder path, with the product filled
 * in. The template proposes the grant to the producer's repository.
 */
export function accessRequestPath(product: {
  readonly domain: string;
  readonly name: string;
}): string {
  const formData = JSON.stringify({
    product: `${product.domain}/${product.name}`,
  });
  return `/create/templates/default/data-product-access?formData=${encodeURIComponent(formData)}`;
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
    render: row => <Link to={catalogPathOf(row.consumer)}>{row.consumer}</Link>,
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
  const requestAccess = (
    <LinkButton
      to={accessRequestPath(product)}
      variant="contained"
      color="primary"
    >
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
