import { eventDateSince, qualifiedTableName } from '../athena/athenaSql';
import {
  defaultDatabaseFor,
  defaultSourceFor,
  defaultTableFor,
  defaultWorkgroupFor,
  registryNameFor,
  schemaNameFor,
} from '../naming';
import { DataProductContract, DataProductEvent } from './model';

/**
 * Where a product's data lands and is queried, with defaults filled in.
 *
 * @public
 */
export interface ResolvedStorage {
  readonly database: string;
  readonly table: string;
  readonly workgroup: string;
  readonly partitionKeys: readonly string[];
}

/**
 * An event with its effective source and registry names.
 *
 * @public
 */
export interface ResolvedEvent extends DataProductEvent {
  readonly source: string;
  readonly registryName: string;
  readonly schemaName: string;
}

/**
 * The storage settings of a contract, defaults applied (see docs/data-contract.md).
 *
 * @public
 */
export function resolveStorage(contract: DataProductContract): ResolvedStorage {
  return {
    database: contract.storage.database ?? defaultDatabaseFor(contract.domain),
    table: contract.storage.table ?? defaultTableFor(contract.name),
    workgroup:
      contract.storage.workgroup ?? defaultWorkgroupFor(contract.domain),
    partitionKeys: contract.storage.partitionKeys,
  };
}

/**
 * The events of a contract, each with its effective source and schema name.
 *
 * @public
 */
export function resolveEvents(contract: DataProductContract): ResolvedEvent[] {
  return contract.events.map(event => {
    const source = event.source ?? defaultSourceFor(contract.domain);
    return {
      ...event,
      source,
      registryName: registryNameFor(contract.domain),
      schemaName: schemaNameFor(source, event.detailType),
    };
  });
}

/**
 * A ready-to-run Athena query over the product's latest partition.
 *
 * @public
 */
export function sampleAthenaQuery(contract: DataProductContract): string {
  return sampleAthenaQueryFor(resolveStorage(contract));
}

/**
 * A ready-to-run Athena query over a table: the last day's partitions when
 * the table is partitioned by `event_date` (so it scans one day, not years).
 * @public
 */
export function sampleAthenaQueryFor(storage: {
  readonly database: string;
  readonly table: string;
  readonly partitionKeys: readonly string[];
}): string {
  const dateFilter = storage.partitionKeys.includes('event_date')
    ? `\nWHERE ${eventDateSince(1)}`
    : '';
  return `SELECT *\nFROM ${qualifiedTableName(storage.database, storage.table)}${dateFilter}\nLIMIT 100;`;
}
