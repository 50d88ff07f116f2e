import { CfnNamedQuery } from 'aws-cdk-lib/aws-athena';
import { Construct } from 'constructs';
import {
  DataProductContract,
  QualityRule,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { TableLayout } from '../glue/tableLayout';

/** A saved Athena query. */
export interface ProductQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

/**
 * The product's saved queries. Each filters on `event_date` first, so
 * partition projection prunes to the days asked for and a query scans
 * days, not the whole history.
 */
export function productQueries(
  contract: DataProductContract,
  layout: TableLayout,
): ProductQuery[] {
  const table = `"${layout.database}"."${layout.table}"`;
  const byDate = layout.partitionKeys.some(key => key.name === 'event_date');
  const since = (days: number) =>
    byDate
      ? `event_date >= date_format(current_date - interval '${days}' day, '%Y-%m-%d')`
      : `event_time >= current_timestamp - interval '${days}' day`;
  return [
    {
      name: `${contract.name}-latest-records`,
      description: `The 100 most recent records of ${contract.name}`,
      sql: `SELECT *\nFROM ${table}\nWHERE ${since(1)}\nORDER BY event_time DESC\nLIMIT 100;`,
    },
    {
      name: `${contract.name}-daily-aggregates`,
      description: `Records and distinct events per day and event type of ${contract.name}, last 30 days`,
      sql: `SELECT date(event_time) AS day, event_type,\n  count(*) AS records,\n  count(DISTINCT event_id) AS distinct_events,\n  max(ingested_at) AS last_ingested_at\nFROM ${table}\nWHERE ${since(30)}\nGROUP BY 1, 2\nORDER BY 1 DESC, 2;`,
    },
    {
      name: `${contract.name}-regulatory-report`,
      description: `Daily data-quality report of ${contract.name} against its contract (${contract.classification}, retention ${contract.retention.days} days), last 30 days`,
      sql: regulatoryReport(contract, layout, table, since(30)),
    },
  ];
}

/** One line per day: volume, duplicates, and violations of every quality rule the table can check. */
function regulatoryReport(
  contract: DataProductContract,
  layout: TableLayout,
  table: string,
  where: string,
): string {
  const hashed = new Set(layout.hashedFields);
  const measures = [
    'count(*) AS records',
    'count(*) - count(DISTINCT event_id) AS duplicate_records',
    ...contract.quality.flatMap(rule => {
      const measure = measureOf(rule, hashed);
      return measure
        ? [`${measure} AS "${rule.name}" -- ${rule.severity}`]
        : [];
    }),
  ];
  return `-- ${contract.name} ${contract.version}, owner ${contract.owner}\nSELECT date(event_time) AS day,\n  ${measures.join(',\n  ')}\nFROM ${table}\nWHERE ${where}\nGROUP BY 1\nORDER BY 1 DESC;`;
}

/**
 * The count of rows breaking a rule; undefined when the table cannot tell:
 * fields inside arrays (they need UNNEST) and hashed fields (only
 * `not_null` and `unique` survive hashing).
 */
function measureOf(
  rule: QualityRule,
  hashed: ReadonlySet<string>,
): string | undefined {
  if (rule.field.includes('[]')) {
    return undefined;
  }
  const column = rule.field;
  if (rule.type === 'unique') {
    return `count(${column}) - count(DISTINCT ${column})`;
  }
  if (rule.type === 'not_null') {
    return `count_if(${column} IS NULL)`;
  }
  if (hashed.has(rule.field)) {
    return undefined;
  }
  const violation = violationOf(rule);
  return violation ? `count_if(${violation})` : undefined;
}

/** The SQL condition that is true for a row breaking a value rule. */
function violationOf(rule: QualityRule): string | undefined {
  const column = rule.field;
  switch (rule.type) {
    case 'range': {
      const bounds = [
        rule.min !== undefined ? `${column} < ${rule.min}` : undefined,
        rule.max !== undefined ? `${column} > ${rule.max}` : undefined,
      ].filter(Boolean);
      return bounds.join(' OR ');
    }
    case 'accepted_values':
      return `${column} NOT IN (${rule.values
        .map(value =>
          typeof value === 'string'
            ? `'${value.replace(/'/g, "''")}'`
            : String(value),
        )
        .join(', ')})`;
    case 'pattern':
      return `NOT regexp_like(${column}, '${rule.pattern.replace(/'/g, "''")}')`;
    default:
      return undefined;
  }
}

/** Saves the product's queries in the domain workgroup. */
export function createNamedQueries(
  scope: Construct,
  props: {
    readonly queries: readonly ProductQuery[];
    readonly database: string;
    readonly workgroup: string;
  },
): CfnNamedQuery[] {
  return props.queries.map(
    (query, index) =>
      new CfnNamedQuery(scope, `Query${index}`, {
        name: query.name,
        description: query.description.slice(0, 1024),
        database: props.database,
        workGroup: props.workgroup,
        queryString: query.sql,
      }),
  );
}
