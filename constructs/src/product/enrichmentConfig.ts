import { draft04ToDraft07 } from '@financial-data-mesh/json-schema-draft04';
import {
  findSchemaField,
  JsonSchema,
  QualityRule,
  resolveEvents,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { TableLayout } from '../glue/tableLayout';
import {
  EnrichmentHandlerConfig,
  LatestStateConfig,
  QualityRuleConfig,
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
      resolveEvents(contract).map(event => {
        const detailSchema = loaded.detailSchemas[event.detailType];
        return [
          event.detailType,
          {
            source: event.source,
            version: event.version,
            // The resolved detail schema: `$ref`s already inlined by the common package.
            schema: draft04ToDraft07(detailSchema),
            qualityRules: ingestQualityRules(contract.quality, detailSchema),
          },
        ];
      }),
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

/**
 * The quality rules the handler checks on an event: those on a field of
 * its schema (a rule on another event's field would find every event of
 * this one missing it), except `unique`, which only the table report can
 * count across rows.
 */
function ingestQualityRules(
  rules: readonly QualityRule[],
  detailSchema: JsonSchema,
): QualityRuleConfig[] {
  return rules.flatMap((rule): QualityRuleConfig[] => {
    if (!findSchemaField(detailSchema, rule.field)) {
      return [];
    }
    const { name, field, severity } = rule;
    switch (rule.type) {
      case 'unique':
        return [];
      case 'not_null':
        return [{ name, field, severity, type: rule.type }];
      case 'range':
        return [
          {
            name,
            field,
            severity,
            type: rule.type,
            min: rule.min,
            max: rule.max,
          },
        ];
      case 'accepted_values':
        return [
          { name, field, severity, type: rule.type, values: rule.values },
        ];
      case 'pattern':
        return [
          { name, field, severity, type: rule.type, pattern: rule.pattern },
        ];
      default: {
        // A new rule type in the contract model fails to compile here until the handler checks it.
        const unchecked: never = rule;
        throw new Error(`unknown quality rule ${JSON.stringify(unchecked)}`);
      }
    }
  });
}
