import {
  isJsonObject,
  JsonSchema,
  JsonSchemaType,
  typesOf,
} from '../schema/types';
import { RECURSIVE_REF_KEYWORD } from '../schema/resolveRefs';
import {
  CompatibilityLevel,
  COMPATIBILITY_RULES,
  SchemaChangeKind,
} from './rules';

/** One difference between two versions of a schema. */
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

/** The result of comparing two versions of an event schema. */
export interface SchemaDiff {
  readonly compatibility: CompatibilityLevel;
  /** True when the change is neither BACKWARD nor FORWARD compatible. */
  readonly breaking: boolean;
  readonly changes: readonly SchemaChange[];
}

const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  '$comment',
  '$schema',
  'id',
  '$id',
  'readOnly',
  'writeOnly',
  'deprecated',
  'definitions',
  RECURSIVE_REF_KEYWORD,
]);

const UPPER_BOUNDS = [
  'maximum',
  'maxLength',
  'maxItems',
  'maxProperties',
] as const;
const LOWER_BOUNDS = [
  'minimum',
  'minLength',
  'minItems',
  'minProperties',
] as const;

/** Keywords this module interprets; any other non-annotation keyword is compared as a whole. */
const INTERPRETED_KEYWORDS = new Set<string>([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'pattern',
  'format',
  'multipleOf',
  'uniqueItems',
  'exclusiveMaximum',
  'exclusiveMinimum',
  ...UPPER_BOUNDS,
  ...LOWER_BOUNDS,
]);

/**
 * Compares two versions of a JSON Schema and classifies the change as FULL,
 * BACKWARD, FORWARD compatible or breaking (`NONE`), listing every change
 * with its JSON path. Both inputs must have their `$ref`s resolved (as
 * {@link readEventSchema} returns them).
 */
export function diffSchemas(
  previous: JsonSchema,
  next: JsonSchema,
): SchemaDiff {
  const changes: SchemaChange[] = [];
  compareNode(previous, next, '$', change => changes.push(change));
  const backward = changes.every(change => change.backward);
  const forward = changes.every(change => change.forward);
  let compatibility: CompatibilityLevel = 'NONE';
  if (backward && forward) {
    compatibility = 'FULL';
  } else if (backward) {
    compatibility = 'BACKWARD';
  } else if (forward) {
    compatibility = 'FORWARD';
  }
  return { compatibility, breaking: compatibility === 'NONE', changes };
}

type Report = (change: SchemaChange) => void;

function describeChange(
  kind: SchemaChangeKind,
  path: string,
  subject: string,
  description: string,
): SchemaChange {
  return { kind, path, subject, description, ...COMPATIBILITY_RULES[kind] };
}

function compareNode(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const typeVerdict = compareTypes(previous, next, path, report);
  if (typeVerdict === 'changed') {
    // Nothing below a changed type is comparable.
    return;
  }
  compareEnum(previous, next, path, report);
  compareBounds(previous, next, path, report);
  compareFlags(previous, next, path, report);
  compareStringConstraint('pattern', previous, next, path, report);
  compareStringConstraint('format', previous, next, path, report);
  compareMultipleOf(previous, next, path, report);
  compareOtherKeywords(previous, next, path, report);
  if (
    isJsonObject(previous.properties) ||
    isJsonObject(next.properties) ||
    previous.required ||
    next.required
  ) {
    compareObject(previous, next, path, report);
  }
  compareAdditionalProperties(previous, next, path, report);
  compareItems(previous, next, path, report);
}

function compareTypes(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): 'same' | 'changed' | 'other' {
  const before = typesOf(previous);
  const after = typesOf(next);
  const newAcceptsOld = accepts(after, before);
  const oldAcceptsNew = accepts(before, after);
  const text = `type ${describeTypes(before)} -> ${describeTypes(after)}`;
  if (newAcceptsOld && oldAcceptsNew) {
    return 'same';
  }
  if (newAcceptsOld) {
    report(describeChange('type-widened', path, 'type', `${text}: widened`));
    return 'other';
  }
  if (oldAcceptsNew) {
    report(describeChange('type-narrowed', path, 'type', `${text}: narrowed`));
    return 'other';
  }
  report(
    describeChange('type-changed', path, 'type', `${text}: incompatible types`),
  );
  return 'changed';
}

