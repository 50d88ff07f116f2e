import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataProductContract } from './parseContract';
import { ContractValidationError } from './errors';
import { grantsOnDay } from './accessExpiry';

const examples = join(__dirname, '../../../../examples/domains');
const sample = (domain: string) =>
  readFileSync(join(examples, domain, 'data-product.yaml'), 'utf8');

/** The trading sample with one consumer, whose lines are given. */
const tradingWith = (...grantLines: string[]) =>
  `${sample('trading')}access:\n  consumers:\n    - ${grantLines.join('\n      ')}\n`;

const CREDIT = [
  'consumer: system:credit-credit-decisions',
  "account: '222233334444'",
  'purpose: Credit limits use the counterparty recent trading.',
];

function issuesOf(text: string) {
  try {
    parseDataProductContract(text, { file: 'trading/data-product.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).issues.map(issue => ({
      path: issue.path,
      message: issue.message,
      line: issue.line,
    }));
  }
  throw new Error('expected the contract to be rejected');
}

describe('the access section', () => {
  it('is empty when absent', () => {
    const { contract } = parseDataProductContract(sample('trading'));
    expect(contract.access).toEqual({ consumers: [] });
  });

  it('reads the credit sample grant', () => {
    const { contract } = parseDataProductContract(sample('credit'));
    expect(contract.access.consumers).toEqual([
      expect.objectContaining({
        consumer: 'system:customer-customer-onboarding',
        account: '444455556666',
        events: 'all',
        table: 'without-pii',
        piiApproval: 'DPO-2026-031',
      }),
    ]);
  });

  it('accepts a table grant without PII and without approval', () => {
    const { contract } = parseDataProductContract(
      tradingWith(...CREDIT, 'table: without-pii'),
    );
    expect(contract.access.consumers[0].table).toBe('without-pii');
  });

  it.each<[string, string[], string, RegExp]>([
    [
      'events carrying PII without an approval',
      ['events: [TradeExecuted]'],
      'access.consumers[0].piiApproval',
      /^is required: events TradeExecuted carry trader_id, and personal data goes only to consumers approved for it/,
    ],
    [
      'every event (all carry PII) without an approval',
      ['events: all'],
      'access.consumers[0].piiApproval',
      /events TradeExecuted carry trader_id; events TradeCancelled carry cancelled_by/,
    ],
    [
      'PII columns without an approval',
      ['table: with-pii'],
      'access.consumers[0].piiApproval',
      /table: with-pii includes the PII columns/,
    ],
    [
      'an event the product does not have',
      ['events: [TradeSettled]', 'piiApproval: DPO-1'],
      'access.consumers[0].events[0]',
      /^"TradeSettled" is not an event of this product \(it has TradeExecuted, TradeCancelled\)$/,
    ],
    [
      'a grant of nothing',
      [],
      'access.consumers[0]',
      /^grants nothing: set events, table or both$/,
    ],
    [
      'an unknown table level',
      ['table: everything'],
      'access.consumers[0].table',
      /^must be one of without-pii, with-pii \(got "everything"\)$/,
    ],
    [
      'a date that is not one',
      ['table: without-pii', 'expires: 2027-02-30'],
      'access.consumers[0].expires',
      /^must be a calendar date such as 2027-06-30$/,
    ],
  ])('refuses %s, naming the field', (_case, lines, path, message) => {
    const issues = issuesOf(tradingWith(...CREDIT, ...lines));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toMatch(message);
  });

  it('refuses an unquoted account id, saying why', () => {
    const issues = issuesOf(
      tradingWith(
        'consumer: system:credit-credit-decisions',
        'account: 222233334444',
        'purpose: Credit limits use the counterparty recent trading.',
        'table: without-pii',
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'access.consumers[0].account',
        message: expect.stringMatching(/in quotes/),
      }),
    ]);
  });

  it('refuses a consumer given without its kind', () => {
    const issues = issuesOf(
      tradingWith(
        'consumer: credit-credit-decisions',
        "account: '222233334444'",
        'purpose: Credit limits use the counterparty recent trading.',
        'table: without-pii',
      ),
    );
    expect(issues[0].path).toBe('access.consumers[0].consumer');
    expect(issues[0].message).toMatch(/System or Group with its kind/);
  });

  it('requires an expiry on a restricted product, pointing at the grant', () => {
    const text = `${sample('customer')}access:\n  consumers:\n    - ${[
      'consumer: system:credit-credit-decisions',
      "account: '222233334444'",
      'purpose: Credit decisions check the applicant onboarding state.',
      'table: without-pii',
    ].join('\n      ')}\n`;
    const issues = issuesOf(text);
    expect(issues).toEqual([
      {
        path: 'access.consumers[0].expires',
        message: expect.stringMatching(
          /^is required: a restricted product is shared for a limited time only/,
        ),
        line:
          text
            .split('\n')
            .indexOf('    - consumer: system:credit-credit-decisions') + 1,
      },
    ]);
  });

  it('refuses the same consumer and account twice', () => {
    const grant = [...CREDIT, 'table: without-pii'].join('\n      ');
    const issues = issuesOf(
      `${sample('trading')}access:\n  consumers:\n    - ${grant}\n    - ${grant}\n`,
    );
    expect(issues.map(issue => [issue.path, issue.message])).toEqual([
      [
        'access.consumers[1].consumer',
        'duplicates access.consumers[0] (system:credit-credit-decisions, account 222233334444); change that grant instead',
      ],
    ]);
  });
});

