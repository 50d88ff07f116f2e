import { AccessGrant } from '../contract/accessModel';
import { checkTagLimits } from './dataProductTags';
import { consumersToTags, tagsToConsumers } from './consumerTags';
import { TAG_KEYS } from './tagKeys';

const grant = (
  index: number,
  extra: Partial<AccessGrant> = {},
): AccessGrant => ({
  consumer: `system:consumer-system-number-${index}`,
  account: '222233334444',
  purpose: 'Reads the product for tests.',
  ...extra,
});

describe('consumer tags', () => {
  it('round-trips what the portal shows of each grant', () => {
    const grants = [
      grant(1, { events: 'all', table: 'without-pii' }),
      grant(2, { events: ['TradeExecuted'], expires: '2027-06-30' }),
      grant(3, { table: 'with-pii', piiApproval: 'DPO-1' }),
    ];
    const tags = consumersToTags(grants);
    expect(tags).toEqual({
      [TAG_KEYS.consumers]:
        'system:consumer-system-number-1=events+table system:consumer-system-number-2=events:TradeExecuted@2027-06-30 system:consumer-system-number-3=table-pii',
    });
    expect(tagsToConsumers(tags)).toEqual({
      consumers: [
        {
          consumer: 'system:consumer-system-number-1',
          events: true,
          table: 'without-pii',
        },
        {
          consumer: 'system:consumer-system-number-2',
          events: true,
          detailTypes: ['TradeExecuted'],
          expires: '2027-06-30',
        },
        {
          consumer: 'system:consumer-system-number-3',
          events: false,
          table: 'with-pii',
        },
      ],
      problems: [],
    });
  });

  it('continues in numbered tags rather than drop a consumer, each within AWS limits', () => {
    const grants = Array.from({ length: 20 }, (_, index) =>
      grant(index, { events: 'all', expires: '2027-06-30' }),
    );
    const tags = consumersToTags(grants);
    expect(Object.keys(tags)).toEqual([
      'datamesh:consumers',
      'datamesh:consumers-2',
      'datamesh:consumers-3',
      'datamesh:consumers-4',
    ]);
    expect(checkTagLimits(tags)).toEqual([]);
    expect(tagsToConsumers(tags).consumers.map(c => c.consumer)).toEqual(
      grants.map(g => g.consumer),
    );
  });

  it('spreads a detail-type list too long for one tag value over entries it merges back', () => {
    const detailTypes = Array.from(
      { length: 6 },
      (_, index) => `Event${String(index).repeat(50)}`,
    );
    const tags = consumersToTags([
      grant(1, { events: detailTypes, table: 'without-pii' }),
    ]);
    expect(checkTagLimits(tags)).toEqual([]);
    expect(Object.keys(tags).length).toBeGreaterThan(1);
    expect(tagsToConsumers(tags)).toEqual({
      consumers: [
        {
          consumer: 'system:consumer-system-number-1',
          events: true,
          detailTypes,
          table: 'without-pii',
        },
      ],
      problems: [],
    });
  });

  it('writes nothing without consumers', () => {
    expect(consumersToTags([])).toEqual({});
    expect(tagsToConsumers({})).toEqual({ consumers: [], problems: [] });
  });

  it('reports an unreadable entry and keeps the others', () => {
    expect(
      tagsToConsumers({
        [TAG_KEYS.consumers]:
          'system:a=events system:b=everything system:c system:d=table+table-pii user:e=table',
      }),
    ).toEqual({
      consumers: [{ consumer: 'system:a', events: true }],
      problems: [
        'tag datamesh:consumers has "system:b=everything", expected <system: or group: entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]',
        'tag datamesh:consumers has "system:c", expected <system: or group: entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]',
        'tag datamesh:consumers has "system:d=table+table-pii", expected <system: or group: entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]',
        'tag datamesh:consumers has "user:e=table", expected <system: or group: entity ref>=<events|table|table-pii joined by +>[@<yyyy-mm-dd>]',
      ],
    });
  });
});
