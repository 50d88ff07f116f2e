import {
  CLASSIFICATIONS,
  CONTRACT_NUMBER_SETTINGS,
  ContractNumberPath,
  MIN_DESCRIPTION_LENGTH,
  NAME_RULES,
  NameKind,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EVENT_FIELD_TYPES } from './schema/eventFields';

/**
 * The template's form repeats rules whose source is the common package
 * (JSON Schema in YAML cannot import them): this test is what keeps the
 * copies equal, so the form never accepts an answer a later step refuses.
 */
const TEMPLATE_FILE = join(
  __dirname,
  '../../../templates/data-product/template.yaml',
);

interface FormProperty {
  readonly type?: string;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly items?: { readonly properties: Record<string, FormProperty> };
}

function formProperties(): Record<string, FormProperty> {
  const template = parse(readFileSync(TEMPLATE_FILE, 'utf8'));
  const pages: Array<{ properties?: Record<string, FormProperty> }> =
    template.spec.parameters;
  return Object.assign({}, ...pages.map(page => page.properties ?? {}));
}

const properties = formProperties();
const fieldProperties = properties.fields.items!.properties;

describe('the data product template form', () => {
  it.each<[string, FormProperty, NameKind]>([
    ['domain', properties.domain, 'domain'],
    ['name', properties.name, 'dataProduct'],
    ['detailType', properties.detailType, 'detailType'],
    ['source', properties.source, 'source'],
    ['fields[].name', fieldProperties.name, 'columnName'],
  ])(
    "checks %s with the common package's naming rule",
    (_answer, property, kind) => {
      expect(property.pattern).toBe(NAME_RULES[kind].pattern.source);
      expect(property.maxLength).toBe(NAME_RULES[kind].maxLength);
    },
  );

  it.each<[string, ContractNumberPath]>([
    ['retentionDays', 'retention.days'],
    ['freshnessMinutes', 'sla.freshnessMinutes'],
    ['latencyP95Ms', 'sla.latencyP95Ms'],
  ])("gives %s the contract's limits and default for %s", (answer, path) => {
    const { min, max, default: value } = CONTRACT_NUMBER_SETTINGS[path];
    expect(properties[answer]).toMatchObject({
      type: 'integer',
      minimum: min,
      maximum: max,
      default: value,
    });
  });

  it("offers the contract's classifications and the action's field types", () => {
    expect(properties.classification.enum).toEqual([...CLASSIFICATIONS]);
    expect(fieldProperties.type.enum).toEqual([...EVENT_FIELD_TYPES]);
    expect(properties.description.minLength).toBe(MIN_DESCRIPTION_LENGTH);
  });
});
