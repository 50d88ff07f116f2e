import {
  DERIVED_PARTITION_KEYS,
  ENVELOPE_COLUMNS,
  resolveStorage,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { PartitionPlan, StructFieldPlan } from '../runtime/enrich/config';
import {
  FieldConflict,
  FieldMapping,
  fieldPaths,
  unionFieldMappings,
} from './columnUnion';
import { formatGlueType, parseGlueType } from './glueType';
import { mapSchemaToGlue, toColumnName } from './glueTypeMapping';

/**
 * A Glue column.
 *
 * @public
 */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

/**
 * Everything about a product's table that follows from its contract.
 *
 * @public
 */
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

/** A detail column while the layout is planned: the union of every event's declaration. */
interface DetailColumn {
  mapping: FieldMapping;
  readonly comment?: string;
  /** The event that declared the column first (its schema gives the partition enum). */
  readonly detailType: string;
  /** The event that first declared each path of the column, for conflict messages. */
  readonly declaredBy: Map<string, string>;
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
 * detail field across all its events (a struct declared with different
 * fields by two events becomes the union of both), plus envelope and
 * reference columns, partitioned as the contract says, with partition
 * projection so that no crawler is needed.
 *
 * @throws Error when the events disagree on a field's type (at any depth)
 *   or two property names become one column, or a field collides with a
 *   column the platform adds.
 * @public
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
  // Two properties of one object can become one struct field name (`fooBar`, `foo_bar`).
  const parseOrFail = (glueType: string, where: string) => {
    try {
      return parseGlueType(glueType);
    } catch (error) {
      return fail(
        `${where} cannot become a column: ${(error as Error).message}`,
      );
    }
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

  const detailColumns = new Map<string, DetailColumn>();
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
      const incoming: FieldMapping = {
        from: name,
        to: column,
        type: parseOrFail(
          mapped.glueType,
          `field "${name}" of ${event.detailType}`,
        ),
        plan: mapped.plan,
      };
      declareColumn(detailColumns, incoming, {
        detailType: event.detailType,
        comment: property.description?.slice(0, 255),
        fail,
      });
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
      if (!schema.required?.includes(column.mapping.from)) {
        fail(
          `partition key "${key}" must be a required field of ${event.detailType}, or some records would have no partition`,
        );
      }
    }
    detailColumns.delete(key);
    const values =
      loaded.detailSchemas[column.detailType].properties?.[column.mapping.from]
        ?.enum;
    partitions.push({ column: key, field: column.mapping.from });
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
      ...[...detailColumns.values()].map(({ mapping, comment }) => ({
        name: mapping.to,
        type: formatGlueType(mapping.type),
        comment,
      })),
      ...attributeColumns,
    ],
    partitionKeys,
    fieldColumns: [...detailColumns.values()].map(
      ({ mapping: { from, to, plan } }) => ({ from, to, plan }),
    ),
    partitions,
    projection,
    dataPrefix: `data/${storage.table}/`,
    hashedFields,
  };
}

/**
 * Adds one event's declaration of a column: the first declares it (and
 * gives its comment), later ones widen it to the union of both.
 */
function declareColumn(
  columns: Map<string, DetailColumn>,
  incoming: FieldMapping,
  declaration: {
    readonly detailType: string;
    readonly comment: string | undefined;
    readonly fail: (message: string) => never;
  },
): void {
  const { detailType, fail } = declaration;
  const existing = columns.get(incoming.to);
  if (!existing) {
    columns.set(incoming.to, {
      mapping: incoming,
      comment: declaration.comment,
      detailType,
      declaredBy: new Map(
        fieldPaths(incoming.type, incoming.to).map(path => [path, detailType]),
      ),
    });
    return;
  }
  try {
    existing.mapping = unionFieldMappings(existing.mapping, incoming);
  } catch (error) {
    if (!(error instanceof FieldConflict)) {
      throw error;
    }
    const where =
      error.path === incoming.to
        ? `column "${incoming.to}"`
        : `field "${error.path}" of column "${incoming.to}"`;
    const advice =
      error.kind === 'type'
        ? 'the events of a product share one table, so a field needs one type'
        : 'both would fill one column; the events of a product share one table, so give the field one name';
    fail(
      `${where} is ${error.existing} in ${existing.declaredBy.get(error.path) ?? existing.detailType} but ${error.incoming} in ${detailType}; ${advice}`,
    );
  }
  for (const path of fieldPaths(incoming.type, incoming.to)) {
    if (!existing.declaredBy.has(path)) {
      existing.declaredBy.set(path, detailType);
    }
  }
}

/**
 * The Hive-style key suffix of a record: `event_date=.../decision=.../`.
 *
 * @public
 */
export function partitionPathTemplate(
  layout: TableLayout,
  valueOf: (column: string) => string,
): string {
  return layout.partitionKeys
    .map(key => `${key.name}=${valueOf(key.name)}/`)
    .join('');
}
