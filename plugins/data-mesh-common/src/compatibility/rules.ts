/**
 * The compatibility of each kind of schema change, in Confluent Schema
 * Registry's vocabulary for JSON Schema:
 *
 * - BACKWARD: consumers on the new schema can read data written with the old
 *   one (the new schema accepts everything the old one did).
 * - FORWARD: consumers on the old schema can read data written with the new
 *   one (the old schema accepts everything the new one does).
 * - FULL: both.
 *
 * Each kind has one fixed verdict, here; the keyword modules in
 * `keywords/` decide which kind a change is. What "adding a property"
 * means depends on the object's content model: in an open model
 * (`additionalProperties` absent or true) old data may already hold the
 * property with any value, so constraining it is not BACKWARD; in a closed
 * model (`additionalProperties: false`) it is; in a partially open one the
 * property is compared with the schema that covered its name.
 * See docs/decisions/0003-schema-compatibility.md.
 * @public
 */

export const SCHEMA_CHANGE_KINDS = [
  'property-added-to-closed-model',
  'required-property-added-to-closed-model',
  'required-property-with-default-added-to-closed-model',
  'property-added-to-open-model',
  'property-with-empty-schema-added-to-open-model',
  'required-property-added-to-open-model',
  'property-added-to-partially-open-model',
  'property-removed-from-open-model',
  'property-removed-from-closed-model',
  'required-property-removed-from-closed-model',
  'property-removed-from-partially-open-model',
  'pattern-property-added',
  'pattern-property-removed',
  'required-added',
  'required-with-default-added',
  'required-removed',
  'type-widened',
  'type-narrowed',
  'type-changed',
  'false-schema-replaced',
  'false-schema-introduced',
  'enum-values-added',
  'enum-values-removed',
  'enum-added',
  'enum-removed',
  'constraint-loosened',
  'constraint-tightened',
  'constraint-changed',
  'additional-properties-opened',
  'additional-properties-closed',
  'sum-member-added',
  'sum-member-removed',
  'product-member-added',
  'product-member-removed',
  'combined-type-changed',
  'one-of-members-changed',
  'annotation-changed',
  'keyword-not-analysed',
] as const;

/**
 * The kinds of change the schema diff reports.
 *
 * @public
 */
export type SchemaChangeKind = (typeof SCHEMA_CHANGE_KINDS)[number];

/** The kind of a change the checker does not interpret: never "compatible". */
export const NOT_ANALYSED_KIND: SchemaChangeKind = 'keyword-not-analysed';

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

/**
 * Kinds marked "structural" below say what moved; the comparison of the
 * schemas involved is reported beside them as changes of their own, which
 * carry the verdict (e.g. a property added where `additionalProperties`
 * already covered it is compared with that schema).
 */
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
  // Structural: compared with the additionalProperties/patternProperties schema.
  'property-added-to-partially-open-model': FULL,
  // New data may hold the property with any value; old readers constrain it.
  'property-removed-from-open-model': BACKWARD_ONLY,
  'property-removed-from-closed-model': FORWARD_ONLY,
  'required-property-removed-from-closed-model': BREAKING,
  // Structural: the old property compared with what covers its name now.
  'property-removed-from-partially-open-model': FULL,
  // Structural: compared with what validated matching names before; new
  // documents may hold names the old model refused, hence not FORWARD.
  'pattern-property-added': BACKWARD_ONLY,
  'pattern-property-removed': BACKWARD_ONLY,
  'required-added': FORWARD_ONLY,
  'required-with-default-added': FULL,
  'required-removed': BACKWARD_ONLY,
  'type-widened': BACKWARD_ONLY,
  'type-narrowed': FORWARD_ONLY,
  'type-changed': BREAKING,
  // `false` accepts nothing: anything accepts all of it.
  'false-schema-replaced': BACKWARD_ONLY,
  'false-schema-introduced': FORWARD_ONLY,
  'enum-values-added': BACKWARD_ONLY,
  'enum-values-removed': FORWARD_ONLY,
  'enum-added': FORWARD_ONLY,
  'enum-removed': BACKWARD_ONLY,
  'constraint-loosened': BACKWARD_ONLY,
  'constraint-tightened': FORWARD_ONLY,
  'constraint-changed': BREAKING,
  'additional-properties-opened': BACKWARD_ONLY,
  'additional-properties-closed': FORWARD_ONLY,
  // anyOf/oneOf: an alternative added accepts more; an old one no new
  // member covers leaves old documents without a match.
  'sum-member-added': BACKWARD_ONLY,
  'sum-member-removed': BREAKING,
  // allOf: a constraint no old member implied; one no longer there.
  'product-member-added': FORWARD_ONLY,
  'product-member-removed': BACKWARD_ONLY,
  // Structural (oneOf -> anyOf, ...): members compared beside it; FORWARD
  // is not decided across combinators.
  'combined-type-changed': BACKWARD_ONLY,
  // A new document may match two old oneOf members, which old readers refuse.
  'one-of-members-changed': BACKWARD_ONLY,
  'annotation-changed': FULL,
  // A keyword (or construct) the checker does not interpret: never
  // compatible, and told apart from a proven break by `backwardVerdict`.
  'keyword-not-analysed': BREAKING,
};

/**
 * The overall verdict of a schema change. `NONE` means breaking.
 *
 * @public
 */
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
