import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataProductContract } from './parseContract';
import { ContractValidationError } from './errors';

const examples = join(__dirname, '../../../../examples/domains');
const tradingText = readFileSync(
  join(examples, 'trading/data-product.yaml'),
  'utf8',
);

/** The 1-based line of the first line containing `snippet`. */
function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex(line => line.includes(snippet));
  if (index < 0) {
    throw new Error(`snippet not found: ${snippet}`);
  }
  return index + 1;
}

function issuesOf(text: string) {
  try {
    parseDataProductContract(text, {
      file: 'domains/trading/data-product.yaml',
    });
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).issues;
  }
  throw new Error('expected the contract to be rejected');
}

describe('parseDataProductContract', () => {
  it.each(['trading', 'credit', 'customer'])(
    'accepts the %s sample contract',
    domain => {
      const text = readFileSync(
        join(examples, domain, 'data-product.yaml'),
        'utf8',
      );
      const { contract } = parseDataProductContract(text);
      expect(contract.domain).toBe(domain);
      expect(contract.events.length).toBeGreaterThan(0);
    },
  );

  it('applies defaults for optional sections', () => {
    const minimal = [
      'apiVersion: datamesh.fintech/v1',
      'kind: DataProduct',
      'name: fx-rates',
      'domain: markets',
      'version: 0.1.0',
      'owner: group:markets-data',
      'description: Reference FX rates published every minute.',
      'classification: internal',
      'retention: { days: 30 }',
      'sla: { freshnessMinutes: 5, latencyP95Ms: 200 }',
      'events:',
      '  - { detailType: RatePublished, schema: schemas/rate-published.json, version: 1 }',
    ].join('\n');
    const { contract } = parseDataProductContract(minimal);
    expect(contract.storage.partitionKeys).toEqual(['event_date']);
    expect(contract.quality).toEqual([]);
    expect(contract.tags).toEqual({});
    expect(contract.events[0].piiFields).toEqual([]);
  });

  // One row per contract field: a mutation of the trading sample, the field
  // path the error must name, the line it must point to, and the message.
  const fieldCases: Array<[string, string, string, string, RegExp]> = [
    [
      'apiVersion',
      'apiVersion: datamesh.fintech/v1',
      'apiVersion: datamesh.fintech/v2',
      'apiVersion',
      /must be "datamesh.fintech\/v1"/,
    ],
    [
      'kind',
      'kind: DataProduct',
      'kind: Product',
      'kind',
      /must be "DataProduct"/,
    ],
    [
      'name',
      'name: trade-executions',
      'name: Trade Executions',
      'name',
      /not a valid dataProduct name/,
    ],
    [
      'domain',
      'domain: trading',
      'domain: Trading_Desk',
      'domain',
      /not a valid domain name/,
    ],
    ['version', 'version: 1.1.0', 'version: v1', 'version', /semantic version/],
    [
      'owner',
      'owner: group:trading-data',
      'owner: trading data team',
      'owner',
      /entity reference/,
    ],
    [
      'classification',
      'classification: confidential',
      'classification: secret',
      'classification',
      /must be one of public, internal, confidential, restricted/,
    ],
    [
      'compatibility',
      'classification: confidential',
      'compatibility: SIDEWAYS\nclassification: confidential',
      'compatibility',
      /^must be one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE \(got "SIDEWAYS"\)$/,
    ],
    [
      'retention.days',
      'days: 2555',
      'days: -1',
      'retention.days',
      /greater than or equal to 1/,
    ],
    [
      'retention.days (unit)',
      'days: 2555',
      'days: 99999',
      'retention.days',
      /at most 36500/,
    ],
    [
      'sla.freshnessMinutes',
      'freshnessMinutes: 15',
      'freshnessMinutes: fifteen',
      'sla.freshnessMinutes',
      /must be a number, not a string/,
    ],
    [
      'sla.latencyP95Ms',
      'latencyP95Ms: 500',
      'latencyP95Ms: 0.5',
      'sla.latencyP95Ms',
      /integer/,
    ],
    [
      'events[].detailType',
      'detailType: TradeExecuted',
      'detailType: trade_executed',
      'events[0].detailType',
      /PascalCase/,
    ],
    [
      'events[].source',
      'source: com.fintech.trading\n    schema: schemas/trade-executed.json',
      'source: aws.trading\n    schema: schemas/trade-executed.json',
      'events[0].source',
      /must not start with "aws."/,
    ],
    [
      'events[].schema',
      'schema: schemas/trade-executed.json',
      'schema: schemas/trade-executed.yaml',
      'events[0].schema',
      /\.json file/,
    ],
    [
      'events[].version',
      'version: 2',
      'version: 0',
      'events[0].version',
      /1 or more/,
    ],
    [
      'events[].piiFields',
      'piiFields: [trader_id]',
      'piiFields: [trader id]',
      'events[0].piiFields[0]',
      /dotted field path/,
    ],
    [
      'enrichment.referenceTable',
      'referenceTable: trading-instruments',
      'referenceTable: "x"',
      'enrichment.referenceTable',
      /DynamoDB table name/,
    ],
    [
      'enrichment.keyField',
      'keyField: instrument',
      'keyField: "instrument id"',
      'enrichment.keyField',
      /dotted field path/,
    ],
    [
      'enrichment.attributes',
      'attributes: [asset_class, issuer_name, listing_currency]',
      'attributes: [AssetClass]',
      'enrichment.attributes[0]',
      /columnName/,
    ],
    [
      'storage.database',
      'database: trading',
      'database: trading-db',
      'storage.database',
      /snake_case/,
    ],
    [
      'storage.table',
      'table: trade_executions',
      'table: trade-executions',
      'storage.table',
      /snake_case/,
    ],
    [
      'storage.partitionKeys',
      'partitionKeys: [event_date]',
      'partitionKeys: []',
      'storage.partitionKeys',
      /at least 1/,
    ],
    [
      'quality[].type',
      'type: not_null',
      'type: not-null',
      'quality[0].type',
      /must be one of not_null, unique, range, accepted_values, pattern/,
    ],
    [
      'quality[].field',
      'field: trade_id',
      'field: "trade id"',
      'quality[0].field',
      /dotted field path/,
    ],
    [
      'quality[].values',
      'values: [BUY, SELL]',
      'values: []',
      'quality[2].values',
      /at least 1/,
    ],
    [
      'tags key',
      "cost-center: '4711'",
      "'aws:cost-center': '4711'",
      'tags.aws:cost-center',
      /reserved/,
    ],
    [
      'tags value',
      "cost-center: '4711'",
      "cost-center: 'a,b'",
      'tags.cost-center',
      /may only contain/,
    ],
  ];

  it.each(fieldCases)(
    'names the field and line for a bad %s',
    (_label, from, to, path, message) => {
      expect(tradingText).toContain(from);
      const text = tradingText.replace(from, to);
      const issues = issuesOf(text);
      const issue = issues.find(candidate => candidate.path === path);
      expect(issue).toBeDefined();
      expect(issue!.message).toMatch(message);
      expect(issue!.file).toBe('domains/trading/data-product.yaml');
      expect(issue!.line).toBe(lineOf(text, to.split('\n')[0]));
      expect(issue!.column).toBeGreaterThan(0);
    },
  );

  it('applies the default compatibility mode, BACKWARD, and takes a declared one', () => {
    expect(parseDataProductContract(tradingText).contract.compatibility).toBe(
      'BACKWARD',
    );
    const declared = tradingText.replace(
      'classification: confidential',
      'classification: confidential\ncompatibility: FULL_TRANSITIVE',
    );
    expect(parseDataProductContract(declared).contract.compatibility).toBe(
      'FULL_TRANSITIVE',
    );
  });

  it('reports every problem at once, in source order', () => {
    const text = tradingText
      .replace('domain: trading', 'domain: Trading')
      .replace('classification: confidential', 'classification: secret')
      .replace('freshnessMinutes: 15', 'freshnessMinutes: -3');
    const issues = issuesOf(text);
    expect(issues.map(issue => issue.path)).toEqual([
      'domain',
      'classification',
      'sla.freshnessMinutes',
    ]);
    expect(issues.map(issue => issue.line)).toEqual([
      lineOf(text, 'domain: Trading'),
      lineOf(text, 'classification: secret'),
      lineOf(text, 'freshnessMinutes: -3'),
    ]);
  });

  it('formats all problems into the error message with file:line:column', () => {
    const text = tradingText.replace('domain: trading', 'domain: Trading');
    expect(() =>
      parseDataProductContract(text, { file: 'data-product.yaml' }),
    ).toThrow(
      `data-product.yaml:${lineOf(text, 'domain: Trading')}:9 domain: "Trading" is not a valid domain name`,
    );
  });

  it('points a missing required field at the parent mapping', () => {
    const text = tradingText.replace('  latencyP95Ms: 500\n', '');
    const issue = issuesOf(text).find(
      candidate => candidate.path === 'sla.latencyP95Ms',
    );
    expect(issue?.message).toBe('is required');
    expect(issue?.line).toBe(lineOf(text, 'freshnessMinutes: 15'));
  });

  it('points an unknown field at its key', () => {
    const text = tradingText.replace(
      '  latencyP95Ms: 500\n',
      '  latencyP95Ms: 500\n  uptime: 99.9\n',
    );
    const issue = issuesOf(text).find(
      candidate => candidate.path === 'sla.uptime',
    );
    expect(issue?.message).toBe('unknown field "uptime"');
    expect(issue?.line).toBe(lineOf(text, 'uptime: 99.9'));
  });

  it('rejects duplicate detail-types, duplicate partition keys and duplicate rule names', () => {
    const text = tradingText
      .replace('detailType: TradeCancelled', 'detailType: TradeExecuted')
      .replace(
        'partitionKeys: [event_date]',
        'partitionKeys: [event_date, event_date]',
      )
      .replace('name: positive-quantity', 'name: trade-id-present');
    const messages = issuesOf(text).map(
      issue => `${issue.path}: ${issue.message}`,
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^events\[1\]\.detailType: duplicates events\[0\]\.detailType/,
      ),
      'storage.partitionKeys[1]: partition key "event_date" is listed twice',
      'quality[1].name: quality rule name "trade-id-present" is used twice',
    ]);
  });

  it('rejects PII in a public product', () => {
    const text = tradingText.replace(
      'classification: confidential',
      'classification: public',
    );
    const issues = issuesOf(text);
    expect(issues.map(issue => issue.path)).toEqual([
      'events[0].piiFields',
      'events[1].piiFields',
    ]);
    expect(issues[0].message).toMatch(
      /public data product must not carry personal data/,
    );
  });

  it('checks range rules have bounds in order', () => {
    const noBounds = tradingText.replace('    min: 0.000001\n', '');
    expect(issuesOf(noBounds).map(issue => issue.message)).toEqual([
      'a range rule needs min, max or both',
    ]);
    const reversed = tradingText.replace(
      '    min: 0.000001\n',
      '    min: 10\n    max: 1\n',
    );
    expect(issuesOf(reversed)[0]).toMatchObject({
      path: 'quality[1].min',
      message: 'min (10) must not be greater than max (1)',
    });
  });

  it('checks quality rule patterns compile', () => {
    const credit = readFileSync(
      join(examples, 'credit/data-product.yaml'),
      'utf8',
    );
    const text = credit.replace(
      "pattern: '^APP-[0-9]{8}$'",
      "pattern: '^APP-[0-9'",
    );
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({
      path: 'quality[1].pattern',
      line: lineOf(text, "pattern: '^APP-[0-9'"),
    });
    expect(issues[0].message).toMatch(/not a valid regular expression/);
  });

  it('reports YAML syntax errors with their position', () => {
    const text = tradingText.replace('domain: trading', 'domain: [trading');
    const issues = issuesOf(text);
    expect(issues[0].message).toMatch(/^YAML syntax error/);
    expect(issues[0].line).toBeGreaterThanOrEqual(
      lineOf(text, 'domain: [trading'),
    );
  });

  it('reports duplicate keys as syntax errors', () => {
    const text = tradingText.replace(
      'domain: trading',
      'domain: trading\ndomain: credit',
    );
    expect(issuesOf(text)[0]).toMatchObject({
      line: lineOf(text, 'domain: credit'),
    });
  });

  it.each([
    ['an empty file', ''],
    ['a list', '- a\n- b\n'],
    ['a scalar', 'just text\n'],
  ])('rejects %s with a clear message', (_label, text) => {
    expect(issuesOf(text)[0].message).toMatch(/must be a YAML mapping/);
  });
});
