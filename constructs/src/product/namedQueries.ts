import { CfnNamedQuery } from 'aws-cdk-lib/aws-athena';
import { Construct } from 'constructs';
import {
  blockComment,
  eventDateSince,
  qualifiedTableName,
  quoteIdentifier,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { TableLayout } from '../glue/tableLayout';
import { fieldStorage } from './fieldStorage';
import { measureQualityRule } from './qualityMeasures';

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
  loaded: LoadedDataProductContract,
  layout: TableLayout,
): ProductQuery[] {
  const { contract } = loaded;
  const table = qualifiedTableName(layout.database, layout.table);
  const byDate = layout.partitionKeys.some(key => key.name === 'event_date');
  const since = (days: number) =>
    byDate
      ? eventDateSince(days)
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
      sql: regulatoryReport(loaded, layout, table, since(30)),
    },
  ];
}

/**
 * One row per day: volume, duplicates, and the records breaking each
 * quality rule the table can check, in a column named after the rule with
 * its severity in a comment before it. Rules the table cannot check are
 * listed, with the reason, in comments at the top.
 */
function regulatoryReport(
  loaded: LoadedDataProductContract,
  layout: TableLayout,
  table: string,
  where: string,
): string {
  const { contract } = loaded;
  const measures = contract.quality.map(rule =>
    measureQualityRule(
      rule,
      fieldStorage(loaded, layout.hashedFields, rule.field),
    ),
  );
  const notes = [
    `${contract.name} ${contract.version}, owner ${contract.owner}: records breaking each quality rule per day`,
    ...measures.flatMap(measure =>
      'notMeasured' in measure
        ? [
            `not measured: ${measure.rule.name} (${measure.rule.type} on ${measure.rule.field}): ${measure.notMeasured}`,
          ]
        : [],
    ),
  ];
  const columns = [
    'date(event_time) AS day',
    'count(*) AS records',
    'count(*) - count(DISTINCT event_id) AS duplicate_records',
    ...measures.flatMap(measure =>
      'sql' in measure
        ? [
            `${blockComment(measure.rule.severity)} ${measure.sql} AS ${quoteIdentifier(measure.rule.name)}`,
          ]
        : [],
    ),
  ];
  return [
    ...notes.map(blockComment),
    `SELECT ${columns.join(',\n  ')}`,
    `FROM ${table}`,
    `WHERE ${where}`,
    'GROUP BY 1',
    'ORDER BY 1 DESC;',
  ].join('\n');
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
