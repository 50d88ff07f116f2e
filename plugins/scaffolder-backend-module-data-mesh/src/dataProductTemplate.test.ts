import {
  CLASSIFICATIONS,
  COMPATIBILITY_MODES,
  DEFAULT_COMPATIBILITY_MODE,
  CONTRACT_NUMBER_SETTINGS,
  ContractNumberPath,
  MIN_DESCRIPTION_LENGTH,
  NAME_RULES,
  NameKind,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { EVENT_FIELD_TYPES } from './schema/eventFields';
import {
  FormProperty,
  formProperties,
  templateFile,
} from './__testUtils__/templateForm';

/**
 * The template's form repeats rules whose source is the common package
 * (JSON Schema in YAML cannot import them): this test is what keeps the
 * copies equal, so the form never accepts an answer a later step refuses.
 */
const properties = formProperties('data-product');
const fieldProperties = properties.fields.items!.properties;

describe('the data product template form', () => {
  it.each<[string, FormProperty, NameKind]>([
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

  it('picks the domain from the Domain entities of the catalog', () => {
    expect(properties.domain).toMatchObject({
      type: 'string',
      'ui:field': 'EntityPicker',
      'ui:options': {
        catalogFilter: { kind: 'Domain' },
        allowArbitraryValues: false,
      },
    });
  });

  it('gives the steps the domain name, not the entity ref the picker answers', () => {
    const { steps } = parse(readFileSync(templateFile('data-product'), 'utf8'))
      .spec as { steps: unknown[] };
    const text = JSON.stringify(steps);
    const rawUses = text.match(
      /parameters\.domain(?! \| parseEntityRef \| pick\('name'\))/g,
    );
    expect(rawUses).toBeNull();
    expect(text).toContain("parameters.domain | parseEntityRef | pick('name')");
  });

  it("offers the contract's classifications and compatibility modes and the action's field types", () => {
    expect(properties.classification.enum).toEqual([...CLASSIFICATIONS]);
    expect(properties.compatibility.enum).toEqual([...COMPATIBILITY_MODES]);
    expect(properties.compatibility.default).toBe(DEFAULT_COMPATIBILITY_MODE);
    expect(fieldProperties.type.enum).toEqual([...EVENT_FIELD_TYPES]);
    expect(properties.description.minLength).toBe(MIN_DESCRIPTION_LENGTH);
  });
});
