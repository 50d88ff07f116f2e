/**
 * The enrichment handler's configuration: written by the DataProduct
 * construct into `config.json` beside the bundled handler, read once at
 * cold start. Schemas are too large for environment variables (4 KB in
 * total), so only small runtime settings travel there (see `environment.ts`).
 */

/**
 * How one value is converted on its way to its Glue column.
 *
 * @public
 */
export type ValuePlan =
  /** Copied as is: scalars, and structures whose every field is copied as is. */
  | { readonly kind: 'keep' }
  /** ISO 8601 date-time to epoch milliseconds (the SerDe's `millis` format). */
  | { readonly kind: 'timestamp' }
  /** Anything Glue cannot type (free-form objects, mixed types) as JSON text. */
  | { readonly kind: 'json' }
  /** A PII value replaced by its keyed hash (HMAC-SHA256, hex). */
  | { readonly kind: 'hash' }
  | {
      readonly kind: 'struct';
      readonly fields: readonly StructFieldPlan[];
    }
  | { readonly kind: 'array'; readonly items: ValuePlan };

/**
 * One field of a struct column and how its value is converted.
 *
 * @public
 */
export interface StructFieldPlan {
  /** The property name in the event. */
  readonly from: string;
  /** The Glue struct field / column name. */
  readonly to: string;
  readonly plan: ValuePlan;
}

/**
 * A partition value: derived from the event time, or a top-level detail field.
 *
 * @public
 */
export type PartitionPlan =
  | { readonly column: string; readonly derived: 'event_date' | 'event_hour' }
  | { readonly column: string; readonly field: string };

export interface EventTypeConfig {
  readonly source: string;
  /** The contract's schema version of this event (the `schema_version` column). */
  readonly version: number;
  /** The detail's JSON Schema, normalised for ajv (draft-07 keywords). */
  readonly schema: Record<string, unknown>;
  /**
   * The contract's quality rules checked on each event of this type: those
   * whose field the event's schema has. `unique` rules are not here: one
   * event cannot break them, only the table report can count them.
   * @defaultValue none
   */
  readonly qualityRules?: readonly QualityRuleConfig[];
}

/** A contract quality rule as the handler checks it on one event. */
export type QualityRuleConfig = {
  /** The rule's name in the contract, reported with every violation. */
  readonly name: string;
  /** Dotted path into the detail; `[]` checks every element (`legs[].amount`). */
  readonly field: string;
  /** `error`: the event is quarantined; `warn`: delivered and counted in `QualityWarnings`. */
  readonly severity: 'error' | 'warn';
} & (
  | { readonly type: 'not_null' }
  | { readonly type: 'range'; readonly min?: number; readonly max?: number }
  | {
      readonly type: 'accepted_values';
      readonly values: ReadonlyArray<string | number | boolean>;
    }
  /** A JavaScript regular expression, matched anywhere in the value (`RegExp.test`). */
  | { readonly type: 'pattern'; readonly pattern: string }
);

export interface EnrichmentHandlerConfig {
  readonly domain: string;
  readonly dataProduct: string;
  /** Accepted events by detail-type. */
  readonly events: Readonly<Record<string, EventTypeConfig>>;
  /** Detail fields to table columns, in column order. */
  readonly columns: readonly StructFieldPlan[];
  readonly partitions: readonly PartitionPlan[];
  readonly enrichment?: {
    /** Dotted path of the lookup key in the detail. */
    readonly keyField: string;
    /** Reference item attributes copied to same-named columns. */
    readonly attributes: readonly string[];
  };
  /** Events larger than this (bytes, the whole EventBridge envelope) are quarantined. */
  readonly maxEventBytes: number;
  /** Present when the product keeps a latest-state table. */
  readonly latestState?: LatestStateConfig;
}

/** How rows are written to the latest-state table. */
export interface LatestStateConfig {
  /** The row column whose value (as a string) is the item's partition key. */
  readonly keyColumn: string;
  /** The TTL attribute: epoch seconds after which DynamoDB deletes the item. */
  readonly expiresAtAttribute: string;
  /** Seconds an item lives after its event time: the contract's retention. */
  readonly retentionSeconds: number;
}

/** The EventBridge source of quarantined events. */
export const QUARANTINE_SOURCE = 'datamesh.quarantine';
/** The detail-type of quarantined events. */
export const QUARANTINE_DETAIL_TYPE = 'EventQuarantined';
/** The CloudWatch namespace of the handler's metrics. */
export const METRICS_NAMESPACE = 'DataMesh';