/** Whether every type in `inner` is accepted by `outer` (undefined = any type). */
function accepts(
  outer: JsonSchemaType[] | undefined,
  inner: JsonSchemaType[] | undefined,
): boolean {
  if (outer === undefined) {
    return true;
  }
  if (inner === undefined) {
    return false;
  }
  return inner.every(
    type =>
      outer.includes(type) || (type === 'integer' && outer.includes('number')),
  );
}

function describeTypes(types: JsonSchemaType[] | undefined): string {
  if (types === undefined) {
    return 'any';
  }
  return types.length === 1 ? types[0] : `[${types.join(', ')}]`;
}

function compareEnum(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const before = Array.isArray(previous.enum) ? previous.enum : undefined;
  const after = Array.isArray(next.enum) ? next.enum : undefined;
  if (!before && !after) {
    return;
  }
  if (!before && after) {
    report(
      describeChange(
        'enum-added',
        path,
        'enum',
        `enum [${formatValues(after)}] added`,
      ),
    );
    return;
  }
  if (before && !after) {
    report(
      describeChange(
        'enum-removed',
        path,
        'enum',
        `enum [${formatValues(before)}] removed`,
      ),
    );
    return;
  }
  const beforeKeys = new Set(before!.map(value => JSON.stringify(value)));
  const afterKeys = new Set(after!.map(value => JSON.stringify(value)));
  const added = after!.filter(value => !beforeKeys.has(JSON.stringify(value)));
  const removed = before!.filter(
    value => !afterKeys.has(JSON.stringify(value)),
  );
  if (added.length > 0) {
    report(
      describeChange(
        'enum-values-added',
        path,
        'enum',
        `enum values added: ${formatValues(added)}`,
      ),
    );
  }
  if (removed.length > 0) {
    report(
      describeChange(
        'enum-values-removed',
        path,
        'enum',
        `enum values removed: ${formatValues(removed)}`,
      ),
    );
  }
}

function formatValues(values: unknown[]): string {
  return values.map(value => JSON.stringify(value)).join(', ');
}

function compareBounds(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const check = (keyword: string, isUpper: boolean) => {
    const before = numberOrUndefined(previous[keyword]);
    const after = numberOrUndefined(next[keyword]);
    if (before === after) {
      return;
    }
    let loosened: boolean;
    let text: string;
    if (before === undefined) {
      loosened = false;
      text = `${keyword} ${after} added`;
    } else if (after === undefined) {
      loosened = true;
      text = `${keyword} ${before} removed`;
    } else {
      loosened = isUpper ? after > before : after < before;
      text = `${keyword} ${before} -> ${after}`;
    }
    report(
      describeChange(
        loosened ? 'constraint-loosened' : 'constraint-tightened',
        path,
        keyword,
        text,
      ),
    );
  };
  UPPER_BOUNDS.forEach(keyword => check(keyword, true));
  LOWER_BOUNDS.forEach(keyword => check(keyword, false));
  // Draft 6+ numeric exclusive bounds behave like the inclusive ones.
  if (
    typeof previous.exclusiveMaximum === 'number' ||
    typeof next.exclusiveMaximum === 'number'
  ) {
    check('exclusiveMaximum', true);
  }
  if (
    typeof previous.exclusiveMinimum === 'number' ||
    typeof next.exclusiveMinimum === 'number'
  ) {
    check('exclusiveMinimum', false);
  }
}

/** Boolean keywords where `true` is stricter: draft 4 exclusive bounds and uniqueItems. */
function compareFlags(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  for (const keyword of [
    'exclusiveMaximum',
    'exclusiveMinimum',
    'uniqueItems',
  ]) {
    const before = previous[keyword];
    const after = next[keyword];
    if (typeof before === 'number' || typeof after === 'number') {
      continue;
    }
    const wasOn = before === true;
    const isOn = after === true;
    if (wasOn !== isOn) {
      report(
        describeChange(
          isOn ? 'constraint-tightened' : 'constraint-loosened',
          path,
          keyword,
          `${keyword} ${isOn ? 'added' : 'removed'}`,
        ),
      );
    }
  }
}

