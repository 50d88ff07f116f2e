import { CompatibilityLevel, SchemaChangeKind } from './rules';

/**
 * One difference between two versions of a schema.
 *
 * @public
 */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** JSON path of the changed schema node, e.g. `$.legs[*].price`. */
  readonly path: string;
  /** The keyword or property name the change is about. */
  readonly subject: string;
  readonly description: string;
  readonly backward: boolean;
  readonly forward: boolean;
}

/**
 * The result of comparing two versions of an event schema.
 *
 * @public
 */
export interface SchemaDiff {
  readonly compatibility: CompatibilityLevel;
  /** True when the change is neither BACKWARD nor FORWARD compatible. */
  readonly breaking: boolean;
  readonly changes: readonly SchemaChange[];
}
