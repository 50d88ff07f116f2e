import {
  ACCESS_GRANT_PATTERNS,
  MIN_PURPOSE_LENGTH,
  NAME_RULES,
  TABLE_ACCESS_LEVELS,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  FormProperty,
  formProperties,
  templateFile,
} from './__testUtils__/templateForm';

/**
 * The access request form repeats the contract's grant rules (JSON Schema
 * in YAML cannot import them): this test keeps the copies equal, so the
 * form never accepts an answer the propose step refuses for its form.
 */
const template = parse(
  readFileSync(templateFile('data-product-access'), 'utf8'),
);
const properties = formProperties('data-product-access');
const unanchored = (pattern: RegExp) =>
  pattern.source.replace(/^\^/, '').replace(/\$$/, '');

describe('the data product access template form', () => {
  it.each<[string, RegExp]>([
    ['account', ACCESS_GRANT_PATTERNS.account],
    ['role', ACCESS_GRANT_PATTERNS.role],
    ['piiApproval', ACCESS_GRANT_PATTERNS.piiApproval],
  ])("checks %s with the contract's pattern", (answer, pattern) => {
    expect(properties[answer].pattern).toBe(pattern.source);
  });

  it('takes the product as <domain>/<product> with the naming rules', () => {
    expect(properties.product.pattern).toBe(
      `^${unanchored(NAME_RULES.domain.pattern)}/${unanchored(NAME_RULES.dataProduct.pattern)}$`,
    );
  });

  it('lists detail-types with their naming rule', () => {
    const [, some] = template.spec.parameters[1].dependencies.events.oneOf;
    const item: FormProperty = some.properties.detailTypes.items;
    expect(item.pattern).toBe(NAME_RULES.detailType.pattern.source);
    expect(item.maxLength).toBe(NAME_RULES.detailType.maxLength);
  });

  it("offers the contract's table levels, and none", () => {
    expect(properties.table.enum).toEqual([...TABLE_ACCESS_LEVELS, 'none']);
    expect(properties.purpose.minLength).toBe(MIN_PURPOSE_LENGTH);
  });

  it('picks the consumer among the Systems and Groups of the catalog', () => {
    expect(properties.consumer).toMatchObject({
      'ui:field': 'EntityPicker',
      'ui:options': {
        catalogFilter: { kind: ['System', 'Group'] },
        allowArbitraryValues: false,
      },
    });
  });
});
