import {
  CONTRACT_NUMBER_SETTINGS,
  MIN_DESCRIPTION_LENGTH,
  NAME_RULES,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { formProperties } from './__testUtils__/templateForm';

/**
 * The domain template's form repeats rules whose source is the common
 * package (JSON Schema in YAML cannot import them): this test keeps the
 * copies equal, so the form never accepts a domain the constructs refuse.
 */
const properties = formProperties('data-domain');

describe('the data domain template form', () => {
  it("checks the domain name with the common package's naming rule", () => {
    expect(properties.domain.pattern).toBe(NAME_RULES.domain.pattern.source);
    expect(properties.domain.maxLength).toBe(NAME_RULES.domain.maxLength);
  });

  it("bounds the data retention like a contract's, with the domain's default", () => {
    const {
      min,
      max,
      default: value,
    } = CONTRACT_NUMBER_SETTINGS['retention.days'];
    expect(properties.dataRetentionDays).toMatchObject({
      type: 'integer',
      minimum: min,
      maximum: max,
      default: value,
    });
  });

  it('asks for an owner group and a description the catalog accepts', () => {
    expect(properties.owner).toMatchObject({
      'ui:field': 'OwnerPicker',
      'ui:options': { catalogFilter: { kind: 'Group' } },
    });
    expect(properties.description.minLength).toBe(MIN_DESCRIPTION_LENGTH);
  });

  it.each([
    ['ops-payments@example.com', true],
    ['arn:aws:sns:eu-west-1:111111111111:payments-alarms', true],
    ['', false],
    ['not an address', false],
    ['arn:aws:sqs:eu-west-1:111111111111:queue', false],
  ])('accepts %p as an alarm destination: %p', (answer, accepted) => {
    expect(new RegExp(properties.alarmDestination.pattern!).test(answer)).toBe(
      accepted,
    );
  });
});