function compareStringConstraint(
  keyword: 'pattern' | 'format',
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const before = previous[keyword];
  const after = next[keyword];
  if (before === after) {
    return;
  }
  if (before === undefined) {
    report(
      describeChange(
        'constraint-tightened',
        path,
        keyword,
        `${keyword} "${after}" added`,
      ),
    );
  } else if (after === undefined) {
    report(
      describeChange(
        'constraint-loosened',
        path,
        keyword,
        `${keyword} "${before}" removed`,
      ),
    );
  } else {
    report(
      describeChange(
        'constraint-changed',
        path,
        keyword,
        `${keyword} "${before}" -> "${after}"`,
      ),
    );
  }
}

function compareMultipleOf(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const before = numberOrUndefined(previous.multipleOf);
  const after = numberOrUndefined(next.multipleOf);
  if (before === after) {
    return;
  }
  if (before === undefined) {
    report(
      describeChange(
        'constraint-tightened',
        path,
        'multipleOf',
        `multipleOf ${after} added`,
      ),
    );
  } else if (after === undefined) {
    report(
      describeChange(
        'constraint-loosened',
        path,
        'multipleOf',
        `multipleOf ${before} removed`,
      ),
    );
  } else if (isWholeMultiple(before, after)) {
    // Every multiple of `before` is a multiple of `after`: 0.01 -> 0.001 accepts more.
    report(
      describeChange(
        'constraint-loosened',
        path,
        'multipleOf',
        `multipleOf ${before} -> ${after}`,
      ),
    );
  } else if (isWholeMultiple(after, before)) {
    report(
      describeChange(
        'constraint-tightened',
        path,
        'multipleOf',
        `multipleOf ${before} -> ${after}`,
      ),
    );
  } else {
    report(
      describeChange(
        'constraint-changed',
        path,
        'multipleOf',
        `multipleOf ${before} -> ${after}`,
      ),
    );
  }
}

/** Whether `value` is a whole multiple of `step`, tolerant of binary fractions (0.01, 0.001). */
function isWholeMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function compareOtherKeywords(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const keywords = new Set([...Object.keys(previous), ...Object.keys(next)]);
  let annotationsChanged: string[] = [];
  for (const keyword of keywords) {
    if (INTERPRETED_KEYWORDS.has(keyword)) {
      continue;
    }
    if (JSON.stringify(previous[keyword]) === JSON.stringify(next[keyword])) {
      continue;
    }
    if (ANNOTATION_KEYWORDS.has(keyword) || keyword.startsWith('x-')) {
      annotationsChanged = [...annotationsChanged, keyword];
    } else {
      report(
        describeChange(
          'unsupported-keyword-changed',
          path,
          keyword,
          `"${keyword}" changed; changes to ${keyword} are not analysed and treated as breaking`,
        ),
      );
    }
  }
  if (annotationsChanged.length > 0) {
    report(
      describeChange(
        'annotation-changed',
        path,
        annotationsChanged.join(', '),
        `annotations changed: ${annotationsChanged.join(', ')}`,
      ),
    );
  }
}

