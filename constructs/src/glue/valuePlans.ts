import { StructFieldPlan, ValuePlan } from '../runtime/enrich/config';

/** Values copied as they are. */
export const KEEP_PLAN: ValuePlan = { kind: 'keep' };

/**
 * The plan of a struct from its fields' plans. Copying the object
 * untouched is much faster, and is correct when no field is converted or
 * renamed: the SerDe ignores undeclared fields and reads missing ones as
 * null.
 */
export function structPlan(fields: readonly StructFieldPlan[]): ValuePlan {
  const untouched = fields.every(
    field => field.plan.kind === 'keep' && field.from === field.to,
  );
  return untouched ? KEEP_PLAN : { kind: 'struct', fields };
}

/** The plan of an array from its items' plan: copied whole when the items are. */
export function arrayPlan(items: ValuePlan): ValuePlan {
  return items.kind === 'keep' ? KEEP_PLAN : { kind: 'array', items };
}
