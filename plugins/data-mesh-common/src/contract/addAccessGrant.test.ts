import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessGrantRequest, addAccessGrant } from './addAccessGrant';
import { ContractValidationError } from './errors';

const samples = join(__dirname, '../../../../examples/domains');
const sample = (domain: string) =>
  readFileSync(join(samples, domain, 'data-product.yaml'), 'utf8');

const TODAY = new Date('2026-12-02T15:00:00Z');

/** Credit decisions reading trade executions: the request most docs show. */
const creditReadsTrades: AccessGrantRequest = {
  consumer: 'system:credit-credit-decisions',
  account: '222233334444',
  events: ['TradeExecuted'],
  table: 'without-pii',
  purpose: "Credit limits use the counterparty's recent trading.",
  piiApproval: 'DPO-2026-114',
};

function refusal(
  text: string,
  grant: AccessGrantRequest,
): Array<{ path: string; message: string }> {
  try {
    addAccessGrant(text, grant, { today: TODAY });
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).issues.map(
      ({ path, message }) => ({ path, message }),
    );
  }
  throw new Error('expected the request to be refused');
}

/** The lines of `after` that `before` does not have, when it only adds lines at one place. */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const updated = after.split('\n');
  let head = 0;
  while (head < old.length && old[head] === updated[head]) {
    head++;
  }
  let tail = 0;
  while (
    tail < old.length - head &&
    old[old.length - 1 - tail] === updated[updated.length - 1 - tail]
  ) {
    tail++;
  }
  expect(head + tail).toBe(old.length);
  return updated.slice(head, updated.length - tail);
}

describe('addAccessGrant', () => {
  it('creates the access section of a contract that has none, changing nothing else', () => {
    const before = sample('trading');
    const { text, contract, index } = addAccessGrant(
      before,
      creditReadsTrades,
      { today: TODAY },
    );
    expect(index).toBe(0);
    expect(addedLines(before, text)).toEqual([
      'access:',
      '  consumers:',
      '    - consumer: system:credit-credit-decisions',
      "      account: '222233334444'",
      '      events: [TradeExecuted]',
      '      table: without-pii',
      "      purpose: Credit limits use the counterparty's recent trading.",
      '      piiApproval: DPO-2026-114',
    ]);
    expect(contract.access.consumers).toEqual([creditReadsTrades]);
  });

  it('appends after the last consumer, keeping the comments of the section', () => {
    const before = sample('credit');
    const { text, contract, index } = addAccessGrant(
      before,
      {
        consumer: 'group:risk-analytics',
        account: '555566667777',
        table: 'without-pii',
        purpose: 'Ad hoc analysis of the approval rate by segment.',
        expires: '2027-03-31',
      },
      { today: TODAY },
    );
    expect(index).toBe(1);
    expect(text).toContain('# The customer domain shows an applicant');
    expect(addedLines(before, text)).toEqual([
      '    - consumer: group:risk-analytics',
      "      account: '555566667777'",
      '      table: without-pii',
      '      purpose: Ad hoc analysis of the approval rate by segment.',
      '      expires: 2027-03-31',
    ]);
    expect(contract.access.consumers.map(grant => grant.consumer)).toEqual([
      'system:customer-customer-onboarding',
      'group:risk-analytics',
    ]);
  });

  it.each<[string, string]>([
    ['an empty flow list', 'access:\n  consumers: []\n'],
    ['an access section without consumers', 'access: {}\n'],
  ])('adds the first consumer to %s', (_layout, access) => {
    const { contract } = addAccessGrant(
      `${sample('trading')}${access}`,
      creditReadsTrades,
      { today: TODAY },
    );
    expect(contract.access.consumers).toEqual([creditReadsTrades]);
  });

  it('accepts an expiry on the day of the request', () => {
    const { contract } = addAccessGrant(
      sample('customer'),
      {
        consumer: 'system:credit-credit-decisions',
        account: '222233334444',
        table: 'without-pii',
        purpose: 'Credit decisions check the residency of the applicant.',
        expires: '2026-12-02',
      },
      { today: TODAY },
    );
    expect(contract.access.consumers[0].expires).toBe('2026-12-02');
  });

  it.each<[string, string, Partial<AccessGrantRequest>, string, RegExp]>([
    [
      'an expiry in the past',
      'trading',
      { expires: '2026-12-01' },
      'access.consumers[0].expires',
      /2026-12-01 is in the past \(today is 2026-12-02\)/,
    ],
    [
      'a restricted product without an expiry',
      'customer',
      { events: undefined, piiApproval: undefined },
      'access.consumers[0].expires',
      /is required: a restricted product/,
    ],
    [
      'PII without a privacy approval',
      'trading',
      { events: undefined, table: 'with-pii', piiApproval: undefined },
      'access.consumers[0].piiApproval',
      /table: with-pii includes the PII columns/,
    ],
    [
      'an event the product does not have',
      'trading',
      { events: ['TradeSettled'] },
      'access.consumers[0].events[0]',
      /"TradeSettled" is not an event of this product/,
    ],
    [
      'an account without its 12 digits',
      'trading',
      { account: '2222' },
      'access.consumers[0].account',
      /12-digit AWS account id/,
    ],
    [
      'a consumer and account that already have access',
      'credit',
      {
        consumer: 'system:default/customer-customer-onboarding',
        account: '444455556666',
        events: 'all',
      },
      'access.consumers[1].consumer',
      /already has access: change its grant instead \(access\.consumers\[0\]\)/,
    ],
  ])('refuses %s, naming the field', (_case, domain, change, path, message) => {
    expect(
      refusal(sample(domain), { ...creditReadsTrades, ...change }),
    ).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('reports every problem of a request at once', () => {
    const paths = refusal(sample('customer'), {
      ...creditReadsTrades,
      events: undefined,
      table: 'with-pii',
      piiApproval: undefined,
      purpose: 'short',
    }).map(issue => issue.path);
    expect(paths.sort()).toEqual([
      'access.consumers[0].expires',
      'access.consumers[0].piiApproval',
      'access.consumers[0].purpose',
    ]);
  });

  it('refuses to edit a stored contract that does not parse', () => {
    expect(() =>
      addAccessGrant('name: [', creditReadsTrades, { today: TODAY }),
    ).toThrow(ContractValidationError);
  });
});
