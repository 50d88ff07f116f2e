import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataProductContract } from './parseContract';
import { checkContractSchemas } from './checkContractSchemas';
import { ContractValidationError } from './errors';

const examples = join(__dirname, '../../../../examples/domains');

function load(domain: string, edit: (text: string) => string = text => text) {
  const text = edit(
    readFileSync(join(examples, domain, 'data-product.yaml'), 'utf8'),
  );
  return {
    text,
    parsed: parseDataProductContract(text, {
      file: `${domain}/data-product.yaml`,
    }),
  };
}

const readFrom =
  (domain: string, overrides: Record<string, string> = {}) =>
  (path: string) =>
    overrides[path] ?? readFileSync(join(examples, domain, path), 'utf8');

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractValidationError);
    return (error as ContractValidationError).issues;
  }
  throw new Error('expected a ContractValidationError');
}

const lineOf = (text: string, snippet: string) =>
  text.split('\n').findIndex(line => line.includes(snippet)) + 1;

describe('checkContractSchemas', () => {
  it.each(['trading', 'credit', 'customer'])(
    'accepts the %s sample and returns its detail schemas',
    domain => {
      const { parsed } = load(domain);
      const schemas = checkContractSchemas(parsed, readFrom(domain));
      expect(Object.keys(schemas)).toEqual(
        parsed.contract.events.map(event => event.detailType),
      );
    },
  );

  it('reports a missing schema file at the contract line that names it', () => {
    const { text, parsed } = load('trading', t =>
      t.replace('schemas/trade-cancelled.json', 'schemas/missing.json'),
    );
    const issues = issuesOf(() =>
      checkContractSchemas(parsed, readFrom('trading')),
    );
    expect(issues).toEqual([
      {
        path: 'events[1].schema',
        message: 'cannot read schema file "schemas/missing.json"',
        file: 'trading/data-product.yaml',
        line: lineOf(text, 'schemas/missing.json'),
        column: 13,
      },
    ]);
  });

  it('reports invalid JSON in a schema file with its line', () => {
    const { parsed } = load('trading');
    const broken =
      '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" }\n  \n';
    const issues = issuesOf(() =>
      checkContractSchemas(
        parsed,
        readFrom('trading', { 'schemas/trade-cancelled.json': broken }),
      ),
    );
    expect(issues[0]).toMatchObject({
      file: 'schemas/trade-cancelled.json',
      message: expect.stringMatching(/^not valid JSON/),
    });
    expect(issues[0].line).toBeGreaterThanOrEqual(5);
  });

  it('rejects a schema that is not an object schema', () => {
    const { parsed } = load('trading');
    const issues = issuesOf(() =>
      checkContractSchemas(
        parsed,
        readFrom('trading', {
          'schemas/trade-cancelled.json': '{"type": "string"}',
        }),
      ),
    );
    expect(issues[0]).toMatchObject({
      file: 'schemas/trade-cancelled.json',
      message: 'an event schema must be "type": "object" with "properties"',
    });
  });

  it('checks PII fields, the enrichment key, quality fields and partition keys against the schemas', () => {
    const { text, parsed } = load('customer', t =>
      t
        .replace('address.postcode]', 'address.zip]')
        .replace('keyField: segment', 'keyField: customer_segment')
        .replace('field: kyc_status', 'field: kyc_state')
        .replace(
          'partitionKeys: [event_date]',
          'partitionKeys: [event_date, address]',
        ),
    );
    const issues = issuesOf(() =>
      checkContractSchemas(parsed, readFrom('customer')),
    );
    expect(
      issues.map(issue => [issue.path, issue.line, issue.message]),
    ).toEqual([
      [
        'events[0].piiFields[4]',
        lineOf(text, 'address.zip'),
        'PII field "address.zip" does not exist in schemas/customer-onboarded.json',
      ],
      [
        'enrichment.keyField',
        lineOf(text, 'keyField: customer_segment'),
        'enrichment key "customer_segment" does not exist in the schema of CustomerOnboarded',
      ],
      [
        'quality[1].field',
        lineOf(text, 'field: kyc_state'),
        'field "kyc_state" exists in none of the product\'s event schemas',
      ],
      [
        'storage.partitionKeys[1]',
        lineOf(text, 'partitionKeys: [event_date, address]'),
        'partition key "address" must be event_date or event_hour or a top-level scalar field, and CustomerOnboarded has no such field',
      ],
    ]);
  });

  it('refuses top-level fields that take a platform column or share a column', () => {
    const { parsed } = load('trading');
    const file = 'schemas/trade-executed.json';
    const schema = JSON.parse(readFrom('trading')(file));
    schema.properties.ingested_at = { type: 'string' };
    schema.properties.tradeId = { type: 'string' };
    const issues = issuesOf(() =>
      checkContractSchemas(
        parsed,
        readFrom('trading', { [file]: JSON.stringify(schema) }),
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        file,
        path: 'properties.ingested_at',
        message: expect.stringContaining(
          'field "ingested_at" is reserved: "ingested_at" is an envelope column',
        ),
      }),
      expect.objectContaining({
        file,
        path: 'properties.tradeId',
        message:
          'fields "trade_id" and "tradeId" would both become column "trade_id"; rename one',
      }),
    ]);
  });
});
