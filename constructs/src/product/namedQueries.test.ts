import { DataProductContractInput } from '@financial-data-mesh/plugin-data-mesh-common';
import { planTableLayout } from '../glue/tableLayout';
import { inMemoryContract } from '../testing/inMemoryContract';
import { trinoSyntaxErrors } from '../testing/trinoSql';
import { productQueries } from './namedQueries';

/** An event whose fields are named to trip up SQL: reserved words, camelCase, kebab-case, structs, arrays of structs and of scalars. */
const ORDER_PLACED_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['order', 'group'],
  properties: {
    order: { type: 'string' },
    group: { type: 'string', enum: ['A', 'B'] },
    select: { type: 'integer' },
    customerId: { type: 'string' },
    'settlement-ref': { type: 'string' },
    confirmed: { type: 'boolean' },
    merchant: {
      type: 'object',
      properties: {
        countryCode: { type: 'string' },
        legalName: { type: 'string' },
      },
    },
    address: {
      type: 'object',
      properties: { city: { type: 'string' } },
    },
    legs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          amount: { type: 'number' },
          currency: { type: 'string' },
          fees: {
            type: 'array',
            items: {
              type: 'object',
              properties: { amount: { type: 'number' } },
            },
          },
        },
      },
    },
    tags: { type: 'array', items: { type: 'string' } },
    // No `type: object`: the table stores it as JSON text.
    payload: { properties: { kind: { type: 'string' } } },
  },
};

/** One rule of every type and bound, on every kind of field, in both severities. */
const RULES: DataProductContractInput['quality'] = [
  { name: 'order-present', type: 'not_null', field: 'order' },
  { name: 'group-unique', type: 'unique', field: 'group', severity: 'warn' },
  { name: 'select-small', type: 'range', field: 'select', max: 10 },
  {
    name: 'select-listed',
    type: 'accepted_values',
    field: 'select',
    values: [1, 2.5, -3],
  },
  {
    name: 'confirmed-only',
    type: 'accepted_values',
    field: 'confirmed',
    values: [true],
  },
  {
    name: 'merchant-name-known',
    type: 'accepted_values',
    field: 'merchant.legalName',
    values: ["O'Brien & Sons", 'say "hi"', 'a */ b -- c'],
    severity: 'warn',
  },
  {
    name: 'merchant-country-format',
    type: 'pattern',
    field: 'merchant.countryCode',
    pattern: "^[A-Z]{2}$|^'\\d+\\\\$",
  },
  { name: 'settlement-ref-unique', type: 'unique', field: 'settlement-ref' },
  {
    name: 'leg-amount-positive',
    type: 'range',
    field: 'legs[].amount',
    min: 0,
  },
  {
    name: 'leg-currency-present',
    type: 'not_null',
    field: 'legs[].currency',
    severity: 'warn',
  },
  {
    name: 'leg-fee-bounded',
    type: 'range',
    field: 'legs[].fees[].amount',
    min: -0.5,
    max: 1e21,
  },
  { name: 'tag-format', type: 'pattern', field: 'tags[]', pattern: '^[a-z]+$' },
  { name: 'leg-amount-unique', type: 'unique', field: 'legs[].amount' },
  { name: 'customer-present', type: 'not_null', field: 'customerId' },
  { name: 'customer-unique', type: 'unique', field: 'customerId' },
  {
    name: 'customer-format',
    type: 'pattern',
    field: 'customerId',
    pattern: '^C',
  },
  {
    name: 'city-known',
    type: 'accepted_values',
    field: 'address.city',
    values: ['Paris'],
  },
  { name: 'payload-kind-present', type: 'not_null', field: 'payload.kind' },
];

const contractWith = (
  overrides: Partial<DataProductContractInput> = {},
): DataProductContractInput => ({
  apiVersion: 'datamesh.fintech/v1',
  kind: 'DataProduct',
  name: 'order-flow',
  domain: 'sales',
  version: '1.0.0-rc.1',
  owner: 'group:sales-data',
  description: 'Orders with awkward field names, for the SQL tests.',
  classification: 'confidential',
  retention: { days: 30 },
  sla: { freshnessMinutes: 15, latencyP95Ms: 500 },
  events: [
    {
      detailType: 'OrderPlaced',
      schema: 'order-placed.json',
      version: 1,
      piiFields: ['customerId', 'address'],
    },
  ],
  quality: RULES,
  ...overrides,
});

const queriesOf = (contract: DataProductContractInput) => {
  const loaded = inMemoryContract(contract, {
    'order-placed.json': ORDER_PLACED_SCHEMA,
  });
  return productQueries(loaded, planTableLayout(loaded, { hashPii: true }));
};

