import { ValuePlan } from '../runtime/enrich/config';
import { formatGlueType, GlueType } from './glueType';
import { arrayPlan, KEEP_PLAN, structPlan } from './valuePlans';

/** A column or struct field as events declare it: where its value comes from, its type, its conversion. */
export interface FieldMapping {
  /** The property name in the event. */
  readonly from: string;
  /** The column or struct field name. */
  readonly to: string;
  readonly type: GlueType;
  readonly plan: ValuePlan;
}

/** Two events declare one path of a column in ways one column cannot hold. */
export class FieldConflict extends Error {
  constructor(
    /** Dotted column path: `merchant.id`, `legs[].amount`. */
    readonly path: string,
    /** What the first event declares there, e.g. `double`. */
    readonly existing: string,
    /** What the later event declares there. */
    readonly incoming: string,
    /** `name`: two property names become one column name; `type`: the types differ. */
    readonly kind: 'name' | 'type',
  ) {
    super(`"${path}" is ${existing} but ${incoming}`);
    this.name = 'FieldConflict';
  }
}

/**
 * The union of two declarations of one column, so that the events of a
 * product can share a table: structs get every field of both (the first
 * declaration's fields, then the new ones), recursively and inside arrays;
 * anything else must be declared the same way. The merged plan converts
 * each field as the event that declares it says; events without a field
 * simply have no value for it (null in the table).
 *
 * @param path - the column path of the mapping, for conflicts.
 * @throws FieldConflict at the first path the two cannot agree on.
 */
export function unionFieldMappings(
  existing: FieldMapping,
  incoming: FieldMapping,
  path: string = existing.to,
): FieldMapping {
  if (existing.from !== incoming.from) {
    throw new FieldConflict(
      path,
      `from property "${existing.from}"`,
      `from property "${incoming.from}"`,
      'name',
    );
  }
  const a = existing.type;
  const b = incoming.type;
  if (a.kind === 'struct' && b.kind === 'struct') {
    const incomingFields = new Map(
      structFields(incoming).map(field => [field.to, field]),
    );
    const merged = structFields(existing).map(field => {
      const other = incomingFields.get(field.to);
      incomingFields.delete(field.to);
      return other
        ? unionFieldMappings(field, other, `${path}.${field.to}`)
        : field;
    });
    // What is left was declared by the incoming event only: appended in its order.
    merged.push(...incomingFields.values());
    return {
      from: existing.from,
      to: existing.to,
      type: {
        kind: 'struct',
        fields: merged.map(field => ({ name: field.to, type: field.type })),
      },
      plan: structPlan(
        merged.map(({ from, to, plan }) => ({ from, to, plan })),
      ),
    };
  }
  if (a.kind === 'array' && b.kind === 'array') {
    const items = unionFieldMappings(
      arrayItems(existing),
      arrayItems(incoming),
      `${path}[]`,
    );
    return {
      from: existing.from,
      to: existing.to,
      type: { kind: 'array', items: items.type },
      plan: arrayPlan(items.plan),
    };
  }
  const existingText = describe(existing);
  const incomingText = describe(incoming);
  if (existingText !== incomingText) {
    throw new FieldConflict(path, existingText, incomingText, 'type');
  }
  return existing;
}

/** Every column path of a mapping: itself, its struct fields and array items, depth first. */
export function fieldPaths(type: GlueType, path: string): string[] {
  switch (type.kind) {
    case 'struct':
      return [
        path,
        ...type.fields.flatMap(field =>
          fieldPaths(field.type, `${path}.${field.name}`),
        ),
      ];
    case 'array':
      return [path, ...fieldPaths(type.items, `${path}[]`)];
    default:
      return [path];
  }
}

/** A struct's fields with their plans; a `keep` struct copies every field untouched. */
function structFields(mapping: FieldMapping): FieldMapping[] {
  if (mapping.type.kind !== 'struct') {
    return [];
  }
  const plans =
    mapping.plan.kind === 'struct'
      ? new Map(mapping.plan.fields.map(field => [field.to, field]))
      : undefined;
  return mapping.type.fields.map(field => {
    const plan = plans?.get(field.name);
    return {
      from: plan?.from ?? field.name,
      to: field.name,
      type: field.type,
      plan: plan?.plan ?? KEEP_PLAN,
    };
  });
}

/** An array's items as a mapping of their own; a `keep` array copies its items untouched. */
function arrayItems(mapping: FieldMapping): FieldMapping {
  if (mapping.type.kind !== 'array') {
    throw new Error(`${mapping.to} is not an array`);
  }
  return {
    // Items have no property name of their own: the array's stands in.
    from: mapping.from,
    to: mapping.to,
    type: mapping.type.items,
    plan: mapping.plan.kind === 'array' ? mapping.plan.items : KEEP_PLAN,
  };
}

/** How values are written where the Glue type alone does not say (all three are `string`). */
const WRITTEN_AS: Partial<Record<ValuePlan['kind'], string>> = {
  json: 'of JSON text',
  hash: 'of keyed hashes',
};

/**
 * A declaration as a reader of the error needs it, and as two
 * declarations must agree: the Glue type and, where one Glue type holds
 * different things, how the value is written (a string column of JSON
 * text is not a string column).
 */
function describe(mapping: FieldMapping): string {
  const type = formatGlueType(mapping.type);
  const writtenAs = WRITTEN_AS[mapping.plan.kind];
  return writtenAs ? `${type} ${writtenAs}` : type;
}
