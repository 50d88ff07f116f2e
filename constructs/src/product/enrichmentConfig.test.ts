import { sampleHandlerConfig } from '../testing/sampleContracts';

describe('buildEnrichmentHandlerConfig', () => {
  it('gives each event the quality rules on its own fields, severity defaulted', () => {
    const { events } = sampleHandlerConfig('trading');
    expect(events.TradeExecuted.qualityRules).toEqual([
      {
        name: 'trade-id-present',
        field: 'trade_id',
        severity: 'error',
        type: 'not_null',
      },
      {
        name: 'positive-quantity',
        field: 'quantity',
        severity: 'error',
        type: 'range',
        min: 0.000001,
      },
      {
        name: 'known-direction',
        field: 'direction',
        severity: 'error',
        type: 'accepted_values',
        values: ['BUY', 'SELL'],
      },
    ]);
    // A cancellation has no quantity or direction: those rules are not its.
    expect(events.TradeCancelled.qualityRules).toEqual([
      expect.objectContaining({ name: 'trade-id-present' }),
    ]);
  });

  it('leaves unique rules to the table report', () => {
    const { events } = sampleHandlerConfig('customer');
    expect(events.CustomerOnboarded.qualityRules).toEqual([
      {
        name: 'kyc-passed',
        field: 'kyc_status',
        severity: 'warn',
        type: 'accepted_values',
        values: ['PASSED'],
      },
    ]);
  });

  it('keeps pattern rules as written', () => {
    const { events } = sampleHandlerConfig('credit');
    expect(events.CreditDecision.qualityRules).toContainEqual({
      name: 'application-id-format',
      field: 'application_id',
      severity: 'warn',
      type: 'pattern',
      pattern: '^APP-[0-9]{8}$',
    });
  });
});