describe('productQueries', () => {
  it.each([
    ['partitioned by event_date', {}],
    [
      'partitioned by the hour and a reserved-word field',
      { storage: { partitionKeys: ['event_hour', 'group'] } },
    ],
    ['without quality rules', { quality: [] }],
  ])('writes valid Athena SQL for a product %s', (_title, overrides) => {
    for (const query of queriesOf(contractWith(overrides))) {
      expect({
        name: query.name,
        errors: trinoSyntaxErrors(query.sql),
      }).toEqual({ name: query.name, errors: [] });
    }
  });

  it('writes the regulatory report: one quoted column per measured rule, severities and skipped rules in comments', () => {
    const report = queriesOf(contractWith())[2];
    expect(report.name).toBe('order-flow-regulatory-report');
    expect(report.sql).toBe(
      [
        '/* order-flow 1.0.0-rc.1, owner group:sales-data: records breaking each quality rule per day */',
        '/* not measured: leg-amount-unique (unique on legs[].amount): duplicates among array elements need UNNEST, which this one-row-per-day report does not do */',
        '/* not measured: customer-format (pattern on customerId): its values are hashed (PII), and only not_null and unique survive hashing */',
        '/* not measured: city-known (accepted_values on address.city): it lies inside address, which is hashed (PII) as a whole */',
        '/* not measured: payload-kind-present (not_null on payload.kind): payload is stored as string, not as a struct, so SQL cannot reach into it */',
        'SELECT date(event_time) AS day,',
        '  count(*) AS records,',
        '  count(*) - count(DISTINCT event_id) AS duplicate_records,',
        '  /* error */ count(DISTINCT CASE WHEN "order" IS NULL THEN event_id END) AS "order-present",',
        '  /* warn */ count(DISTINCT CASE WHEN "group" IS NOT NULL THEN event_id END) - count(DISTINCT "group") AS "group-unique",',
        '  /* error */ count(DISTINCT CASE WHEN "select" > 10 THEN event_id END) AS "select-small",',
        '  /* error */ count(DISTINCT CASE WHEN "select" NOT IN (1, 2.5, -3) THEN event_id END) AS "select-listed",',
        '  /* error */ count(DISTINCT CASE WHEN "confirmed" NOT IN (TRUE) THEN event_id END) AS "confirmed-only",',
        `  /* warn */ count(DISTINCT CASE WHEN "merchant"."legal_name" NOT IN ('O''Brien & Sons', 'say "hi"', 'a */ b -- c') THEN event_id END) AS "merchant-name-known",`,
        `  /* error */ count(DISTINCT CASE WHEN NOT regexp_like("merchant"."country_code", '^[A-Z]{2}$|^''\\d+\\\\$') THEN event_id END) AS "merchant-country-format",`,
        '  /* error */ count(DISTINCT CASE WHEN "settlement_ref" IS NOT NULL THEN event_id END) - count(DISTINCT "settlement_ref") AS "settlement-ref-unique",',
        '  /* error */ count(DISTINCT CASE WHEN cardinality(filter("legs", element1 -> element1."amount" < 0)) > 0 THEN event_id END) AS "leg-amount-positive",',
        '  /* warn */ count(DISTINCT CASE WHEN cardinality(filter("legs", element1 -> element1."currency" IS NULL)) > 0 THEN event_id END) AS "leg-currency-present",',
        '  /* error */ count(DISTINCT CASE WHEN cardinality(filter("legs", element1 -> cardinality(filter(element1."fees", element2 -> element2."amount" < -0.5 OR element2."amount" > 1e+21)) > 0)) > 0 THEN event_id END) AS "leg-fee-bounded",',
        `  /* error */ count(DISTINCT CASE WHEN cardinality(filter("tags", element1 -> NOT regexp_like(element1, '^[a-z]+$'))) > 0 THEN event_id END) AS "tag-format",`,
        '  /* error */ count(DISTINCT CASE WHEN "customer_id" IS NULL THEN event_id END) AS "customer-present",',
        '  /* error */ count(DISTINCT CASE WHEN "customer_id" IS NOT NULL THEN event_id END) - count(DISTINCT "customer_id") AS "customer-unique"',
        'FROM "sales"."order_flow"',
        "WHERE event_date >= date_format(current_date - interval '30' day, '%Y-%m-%d')",
        'GROUP BY 1',
        'ORDER BY 1 DESC;',
      ].join('\n'),
    );
  });
});
