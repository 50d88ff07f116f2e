import { resolveEvents } from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { toAjvSchema } from '../contract/toAjvSchema';
import { TableLayout } from '../glue/tableLayout';
import {
  EnrichmentHandlerConfig,
  LatestStateConfig,
} from '../runtime/enrich/config';

/** EventBridge's own limit on an event: anything larger never reached the bus. */
export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

/** The handler's configuration for a product: its schemas and its table's columns. */
export function buildEnrichmentHandlerConfig(
  loaded: LoadedDataProductContract,
  layout: TableLayout,
  options: {
    readonly maxEventBytes?: number;
    /** From `planLatestState`, when the product keeps a latest-state table. */
    readonly latestState?: LatestStateConfig;
  } = {},
): EnrichmentHandlerConfig {
  const { contract } = loaded;
  return {
    domain: contract.domain,
    dataProduct: contract.name,
    events: Object.fromEntries(
      resolveEvents(contract).map(event => [
        event.detailType,
        {
          source: event.source,
          version: event.version,
          // The resolved detail schema: `$ref`s already inlined by the common package.
          schema: toAjvSchema(loaded.detailSchemas[event.detailType]),
        },
      ]),
    ),
    columns: layout.fieldColumns,
    partitions: layout.partitions,
    enrichment: contract.enrichment
      ? {
          keyField: contract.enrichment.keyField,
          attributes: contract.enrichment.attributes ?? [],
        }
      : undefined,
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    latestState: options.latestState,
  };
}
