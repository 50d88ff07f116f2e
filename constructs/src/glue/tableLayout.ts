import {
  DERIVED_PARTITION_KEYS,
  resolveStorage,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import {
  ENVELOPE_COLUMNS,
  PartitionPlan,
  StructFieldPlan,
} from '../runtime/enrich/config';
import { mapSchemaToGlue, toColumnName } from './glueTypeMapping';

/** A Glue column. */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

/** Everything about a product's table that follows from its contract. */
export interface TableLayout {
  readonly database: string;
  readonly table: string;
  /** Data columns in order: envelope, detail fields, reference attributes. */
  readonly columns: readonly GlueColumn[];
  readonly partitionKeys: readonly GlueColumn[];
  /** How the handler fills the detail columns. */
  readonly fieldColumns: readonly StructFieldPlan[];
  readonly partitions: readonly PartitionPlan[];
  /** Partition projection settings by partition column (`type`, `range`, ...). */
  readonly projection: Readonly<
    Record<string, Readonly<Record<string, string>>>
  >;
  /** The S3 key prefix of the table's data, ending in `/`. */
  readonly dataPrefix: string;
  /** Field paths whose values are hashed. */
  readonly hashedFields: readonly string[];
}

const ENVELOPE_TYPES: Record<(typeof ENVELOPE_COLUMNS)[number], string> = {
  event_id: 'string',
  event_source: 'string',
  event_type: 'string',
  event_time: 'timestamp',
  schema_version: 'int',
  ingested_at: 'timestamp',
};

/**
 * Derives a product's table from its contract: one column per top-level
 * detail field across all its events, plus envelope and reference columns,
 * partitioned as the contract says, with partition projection so that no
 * crawler is needed.
 *
 * @throws Error when the events disagree on a field's type, or a field
 *   collides with a column the platform adds.
 */
export function planTableLayout(
  loaded: LoadedDataProductContract,
  options: { readonly hashPii: boolean },
): TableLayout {
  const { contract, file } = loaded;
  const storage = resolveStorage(contract);
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const hashedFields = options.hashPii
    ? [...new Set(contract.events.flatMap(event => event.piiFields))]
    : [];
  const hashed = new Set(hashedFields);
  const derivedKeys: readonly string[] = DERIVED_PARTITION_KEYS;
  const reserved = new Map<string, string>([
    ...ENVELOPE_COLUMNS.map(name => [name, 'an envelope column'] as const),
    ...derivedKeys.map(name => [name, 'a derived partition key'] as const),
  ]);

  const detailColumns = new Map<
    string,
    GlueColumn & { plan: StructFieldPlan; detailType: string }
  >();
  for (const event of contract.events) {
    const schema = loaded.detailSchemas[event.detailType];
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const column = toColumnName(name);
      if (reserved.has(column)) {
        fail(
          `field "${name}" of ${event.detailType} would become column "${column}", which is ${reserved.get(column)}; rename the field`,
        );
      }
      const mapped = mapSchemaToGlue(property, name, hashed);
      const existing = detailColumns.get(column);
      if (existing && existing.type !== mapped.glueType) {
        fail(
          `column "${column}" is ${existing.type} in ${existing.detailType} but ${mapped.glueType} in ${event.detailType}; the events of a product share one table, so a field needs one type`,
        );
      }
      if (!existing) {
        detailColumns.set(column, {
          name: column,
          type: mapped.glueType,
          comment: property.description?.slice(0, 255),
          detailType: event.detailType,
          plan: { from: name, to: column, plan: mapped.plan },
        });
      }
    }
  }

  const partitions: PartitionPlan[] = [];
  const partitionKeys: GlueColumn[] = [];
  const projection: Record<string, Record<string, string>> = {};
  for (const key of storage.partitionKeys) {
    if (derivedKeys.includes(key)) {
      partitions.push({
        column: key,
        derived: key as 'event_date' | 'event_hour',
      });
      partitionKeys.push({
        name: key,
        type: 'string',
        comment: `${key === 'event_date' ? 'UTC date (yyyy-MM-dd)' : 'UTC hour (00-23)'} of the event time`,
      });
      projection[key] =
        key === 'event_date'
          ? {
              type: 'date',
              format: 'yyyy-MM-dd',
              // One day ahead absorbs publishers' clock skew.
              range: `NOW-${contract.retention.days}DAYS,NOW+1DAYS`,
              interval: '1',
              'interval.unit': 'DAYS',
            }
          : { type: 'integer', range: '0,23', digits: '2' };
      continue;
    }
    const column = detailColumns.get(key);
    if (!column) {
      return fail(`partition key "${key}" is not a detail field`);
    }
    for (const event of contract.events) {
      const schema = loaded.detailSchemas[event.detailType];
      if (!schema.required?.includes(column.plan.from)) {
        fail(
          `partition key "${key}" must be a required field of ${event.detailType}, or some records would have no partition`,
        );
      }
    }
    detailColumns.delete(key);
    const values =
      loaded.detailSchemas[column.detailType].properties?.[column.plan.from]
        ?.enum;
    partitions.push({ column: key, field: column.plan.from });
    partitionKeys.push({ name: key, type: 'string', comment: column.comment });
    // Known values can be projected; other values must be named in queries.
    projection[key] = Array.isArray(values)
      ? { type: 'enum', values: values.map(String).join(',') }
      : { type: 'injected' };
  }

  const attributeColumns: GlueColumn[] = (
    contract.enrichment?.attributes ?? []
  ).map(name => {
    if (detailColumns.has(name) || reserved.has(name)) {
      fail(
        `enrichment attribute "${name}" collides with a column of the same name; reference attributes need their own column names`,
      );
    }
    return {
      name,
      type: 'string',
      comment: `from reference table ${contract.enrichment?.referenceTable}`,
    };
  });

  return {
    database: storage.database,
    table: storage.table,
    columns: [
      ...ENVELOPE_COLUMNS.map(name => ({ name, type: ENVELOPE_TYPES[name] })),
      ...[...detailColumns.values()].map(({ name, type, comment }) => ({
        name,
        type,
        comment,
      })),
      ...attributeColumns,
    ],
    partitionKeys,
    fieldColumns: [...detailColumns.values()].map(column => column.plan),
    partitions,
    projection,
    dataPrefix: `data/${storage.table}/`,
    hashedFields,
  };
}

/** The Hive-style key suffix of a record: `event_date=.../decision=.../`. */
export function partitionPathTemplate(
  layout: TableLayout,
  valueOf: (column: string) => string,
): string {
  return layout.partitionKeys
    .map(key => `${key.name}=${valueOf(key.name)}/`)
    .join('');
}
