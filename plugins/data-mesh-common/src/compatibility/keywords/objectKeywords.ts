import { isJsonObject, JsonSchema } from '../../schema/types';
import { SchemaChangeKind } from '../rules';
import { acceptsAnything } from './annotations';
import {
  changeOf,
  childPath,
  KeywordComparison,
  NodePair,
  sameJson,
  VALUE_SHAPES,
} from './keywordComparison';
import { comparePresence } from './presence';
import { unevaluatedSchema } from './unevaluatedKeywords';

interface PatternRule {
  readonly pattern: string;
  /** Undefined when the pattern is not a regular expression this runtime reads. */
  readonly matches: ((name: string) => boolean) | undefined;
  readonly schema: unknown;
}

/**
 * An object schema's content model: what validates each property name.
 * `additional` is `additionalProperties`, or `unevaluatedProperties` where
 * it means the same (nothing else at the node evaluates properties).
 */
interface ContentModel {
  readonly properties: ReadonlyMap<string, unknown>;
  readonly required: ReadonlySet<string>;
  readonly additional: unknown;
  readonly patterns: ReadonlyMap<string, PatternRule>;
}

/** What validates a property that a model does not declare. */
type AdditionalGovernor =
  | { readonly kind: 'closed' }
  | { readonly kind: 'open' }
  | { readonly kind: 'additional'; readonly schema: unknown };
type Governor =
  | AdditionalGovernor
  | {
      readonly kind: 'pattern';
      readonly pattern: string;
      readonly schema: unknown;
    };

function compilePattern(pattern: string): PatternRule['matches'] {
  try {
    const regex = new RegExp(pattern, 'u');
    return name => regex.test(name);
  } catch {
    return undefined;
  }
}

function readModel(node: JsonSchema): ContentModel {
  const patterns = new Map(
    Object.entries(
      isJsonObject(node.patternProperties) ? node.patternProperties : {},
    ).map(([pattern, schema]): [string, PatternRule] => [
      pattern,
      { pattern, matches: compilePattern(pattern), schema },
    ]),
  );
  const declared: Record<string, unknown> = isJsonObject(node.properties)
    ? node.properties
    : {};
  const additional =
    node.additionalProperties ??
    unevaluatedSchema(node, 'unevaluatedProperties');
  // In a closed model a property declared `false` is the same as one not
  // declared (both are refused), so it is not a change to add or drop one.
  const properties = new Map(
    Object.entries(declared).filter(
      ([name, schema]) =>
        !(
          schema === false &&
          additional === false &&
          [...patterns.values()].every(
            rule => rule.matches && !rule.matches(name),
          )
        ),
    ),
  );
  return {
    properties,
    required: new Set(
      Array.isArray(node.required)
        ? node.required.filter(
            (name): name is string => typeof name === 'string',
          )
        : [],
    ),
    additional,
    patterns,
  };
}

function additionalGovernor(model: ContentModel): AdditionalGovernor {
  if (model.additional === false) {
    return { kind: 'closed' };
  }
  if (model.additional === undefined || acceptsAnything(model.additional)) {
    return { kind: 'open' };
  }
  return { kind: 'additional', schema: model.additional };
}

/** The schema names left to `additionalProperties` are validated against. */
function schemaOf(governor: AdditionalGovernor): unknown {
  if (governor.kind === 'additional') {
    return governor.schema;
  }
  return governor.kind === 'open';
}

/** Undefined when a pattern cannot be evaluated, so the answer is unknown. */
function governorsOf(
  model: ContentModel,
  name: string,
): Governor[] | undefined {
  const rules = [...model.patterns.values()];
  if (rules.some(rule => !rule.matches)) {
    return undefined;
  }
  const matching = rules.filter(rule => rule.matches!(name));
  return matching.length > 0
    ? matching.map((rule): Governor => ({
        kind: 'pattern',
        pattern: rule.pattern,
        schema: rule.schema,
      }))
    : [additionalGovernor(model)];
}

function describeGovernors(governors: readonly Governor[]): string {
  return governors
    .map(governor =>
      governor.kind === 'pattern'
        ? `patternProperties "${governor.pattern}"`
        : 'additionalProperties',
    )
    .join(' and ');
}

function hasDefault(schema: unknown): boolean {
  return isJsonObject(schema) && 'default' in schema;
}

function report(
  pair: NodePair,
  kind: SchemaChangeKind,
  name: string,
  description: string,
) {
  pair.report(changeOf(kind, childPath(pair.path, name), name, description));
}

function notAnalysed(pair: NodePair, name: string) {
  report(
    pair,
    'keyword-not-analysed',
    name,
    `property "${name}": a patternProperties pattern is not a regular expression this checker reads, so the change is not analysed`,
  );
}

