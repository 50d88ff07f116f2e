import {
  checkFieldColumn,
  columnNameFor,
  DERIVED_PARTITION_KEYS,
  ENVELOPE_COLUMNS,
  RESERVED_COLUMN_NAMES,
} from './columns';
import {
  applyContractDefaults,
  CONTRACT_NUMBER_SETTINGS,
} from './contract/model';

describe('reserved columns', () => {
  it('gives a reason for every envelope column and derived partition key, and nothing else', () => {
    expect(Object.keys(RESERVED_COLUMN_NAMES).sort()).toEqual(
      [...ENVELOPE_COLUMNS, ...DERIVED_PARTITION_KEYS].sort(),
    );
  });

  it('refuses a field whose column the platform writes, naming the field and why', () => {
    expect(checkFieldColumn('event_time')).toBe(
      `"event_time" is reserved: "event_time" is an envelope column: the EventBridge event's time, added to every table by the platform; rename the field`,
    );
    expect(checkFieldColumn('eventDate')).toContain(
      '"eventDate" is reserved (it would become column "event_date"): "event_date" is a partition key',
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the JavaScript property name %s',
    name => {
      expect(checkFieldColumn(name)).toContain(`"${name}" is reserved: it is`);
    },
  );

  it.each(['trade_id', 'toString', 'hasOwnProperty', 'valueOf'])(
    'accepts %s (not a platform column, not an own property of the lists)',
    name => {
      expect(checkFieldColumn(name)).toBeUndefined();
    },
  );

  it('snake-cases property names as the Glue columns do', () => {
    expect(columnNameFor('tradeId')).toBe('trade_id');
    expect(columnNameFor('trade_id')).toBe('trade_id');
    expect(columnNameFor('3ds-result')).toBe('_3ds_result');
  });
});

describe('applyContractDefaults', () => {
  it('fills in each omitted numeric setting and keeps the given ones', () => {
    expect(
      applyContractDefaults({ name: 'x', sla: { freshnessMinutes: 30 } }),
    ).toEqual({
      defaulted: ['retention.days', 'sla.latencyP95Ms'],
      contract: {
        name: 'x',
        retention: { days: CONTRACT_NUMBER_SETTINGS['retention.days'].default },
        sla: {
          freshnessMinutes: 30,
          latencyP95Ms: CONTRACT_NUMBER_SETTINGS['sla.latencyP95Ms'].default,
        },
      },
    });
  });

  it('leaves a setting of the wrong shape for the schema to report', () => {
    const { contract, defaulted } = applyContractDefaults({
      retention: 'forever',
    });
    expect(contract.retention).toBe('forever');
    expect(defaulted).not.toContain('retention.days');
  });
});
