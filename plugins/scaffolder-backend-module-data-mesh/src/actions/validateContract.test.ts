import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  CONTRACT_NUMBER_SETTINGS,
  parseDataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createValidateContractAction } from './validateContract';

// eslint-disable-next-line no-restricted-syntax -- tests run from source
const SAMPLE_DOMAINS = resolve(__dirname, '../../../../examples/domains');

const detailSchema = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['payment_id'],
  properties: {
    payment_id: { type: 'string' },
    payer_iban: { type: 'string' },
    amount: { type: 'string' },
  },
};

const formContract = {
  apiVersion: 'datamesh.fintech/v1',
  kind: 'DataProduct',
  name: 'card-payments',
  domain: 'payments',
  version: '1.0.0',
  owner: 'group:payments-data',
  description: 'Card payments settled by the acquirer.',
  classification: 'confidential',
  retention: { days: 3650 },
  sla: { freshnessMinutes: 30, latencyP95Ms: 1000 },
  events: [
    {
      detailType: 'PaymentSettled',
      source: 'com.fintech.payments',
      schema: 'schemas/payment-settled.json',
      version: 1,
      piiFields: ['payer_iban'],
    },
  ],
};

async function run(input: Record<string, unknown>, workspacePath?: string) {
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath: workspacePath ?? mkdtempSync(join(tmpdir(), 'contract-')),
  });
  jest.spyOn(ctx.logger, 'info');
  await createValidateContractAction().handler(ctx as any);
  const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { ctx, outputs };
}

async function failure(input: Record<string, unknown>, workspacePath?: string) {
  return run(input, workspacePath).then(
    () => {
      throw new Error('expected the action to fail');
    },
    (error: Error) => error.message,
  );
}

describe('datamesh:contract:validate', () => {
  it('validates a contract from the form with its schema, and writes canonical YAML', async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'contract-'));
    const { outputs } = await run(
      {
        contract: formContract,
        schemas: { 'schemas/payment-settled.json': detailSchema },
        targetPath: 'data-product.yaml',
      },
      workspacePath,
    );
    expect(outputs).toMatchObject({
      registry: 'payments',
      database: 'payments',
      table: 'card_payments',
      workgroup: 'datamesh-payments',
    });
    expect(outputs.sampleQuery).toContain('FROM "payments"."card_payments"');
    const written = readFileSync(
      join(workspacePath, 'data-product.yaml'),
      'utf8',
    );
    expect(written).toBe(outputs.yaml);
    expect(written.startsWith('# The data product contract')).toBe(true);
    expect(parseDataProductContract(written).contract).toMatchObject(
      formContract,
    );
  });

  it('validates a contract file and its schemas in the workspace', async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'contract-'));
    cpSync(join(SAMPLE_DOMAINS, 'trading'), join(workspacePath, 'trading'), {
      recursive: true,
    });
    const { outputs } = await run(
      { path: 'trading/data-product.yaml' },
      workspacePath,
    );
    expect(outputs.table).toBe('trade_executions');
    expect(outputs.contract).toMatchObject({
      name: 'trade-executions',
      events: [
        expect.objectContaining({ detailType: 'TradeExecuted' }),
        expect.objectContaining({ detailType: 'TradeCancelled' }),
      ],
    });
  });

  it('names every bad field of a form contract at once', async () => {
    const message = await failure({
      contract: {
        ...formContract,
        name: 'Card Payments',
        classification: 'secret',
        retention: { days: 0 },
        events: [{ ...formContract.events[0], piiFields: ['payer_name'] }],
      },
      schemas: { 'schemas/payment-settled.json': detailSchema },
    });
    expect(message).toMatch(/contract is invalid \(\d+ problems\)/);
    expect(message).toContain('contract.name: "Card Payments" is not a valid');
    expect(message).toContain('contract.classification:');
    expect(message).toContain('contract.retention.days:');
  });

  it("refuses a retention longer than the domain's, before writing anything", async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'contract-'));
    const message = await failure(
      {
        contract: formContract,
        schemas: { 'schemas/payment-settled.json': detailSchema },
        targetPath: 'data-product.yaml',
        domainDataRetentionDays: 2555,
      },
      workspacePath,
    );
    expect(message).toContain(
      'contract.retention.days: 3650 days is longer than the payments domain keeps data (2555 days, its data retention)',
    );
    expect(existsSync(join(workspacePath, 'data-product.yaml'))).toBe(false);
    // As long as the domain's is fine.
    await expect(
      run({
        contract: formContract,
        schemas: { 'schemas/payment-settled.json': detailSchema },
        domainDataRetentionDays: 3650,
      }),
    ).resolves.toBeDefined();
  });

  it('gives a form contract without retention or SLA answers the form defaults', async () => {
    const {
      retention: _retention,
      sla: _sla,
      ...withoutSettings
    } = formContract;
    const { ctx, outputs } = await run({
      contract: { ...withoutSettings, sla: { freshnessMinutes: 30 } },
      schemas: { 'schemas/payment-settled.json': detailSchema },
    });
    const expected = {
      retention: { days: CONTRACT_NUMBER_SETTINGS['retention.days'].default },
      sla: {
        freshnessMinutes: 30,
        latencyP95Ms: CONTRACT_NUMBER_SETTINGS['sla.latencyP95Ms'].default,
      },
    };
    expect(outputs.contract).toMatchObject(expected);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'contract.retention.days was not given; using the default 2555',
    );
    // The written contract states the defaults rather than relying on them.
    expect(parseDataProductContract(outputs.yaml).contract).toMatchObject(
      expected,
    );
  });

  it('refuses schema fields that would take a platform column or share one', async () => {
    const message = await failure({
      contract: formContract,
      schemas: {
        'schemas/payment-settled.json': {
          ...detailSchema,
          properties: {
            ...detailSchema.properties,
            event_time: { type: 'string' },
            paymentId: { type: 'string' },
          },
        },
      },
    });
    expect(message).toContain(
      'field "event_time" is reserved: "event_time" is an envelope column',
    );
    expect(message).toContain(
      'fields "payment_id" and "paymentId" would both become column "payment_id"',
    );
  });

  it('names a PII field that is not in the schema', async () => {
    const message = await failure({
      contract: {
        ...formContract,
        events: [{ ...formContract.events[0], piiFields: ['payer_name'] }],
      },
      schemas: { 'schemas/payment-settled.json': detailSchema },
    });
    expect(message).toContain('contract.events[0].piiFields[0]:');
    expect(message).toContain('payer_name');
  });

  it('gives file, line and column for a contract file', async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'contract-'));
    cpSync(join(SAMPLE_DOMAINS, 'trading'), workspacePath, { recursive: true });
    const text = readFileSync(join(workspacePath, 'data-product.yaml'), 'utf8');
    writeFileSync(
      join(workspacePath, 'data-product.yaml'),
      text.replace('classification: confidential', 'classification: secret'),
    );
    const message = await failure({ path: 'data-product.yaml' }, workspacePath);
    expect(message).toMatch(/data-product\.yaml:\d+:\d+ classification:/);
  });

  it('requires exactly one of contract and path', async () => {
    await expect(failure({})).resolves.toContain(
      'give exactly one of "contract" (an object) or "path" (a file)',
    );
  });
});