function compareAddedProperty(
  pair: NodePair,
  name: string,
  before: ContentModel,
  after: ContentModel,
) {
  const schema = after.properties.get(name);
  const nowRequired = after.required.has(name) && !before.required.has(name);
  const withDefault = hasDefault(schema);
  const requiredness = nowRequired ? 'required' : 'optional';
  let closedKind: SchemaChangeKind = 'property-added-to-closed-model';
  if (nowRequired) {
    closedKind = withDefault
      ? 'required-property-with-default-added-to-closed-model'
      : 'required-property-added-to-closed-model';
  }
  let openKind: SchemaChangeKind = 'property-added-to-open-model';
  if (nowRequired) {
    openKind = 'required-property-added-to-open-model';
  } else if (acceptsAnything(schema)) {
    openKind = 'property-with-empty-schema-added-to-open-model';
  }
  const reported = reportPresenceChange(pair, name, {
    // Old documents may already hold the property, valid under the schema
    // that covered it then: that schema is what the new one must accept.
    governors: governorsOf(before, name),
    kinds: {
      closed: closedKind,
      open: openKind,
      partial: 'property-added-to-partially-open-model',
    },
    describe: (where, governors) =>
      where === 'partial'
        ? `${requiredness} property "${name}" added; old documents could hold it under ${describeGovernors(governors)}`
        : `${requiredness} property "${name}" added to ${where === 'closed' ? 'a closed' : 'an open'} object`,
    compareWith: covering =>
      pair.compare(covering, schema, childPath(pair.path, name)),
  });
  if (reported === 'partial' && nowRequired) {
    report(
      pair,
      withDefault ? 'required-with-default-added' : 'required-added',
      name,
      `property "${name}" became required${withDefault ? ' (with a default)' : ''}`,
    );
  }
}

function compareRemovedProperty(
  pair: NodePair,
  name: string,
  before: ContentModel,
  after: ContentModel,
) {
  const schema = before.properties.get(name);
  const wasRequired = before.required.has(name);
  const requiredness = wasRequired ? 'required' : 'optional';
  const reported = reportPresenceChange(pair, name, {
    // Old documents holding the property must still pass whatever covers it now.
    governors: governorsOf(after, name),
    kinds: {
      closed: wasRequired
        ? 'required-property-removed-from-closed-model'
        : 'property-removed-from-closed-model',
      open: 'property-removed-from-open-model',
      partial: 'property-removed-from-partially-open-model',
    },
    describe: (where, governors) =>
      where === 'partial'
        ? `${requiredness} property "${name}" removed; documents holding it now follow ${describeGovernors(governors)}`
        : `${requiredness} property "${name}" removed from ${where === 'closed' ? 'a closed' : 'an open'} object`,
    compareWith: covering =>
      pair.compare(schema, covering, childPath(pair.path, name)),
  });
  if (reported === 'partial' && wasRequired && !after.required.has(name)) {
    report(
      pair,
      'required-removed',
      name,
      `property "${name}" is no longer required`,
    );
  }
}

/** How the other side's model covers a property one side declares. */
type Coverage = 'closed' | 'open' | 'partial';

/**
 * Reports a property declared on one side only, by what covers its name on
 * the other side: a closed model, an open one, or schemas (of
 * `additionalProperties` or patterns), each of which is compared with the
 * property's. Returns how it was covered, or undefined when not analysed.
 */
function reportPresenceChange(
  pair: NodePair,
  name: string,
  change: {
    readonly governors: readonly Governor[] | undefined;
    readonly kinds: Readonly<Record<Coverage, SchemaChangeKind>>;
    readonly describe: (
      where: Coverage,
      governors: readonly Governor[],
    ) => string;
    readonly compareWith: (covering: unknown) => void;
  },
): Coverage | undefined {
  const { governors } = change;
  if (!governors) {
    notAnalysed(pair, name);
    return undefined;
  }
  const [governor] = governors;
  let where: Coverage = 'partial';
  if (governor.kind === 'closed' || governor.kind === 'open') {
    where = governor.kind;
  }
  report(pair, change.kinds[where], name, change.describe(where, governors));
  if (where === 'partial') {
    schemasAmong(governors).forEach(change.compareWith);
  }
  return where;
}

/** The schemas (of `additionalProperties` or a pattern) among what governs a name. */
function schemasAmong(governors: readonly Governor[]) {
  return governors.flatMap(governor =>
    governor.kind === 'additional' || governor.kind === 'pattern'
      ? [governor.schema]
      : [],
  );
}

/** Required-ness of properties declared in both versions, or in neither. */
function compareRequired(
  pair: NodePair,
  before: ContentModel,
  after: ContentModel,
) {
  const stayed = (name: string) =>
    before.properties.has(name) === after.properties.has(name);
  for (const name of after.required) {
    if (!before.required.has(name) && stayed(name)) {
      const withDefault = hasDefault(after.properties.get(name));
      report(
        pair,
        withDefault ? 'required-with-default-added' : 'required-added',
        name,
        `property "${name}" became required${withDefault ? ' (with a default)' : ''}`,
      );
    }
  }
  for (const name of before.required) {
    if (!after.required.has(name) && stayed(name)) {
      report(
        pair,
        'required-removed',
        name,
        `property "${name}" is no longer required`,
      );
    }
  }
}