describe('one grant per bus and per Lake Formation reader', () => {
  const grant = (...lines: string[]) => lines.join('\n      ');
  const twoGrants = (first: string, second: string) =>
    `${sample('trading')}access:\n  consumers:\n    - ${first}\n    - ${second}\n`;

  it('refuses a second grant forwarding events to the same account', () => {
    const issues = issuesOf(
      twoGrants(
        grant(
          ...CREDIT,
          'table: without-pii',
          'events: [TradeExecuted]',
          'piiApproval: DPO-1',
        ),
        grant(
          'consumer: group:credit-risk',
          "account: '222233334444'",
          'purpose: Ad hoc analysis of cancelled trades.',
          'events: [TradeCancelled]',
          'piiApproval: DPO-2',
        ),
      ),
    );
    expect(issues.map(issue => issue.path)).toEqual([
      'access.consumers[1].events',
    ]);
    expect(issues[0].message).toMatch(
      /^account 222233334444 already receives this product's events through access\.consumers\[0\]/,
    );
  });

  it('refuses a second table grant to the same reader, but not to another role of its account', () => {
    const other = (role?: string) =>
      grant(
        'consumer: group:credit-risk',
        "account: '222233334444'",
        ...(role ? [`role: ${role}`] : []),
        'purpose: Ad hoc analysis of the traded volumes.',
        'table: without-pii',
      );
    const first = grant(...CREDIT, 'table: without-pii');
    expect(
      issuesOf(twoGrants(first, other())).map(issue => [
        issue.path,
        issue.message.split(':')[0],
      ]),
    ).toEqual([
      [
        'access.consumers[1].table',
        'account 222233334444 already reads the table through access.consumers[0]',
      ],
    ]);
    expect(() =>
      parseDataProductContract(twoGrants(first, other('credit-analysts'))),
    ).not.toThrow();
  });

  it('treats one consumer spelt two ways as a duplicate', () => {
    const issues = issuesOf(
      twoGrants(
        grant(...CREDIT, 'table: without-pii'),
        grant(
          'consumer: System:default/Credit-Credit-Decisions',
          "account: '222233334444'",
          'purpose: Credit limits use the counterparty recent trading.',
          'table: without-pii',
        ),
      ),
    );
    expect(issues.map(issue => issue.path)).toContain(
      'access.consumers[1].consumer',
    );
  });
});

