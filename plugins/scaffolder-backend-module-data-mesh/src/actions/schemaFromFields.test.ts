import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RESERVED_COLUMN_NAMES } from '@financial-data-mesh/plugin-data-mesh-common';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchemaFromFieldsAction } from './schemaFromFields';

const tradeFields = [
  {
    name: 'trade_id',
    type: 'string',
    required: true,
    description: 'Venue trade id',
  },
  { name: 'quantity', type: 'integer', required: true },
  { name: 'price', type: 'decimal', required: true },
  { name: 'direction', type: 'enum', values: 'BUY, SELL', required: true },
  { name: 'trader_id', type: 'string', pii: true },
  { name: 'executed_at', type: 'date-time', required: true },
];

function run(input: Record<string, unknown>) {
  const workspacePath = mkdtempSync(join(tmpdir(), 'schema-action-'));
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  return {
    ctx,
    workspacePath,
    done: createSchemaFromFieldsAction().handler(ctx as any),
  };
}

describe('datamesh:schema:from-fields', () => {
  it('builds a draft-04 schema, types, a sample and the PII list, and writes the file', async () => {
    const { ctx, workspacePath, done } = run({
      detailType: 'TradeExecuted',
      source: 'com.fintech.trading',
      description: 'A trade was executed.',
      fields: tradeFields,
      targetDir: 'schemas',
    });
    await done;
    const schema = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'TradeExecuted',
      description: 'A trade was executed.',
      type: 'object',
      additionalProperties: false,
      required: ['trade_id', 'quantity', 'price', 'direction', 'executed_at'],
      properties: {
        trade_id: { type: 'string', description: 'Venue trade id' },
        quantity: { type: 'integer' },
        price: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' },
        direction: { type: 'string', enum: ['BUY', 'SELL'] },
        trader_id: { type: 'string' },
        executed_at: { type: 'string', format: 'date-time' },
      },
    };
    expect(ctx.output).toHaveBeenCalledWith('schema', schema);
    expect(
      JSON.parse(
        readFileSync(
          join(workspacePath, 'schemas/trade-executed.json'),
          'utf8',
        ),
      ),
    ).toEqual(schema);
    expect(ctx.output).toHaveBeenCalledWith(
      'schemaName',
      'com.fintech.trading@TradeExecuted',
    );
    expect(ctx.output).toHaveBeenCalledWith('fileBaseName', 'trade-executed');
    expect(ctx.output).toHaveBeenCalledWith(
      'schemaPath',
      'schemas/trade-executed.json',
    );
    expect(ctx.output).toHaveBeenCalledWith('piiFields', ['trader_id']);
    expect(ctx.output).toHaveBeenCalledWith('sampleDetail', {
      trade_id: 'trade_id-1',
      quantity: 42,
      price: '100.25',
      direction: 'BUY',
      trader_id: 'trader_id-1',
      executed_at: '2026-01-15T10:30:00Z',
    });
  });

  it('reports every bad field at once, naming each', async () => {
    const { ctx, done } = run({
      detailType: 'trade executed',
      source: 'aws.trading',
      fields: [
        { name: 'Trade-Id', type: 'string' },
        { name: 'price', type: 'money' },
        { name: 'price', type: 'number' },
        { name: 'side', type: 'enum' },
        { name: 'venue', type: 'string', values: ['X'] },
      ],
    });
    const error = await done.then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.message).toMatch(/^datamesh:schema:from-fields: 7 problems/);
    for (const expected of [
      'detailType: "trade executed" is not a valid detailType name',
      'source: "aws.trading" is not a valid source name',
      'fields[0].name: "Trade-Id" is not a valid columnName name',
      'fields[1].type: "money" is not a field type',
      'fields[2].name: "price" is already the name of fields[1]',
      'fields[3].values: an enum field needs at least one allowed value',
      'fields[4].values: allowed values only apply to enum fields',
    ]) {
      expect(error?.message).toContain(expected);
    }
    expect(ctx.output).not.toHaveBeenCalled();
  });

  async function refusal(fields: Array<Record<string, unknown>>) {
    const { ctx, workspacePath, done } = run({
      detailType: 'TradeExecuted',
      source: 'com.fintech.trading',
      fields,
      targetDir: 'schemas',
    });
    const message = await done.then(
      () => 'expected the action to fail',
      (error: Error) => `${error.name}: ${error.message}`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
    expect(existsSync(join(workspacePath, 'schemas'))).toBe(false);
    return message;
  }

  it.each(Object.keys(RESERVED_COLUMN_NAMES))(
    'refuses a field named like the platform column %s, saying why',
    async column => {
      const message = await refusal([
        { name: 'trade_id', type: 'string' },
        { name: column, type: 'string' },
      ]);
      expect(message).toMatch(
        /^InputError: datamesh:schema:from-fields: 1 problem/,
      );
      expect(message).toContain(
        `fields[1].name: "${column}" is reserved: "${column}" is ${RESERVED_COLUMN_NAMES[column as keyof typeof RESERVED_COLUMN_NAMES]}, added to every table by the platform; rename the field`,
      );
    },
  );

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses the JavaScript property name %s instead of crashing',
    async name => {
      const message = await refusal([{ name, type: 'string' }]);
      expect(message).toMatch(
        /^InputError: datamesh:schema:from-fields: 1 problem/,
      );
      expect(message).toContain(`fields[0].name: "${name}" is reserved: it is`);
    },
  );

  it('refuses two fields that would become one column', async () => {
    const message = await refusal([
      { name: 'trade_id', type: 'string' },
      { name: 'tradeId', type: 'string' },
    ]);
    expect(message).toContain(
      'fields[1].name: "tradeId" is not a valid columnName name',
    );
    expect(message).toContain(
      'fields[1].name: "tradeId" would become column "trade_id", as fields[0] "trade_id" does',
    );
  });

  it('refuses a target path outside the workspace', async () => {
    const { done } = run({
      detailType: 'TradeExecuted',
      source: 'com.fintech.trading',
      fields: tradeFields,
      targetDir: '../escape',
    });
    await expect(done).rejects.toThrow(/outside/i);
  });
});