function compareAddedPattern(
  pair: NodePair,
  rule: PatternRule,
  before: ContentModel,
) {
  const path = `${pair.path}[/${rule.pattern}/]`;
  pair.report(
    changeOf(
      'pattern-property-added',
      path,
      'patternProperties',
      `patternProperties "${rule.pattern}" added: properties whose names match it must now match its schema`,
    ),
  );
  // Every schema old documents' matching properties were valid under.
  for (const [name, schema] of before.properties) {
    if (rule.matches!(name)) {
      pair.compare(schema, rule.schema, childPath(pair.path, name));
    }
  }
  const governor = additionalGovernor(before);
  if (governor.kind !== 'closed') {
    pair.compare(schemaOf(governor), rule.schema, path);
  }
  // Whether two patterns can match one name is not decided: assume so.
  for (const other of before.patterns.values()) {
    pair.compare(other.schema, rule.schema, path);
  }
}

function compareRemovedPattern(
  pair: NodePair,
  rule: PatternRule,
  after: ContentModel,
) {
  const path = `${pair.path}[/${rule.pattern}/]`;
  pair.report(
    changeOf(
      'pattern-property-removed',
      path,
      'patternProperties',
      `patternProperties "${rule.pattern}" removed: properties whose names match it now follow additionalProperties`,
    ),
  );
  pair.compare(rule.schema, schemaOf(additionalGovernor(after)), path);
}

function comparePatterns(
  pair: NodePair,
  before: ContentModel,
  after: ContentModel,
) {
  const all = [...before.patterns.values(), ...after.patterns.values()];
  if (all.some(rule => !rule.matches)) {
    if (
      !sameJson(pair.previous.patternProperties, pair.next.patternProperties)
    ) {
      pair.report(
        changeOf(
          'keyword-not-analysed',
          pair.path,
          'patternProperties',
          'a patternProperties pattern is not a regular expression this checker reads, so its change is not analysed',
        ),
      );
    }
    return;
  }
  for (const pattern of new Set(all.map(rule => rule.pattern))) {
    comparePresence(pair, {
      subject: 'patternProperties',
      read: (_node, side) =>
        (side === 'previous' ? before : after).patterns.get(pattern),
      added: rule => compareAddedPattern(pair, rule, before),
      removed: rule => compareRemovedPattern(pair, rule, after),
      changed: (old, now) =>
        pair.compare(old.schema, now.schema, `${pair.path}[/${pattern}/]`),
    });
  }
}

/** `additionalProperties`: closed (`false`) < a schema < open (absent, `true`, `{}`). */
function compareAdditional(
  pair: NodePair,
  before: ContentModel,
  after: ContentModel,
) {
  const was = additionalGovernor(before);
  const is = additionalGovernor(after);
  if (was.kind === 'additional' && is.kind === 'additional') {
    pair.compare(was.schema, is.schema, `${pair.path}.*`);
    return;
  }
  const openness = { closed: 0, additional: 1, open: 2 };
  const label = {
    closed: 'false (closed)',
    additional: 'a schema',
    open: 'allowed (open)',
  };
  if (openness[was.kind] === openness[is.kind]) {
    return;
  }
  pair.report(
    changeOf(
      openness[is.kind] > openness[was.kind]
        ? 'additional-properties-opened'
        : 'additional-properties-closed',
      pair.path,
      'additionalProperties',
      `additionalProperties ${label[was.kind]} -> ${label[is.kind]}`,
    ),
  );
}

/**
 * Object keywords, compared through each property name's content model:
 * a property added or removed is compared with whatever validated (or
 * validates) that name on the other side, be it nothing (closed), anything
 * (open), `additionalProperties` or a matching `patternProperties` schema.
 */
export const objectKeywords: KeywordComparison = {
  name: 'object',
  keywords: [
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
  ],
  wellFormed: {
    properties: VALUE_SHAPES.object,
    required: VALUE_SHAPES.stringList,
    additionalProperties: VALUE_SHAPES.schema,
    patternProperties: VALUE_SHAPES.object,
  },
  compare(pair) {
    const before = readModel(pair.previous);
    const after = readModel(pair.next);
    const names = new Set([
      ...after.properties.keys(),
      ...before.properties.keys(),
    ]);
    for (const name of names) {
      comparePresence(pair, {
        subject: name,
        path: childPath(pair.path, name),
        read: (_node, side) =>
          (side === 'previous' ? before : after).properties.get(name),
        added: () => compareAddedProperty(pair, name, before, after),
        removed: () => compareRemovedProperty(pair, name, before, after),
        changed: (old, now) =>
          pair.compare(old, now, childPath(pair.path, name)),
      });
    }
    compareRequired(pair, before, after);
    comparePatterns(pair, before, after);
    compareAdditional(pair, before, after);
  },
};