describe("the schemas' tag budget", () => {
  // The trading sample: 2 owner's tags, 12 of metadata and one of PII
  // fields on each schema; 35 more owner's tags make exactly 50.
  const withOwnerTags = (extra: number) =>
    `${sample('trading')}${Array.from(
      { length: extra },
      (_, i) => `  team-tag-${i}: x\n`,
    ).join('')}`;
  const withConsumers = (text: string, grants: string[][]) =>
    `${text}access:\n  consumers:\n${grants
      .map(lines => `    - ${lines.join('\n      ')}\n`)
      .join('')}`;
  const reader = (index: number) => [
    `consumer: system:consumer-system-number-${index}`,
    `account: '${String(222200000000 + index)}'`,
    'purpose: Reads the product for the tag budget.',
    'table: without-pii',
    'expires: 2027-06-30',
  ];

  it('takes a contract whose schemas carry exactly 50 tags', () => {
    expect(() => parseDataProductContract(withOwnerTags(35))).not.toThrow();
  });

  it('refuses the consumer one tag too many, naming the product, the count and each part', () => {
    const text = withConsumers(withOwnerTags(35), [
      CREDIT.concat('table: without-pii'),
    ]);
    expect(issuesOf(text)).toEqual([
      {
        path: 'access.consumers',
        message:
          "the schema of TradeExecuted of data product trading/trade-executions would carry 51 tags, but AWS allows at most 50 per resource: the owner's 37 tags (tags), 13 tags of data mesh metadata and 1 tag listing the consumers (access.consumers, as datamesh:consumers). Remove grants no longer needed, or some of the owner's tags",
        line: text.split('\n').indexOf('  consumers:') + 2,
      },
    ]);
  });

  it('refuses a list of consumers too long for the tags on its own', () => {
    const text = withConsumers(
      sample('trading'),
      Array.from({ length: 200 }, (_, i) => reader(i)),
    );
    const error = (() => {
      try {
        parseDataProductContract(text, { file: 'trading/data-product.yaml' });
      } catch (caught) {
        return caught as ContractValidationError;
      }
      throw new Error('expected the contract to be rejected');
    })();
    // The file, line and field, then the product and the parts.
    expect(error.message).toMatch(
      /^Invalid data product contract trading\/data-product\.yaml \(1 problem\):\n {2}- trading\/data-product\.yaml:\d+:\d+ access\.consumers: the schema of TradeExecuted of data product trading\/trade-executions would carry (\d+) tags, but AWS allows at most 50 per resource: the owner's 2 tags \(tags\), 13 tags of data mesh metadata and (\d+) tags listing the consumers \(access\.consumers, as datamesh:consumers to datamesh:consumers-\2\)/,
    );
    const [, total, consumers] =
      /carry (\d+) tags.* and (\d+) tags listing/.exec(error.message)!;
    expect(Number(total)).toBe(2 + 13 + Number(consumers));
    expect(Number(total)).toBeGreaterThan(50);
  });

  it('blames the owner’s tags when there are no consumers', () => {
    expect(issuesOf(withOwnerTags(36))).toEqual([
      expect.objectContaining({
        path: 'tags',
        message: expect.stringMatching(
          /^the schema of TradeExecuted of data product trading\/trade-executions would carry 51 tags, .*: the owner's 38 tags \(tags\), 13 tags of data mesh metadata and 0 tags listing the consumers \(access\.consumers\)\./,
        ),
      }),
    ]);
  });
});

describe('grantsOnDay', () => {
  const grant = (expires?: string) => ({
    consumer: 'group:credit-risk',
    account: '222233334444',
    purpose: 'Ad-hoc credit investigations.',
    table: 'without-pii' as const,
    expires,
  });

  it('keeps a grant through its last day, warns within 30 days, drops it after', () => {
    const open = grant();
    const lastDay = grant('2026-12-02');
    const inThirty = grant('2027-01-01');
    const inThirtyOne = grant('2027-01-02');
    const ended = grant('2026-12-01');
    const result = grantsOnDay(
      [open, lastDay, inThirty, inThirtyOne, ended],
      new Date('2026-12-02T23:30:00Z'),
    );
    expect(result.active).toEqual([open, lastDay, inThirty, inThirtyOne]);
    expect(result.expiringSoon).toEqual([
      { grant: lastDay, daysLeft: 0 },
      { grant: inThirty, daysLeft: 30 },
    ]);
    expect(result.expired).toEqual([ended]);
  });
});