function compareObject(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const beforeProps = isJsonObject(previous.properties)
    ? previous.properties
    : {};
  const afterProps = isJsonObject(next.properties) ? next.properties : {};
  const beforeRequired = new Set(
    Array.isArray(previous.required) ? previous.required : [],
  );
  const afterRequired = new Set(
    Array.isArray(next.required) ? next.required : [],
  );
  const wasClosed = previous.additionalProperties === false;
  const isClosed = next.additionalProperties === false;

  for (const name of Object.keys(afterProps)) {
    if (name in beforeProps) {
      continue;
    }
    const property = afterProps[name];
    const required = afterRequired.has(name);
    const hasDefault = 'default' in property;
    let kind: SchemaChangeKind;
    if (wasClosed) {
      if (!required) {
        kind = 'property-added-to-closed-model';
      } else {
        kind = hasDefault
          ? 'required-property-with-default-added-to-closed-model'
          : 'required-property-added-to-closed-model';
      }
    } else if (required) {
      kind = 'required-property-added-to-open-model';
    } else {
      kind =
        Object.keys(property).length === 0
          ? 'property-with-empty-schema-added-to-open-model'
          : 'property-added-to-open-model';
    }
    const model = wasClosed ? 'closed' : 'open';
    report(
      describeChange(
        kind,
        childPath(path, name),
        name,
        `${required ? 'required' : 'optional'} property "${name}" added to a ${model} object`,
      ),
    );
  }

  for (const name of Object.keys(beforeProps)) {
    if (name in afterProps) {
      compareNode(
        beforeProps[name],
        afterProps[name],
        childPath(path, name),
        report,
      );
      continue;
    }
    const wasRequired = beforeRequired.has(name);
    let kind: SchemaChangeKind = 'property-removed-from-open-model';
    if (isClosed) {
      kind = wasRequired
        ? 'required-property-removed-from-closed-model'
        : 'property-removed-from-closed-model';
    }
    report(
      describeChange(
        kind,
        childPath(path, name),
        name,
        `${wasRequired ? 'required' : 'optional'} property "${name}" removed from a ${isClosed ? 'closed' : 'open'} object`,
      ),
    );
  }

  // Required-ness of properties present in both versions (or declared only through `required`).
  const stayed = (name: string) =>
    (name in beforeProps && name in afterProps) ||
    (!(name in beforeProps) && !(name in afterProps));
  for (const name of afterRequired) {
    if (!beforeRequired.has(name) && stayed(name)) {
      const hasDefault =
        isJsonObject(afterProps[name]) && 'default' in afterProps[name];
      report(
        describeChange(
          hasDefault ? 'required-with-default-added' : 'required-added',
          childPath(path, name),
          name,
          `property "${name}" became required${hasDefault ? ' (with a default)' : ''}`,
        ),
      );
    }
  }
  for (const name of beforeRequired) {
    if (!afterRequired.has(name) && stayed(name)) {
      report(
        describeChange(
          'required-removed',
          childPath(path, name),
          name,
          `property "${name}" is no longer required`,
        ),
      );
    }
  }
}

function compareAdditionalProperties(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const before = previous.additionalProperties;
  const after = next.additionalProperties;
  if (isJsonObject(before) && isJsonObject(after)) {
    compareNode(before as JsonSchema, after as JsonSchema, `${path}.*`, report);
    return;
  }
  // Absent and `true` both mean "anything"; a schema is in between.
  const openness = (value: unknown) => {
    if (value === false) {
      return 0;
    }
    return isJsonObject(value) ? 1 : 2;
  };
  const was = openness(before);
  const is = openness(after);
  if (was === is) {
    return;
  }
  if (is > was) {
    report(
      describeChange(
        'additional-properties-opened',
        path,
        'additionalProperties',
        `additionalProperties ${describeOpenness(was)} -> ${describeOpenness(is)}`,
      ),
    );
  } else {
    report(
      describeChange(
        'additional-properties-closed',
        path,
        'additionalProperties',
        `additionalProperties ${describeOpenness(was)} -> ${describeOpenness(is)}`,
      ),
    );
  }
}

function describeOpenness(level: number): string {
  return ['false (closed)', 'a schema', 'allowed (open)'][level];
}

function compareItems(
  previous: JsonSchema,
  next: JsonSchema,
  path: string,
  report: Report,
): void {
  const before = previous.items;
  const after = next.items;
  if (before === undefined && after === undefined) {
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    compareNode(
      before as JsonSchema,
      after as JsonSchema,
      `${path}[*]`,
      report,
    );
    return;
  }
  if (before === undefined && isJsonObject(after)) {
    report(
      describeChange(
        'constraint-tightened',
        path,
        'items',
        'items schema added',
      ),
    );
    return;
  }
  if (isJsonObject(before) && after === undefined) {
    report(
      describeChange(
        'constraint-loosened',
        path,
        'items',
        'items schema removed',
      ),
    );
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    report(
      describeChange(
        'unsupported-keyword-changed',
        path,
        'items',
        'tuple "items" changed; tuple changes are not analysed and treated as breaking',
      ),
    );
  }
}

function childPath(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? `${path}.${name}`
    : `${path}['${name}']`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
