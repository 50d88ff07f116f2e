/**
 * The compatibility of each kind of schema change, following Confluent Schema
 * Registry's rules for JSON Schema:
 *
 * - BACKWARD: consumers on the new schema can read data written with the old
 *   one (the new schema accepts everything the old one did).
 * - FORWARD: consumers on the old schema can read data written with the new
 *   one (the old schema accepts everything the new one does).
 * - FULL: both.
 *
 * As in Confluent, what "adding a property" means depends on the object's
 * content model: in an open model (`additionalProperties` absent or true) old
 * data may already hold the property with any value, so constraining it is
 * not BACKWARD; in a closed model (`additionalProperties: false`) it is.
 * See docs/decisions/0003-schema-compatibility.md.
 */

export const SCHEMA_CHANGE_KINDS = [
  'property-added-to-closed-model',
  'required-property-added-to-closed-model',
  'required-property-with-default-added-to-closed-model',
  'property-added-to-open-model',
  'property-with-empty-schema-added-to-open-model',
  'required-property-added-to-open-model',
  'property-removed-from-open-model',
  'property-removed-from-closed-model',
  'required-property-removed-from-closed-model',
  'required-added',
  'required-with-default-added',
  'required-removed',
  'type-widened',
  'type-narrowed',
  'type-changed',
  'enum-values-added',
  'enum-values-removed',
  'enum-added',
  'enum-removed',
  'constraint-loosened',
  'constraint-tightened',
  'constraint-changed',
  'additional-properties-opened',
  'additional-properties-closed',
  'annotation-changed',
  'unsupported-keyword-changed',
] as const;

export type SchemaChangeKind = (typeof SCHEMA_CHANGE_KINDS)[number];

export interface ChangeCompatibility {
  /** Readers on the new schema can read data written with the old one. */
  readonly backward: boolean;
  /** Readers on the old schema can read data written with the new one. */
  readonly forward: boolean;
}

const FULL: ChangeCompatibility = { backward: true, forward: true };
const BACKWARD_ONLY: ChangeCompatibility = { backward: true, forward: false };
const FORWARD_ONLY: ChangeCompatibility = { backward: false, forward: true };
const BREAKING: ChangeCompatibility = { backward: false, forward: false };

export const COMPATIBILITY_RULES: Readonly<
  Record<SchemaChangeKind, ChangeCompatibility>
> = {
  // Old data never held the property (closed model), so it still validates.
  'property-added-to-closed-model': BACKWARD_ONLY,
  'required-property-added-to-closed-model': BREAKING,
  // Confluent treats a default as filling the gap for old data.
  'required-property-with-default-added-to-closed-model': BACKWARD_ONLY,
  // Old data may hold the property with any value (open model).
  'property-added-to-open-model': FORWARD_ONLY,
  'property-with-empty-schema-added-to-open-model': FULL,
  'required-property-added-to-open-model': FORWARD_ONLY,
  // New data may hold the property with any value; old readers constrain it.
  'property-removed-from-open-model': BACKWARD_ONLY,
  'property-removed-from-closed-model': FORWARD_ONLY,
  'required-property-removed-from-closed-model': BREAKING,
  'required-added': FORWARD_ONLY,
  'required-with-default-added': FULL,
  'required-removed': BACKWARD_ONLY,
  'type-widened': BACKWARD_ONLY,
  'type-narrowed': FORWARD_ONLY,
  'type-changed': BREAKING,
  'enum-values-added': BACKWARD_ONLY,
  'enum-values-removed': FORWARD_ONLY,
  'enum-added': FORWARD_ONLY,
  'enum-removed': BACKWARD_ONLY,
  'constraint-loosened': BACKWARD_ONLY,
  'constraint-tightened': FORWARD_ONLY,
  'constraint-changed': BREAKING,
  'additional-properties-opened': BACKWARD_ONLY,
  'additional-properties-closed': FORWARD_ONLY,
  'annotation-changed': FULL,
  // allOf/anyOf/oneOf/not/patternProperties/...: not analysed, so assumed breaking.
  'unsupported-keyword-changed': BREAKING,
};

/** The overall verdict of a schema change. `NONE` means breaking. */
export type CompatibilityLevel = 'FULL' | 'BACKWARD' | 'FORWARD' | 'NONE';

/** Whether a verdict satisfies a required compatibility mode. */
export function satisfiesCompatibility(
  verdict: CompatibilityLevel,
  required: CompatibilityLevel,
): boolean {
  switch (required) {
    case 'NONE':
      return true;
    case 'FULL':
      return verdict === 'FULL';
    case 'BACKWARD':
      return verdict === 'FULL' || verdict === 'BACKWARD';
    case 'FORWARD':
      return verdict === 'FULL' || verdict === 'FORWARD';
    default:
      return false;
  }
}
