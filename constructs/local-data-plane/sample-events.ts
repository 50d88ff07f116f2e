/** What the pipeline must make of a sample event; the local run checks it. */
export type ExpectedOutcome =
  | {
      readonly outcome: 'row';
      /** Rules the row breaks that the table report counts (`warn` rules, `unique`). */
      readonly reportedRules: readonly string[];
      /** Its reference item does not exist: a row with empty reference columns. */
      readonly missingReference: boolean;
    }
  | {
      readonly outcome: 'quarantined';
      /** The handler's quarantine reason. */
      readonly reason: string;
    };

/** One event a producer publishes in the local run, with what should become of it. */
export interface SampleEvent {
  readonly detailType: string;
  readonly time: Date;
  readonly detail: Record<string, unknown>;
  readonly expected: ExpectedOutcome;
}

/** Makes the `index`-th event of a day at `time`. */
type SampleFactory = (index: number, time: Date) => SampleEvent;

const row = (
  options: { reportedRules?: string[]; missingReference?: boolean } = {},
): ExpectedOutcome => ({
  outcome: 'row',
  reportedRules: options.reportedRules ?? [],
  missingReference: options.missingReference ?? false,
});
const quarantined = (reason: string): ExpectedOutcome => ({
  outcome: 'quarantined',
  reason,
});

/** In the trading reference data (`examples/domains/trading/reference-data`) ... */
const KNOWN_INSTRUMENTS = ['US0378331005', 'GB0002634946', 'DE0001102580'];
/** ... and not. */
const UNKNOWN_INSTRUMENT = 'FR0000120271';

const digits = (value: number, length: number) =>
  String(value).padStart(length, '0');
const dayKey = (time: Date) =>
  time.toISOString().slice(0, 10).replace(/-/g, '');

/**
 * The sample products' events, one factory per product. Each cycles
 * through valid events, events missing their reference data, and events
 * that break the schema, an `error` quality rule or a reported rule, in
 * fixed proportions, so the expected result of every day is known.
 */
const FACTORIES: Record<string, SampleFactory> = {
  'trade-executions': (index, time) => {
    const tradeId = `T-${dayKey(time)}-${digits(index, 6)}`;
    const instrument = KNOWN_INSTRUMENTS[index % KNOWN_INSTRUMENTS.length];
    if (index % 10 === 9) {
      return {
        detailType: 'TradeCancelled',
        time,
        detail: {
          trade_id: tradeId,
          instrument,
          reason: 'CLIENT_REQUEST',
          cancelled_by: `E${digits(index % 7, 5)}`,
          cancelled_at: time.toISOString(),
        },
        expected: row(),
      };
    }
    const executed = (
      overrides: Record<string, unknown>,
      expected: ExpectedOutcome,
    ): SampleEvent => ({
      detailType: 'TradeExecuted',
      time,
      detail: {
        trade_id: tradeId,
        instrument,
        quantity: 10 + (index % 90),
        price: 101.25,
        currency: 'USD',
        trader_id: `E${digits(index % 7, 5)}`,
        direction: index % 2 === 0 ? 'BUY' : 'SELL',
        exchange: 'XLON',
        venue_order_id: `V${index}`,
        executed_at: time.toISOString(),
        ...overrides,
      },
      expected,
    });
    switch (index % 20) {
      case 4:
        return executed({ quantity: -5 }, quarantined('schema-violation'));
      case 7:
        // Positive, so the schema accepts it; below the contract's positive-quantity floor (error).
        return executed(
          { quantity: 0.0000001 },
          quarantined('quality-rule-violation'),
        );
      case 12:
        return executed(
          { instrument: UNKNOWN_INSTRUMENT },
          row({ missingReference: true }),
        );
      default:
        return executed({}, row());
    }
  },

  'credit-decisions': (index, time) => {
    const decision = index % 3 === 0 ? 'DECLINED' : 'APPROVED';
    return {
      detailType: 'CreditDecision',
      time,
      detail: {
        application_id: `APP-${dayKey(time).slice(2)}${digits(index, 2).slice(-2)}`,
        customer_id: `C${digits(index, 9)}`,
        decision,
        // The schema and the score-in-range rule agree (300-850): out of range is a schema violation.
        credit_score: index % 15 === 5 ? 900 : 580 + (index % 200),
        approved_limit: decision === 'APPROVED' ? 5000 + index : 0,
        currency: 'EUR',
        reason_codes: ['RC01', 'RC07'],
        model_version: 'pd-2026.11',
        decided_at: time.toISOString(),
      },
      expected: index % 15 === 5 ? quarantined('schema-violation') : row(),
    };
  },

  'customer-onboarding': (index, time) => {
    // Every 11th repeats the previous (valid) customer: the unique rule's report counts it.
    const repeats = index % 11 === 10 && (index - 1) % 13 !== 6;
    const customerNumber = repeats ? index - 1 : index;
    const segment = ['RETAIL', 'SME', 'CORPORATE'][index % 3];
    const pending = index % 8 === 3;
    const badEmail = index % 13 === 6;
    return {
      detailType: 'CustomerOnboarded',
      time,
      detail: {
        customer_id: `C${dayKey(time).slice(4)}${digits(customerNumber, 5)}`,
        full_name: `Customer ${customerNumber}`,
        email: badEmail
          ? 'not an email'
          : `customer${customerNumber}@example.com`,
        date_of_birth: '1990-04-12',
        country: 'GB',
        segment,
        kyc_status: pending ? 'PENDING' : 'PASSED',
        address: {
          line1: `${index} High Street`,
          city: 'London',
          postcode: 'EC1A 1BB',
          country: 'GB',
        },
        onboarded_at: time.toISOString(),
        risk_rating: 'LOW',
      },
      expected: badEmail
        ? quarantined('schema-violation')
        : row({
            reportedRules: [
              ...(pending ? ['kyc-passed'] : []),
              ...(repeats ? ['customer-id-unique'] : []),
            ],
            // The customer reference data has no CORPORATE segment.
            missingReference: segment === 'CORPORATE',
          }),
    };
  },
};

/** The sample products the local run knows how to feed. */
export const SAMPLE_PRODUCTS = Object.keys(FACTORIES);

/**
 * `perDay` events a day for `days` days up to `now` (today first), spread
 * over each day's business hours; every event gets its day's date partition.
 *
 * @throws Error for a product without sample events.
 */
export function sampleEvents(
  product: string,
  options: {
    readonly days: number;
    readonly perDay: number;
    readonly now: Date;
  },
): SampleEvent[] {
  const factory = FACTORIES[product];
  if (!factory) {
    throw new Error(
      `no sample events for data product ${product}; the local run has samples for ${SAMPLE_PRODUCTS.join(', ')}`,
    );
  }
  const events: SampleEvent[] = [];
  const today = Date.UTC(
    options.now.getUTCFullYear(),
    options.now.getUTCMonth(),
    options.now.getUTCDate(),
  );
  const dayMillis = 24 * 3600 * 1000;
  for (let day = 0; day < options.days; day++) {
    const start = today - day * dayMillis;
    // Today's events end before now, so none is in the future.
    const span =
      day === 0
        ? Math.max(1, options.now.getTime() - start - 1000)
        : dayMillis - 1000;
    for (let index = 0; index < options.perDay; index++) {
      const offset = Math.floor((span * index) / options.perDay);
      events.push(factory(index, new Date(start + offset - (offset % 1000))));
    }
  }
  return events;
}
