import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { runEventTypesCli } from './cli';
import {
  GENERATED_HEADER,
  generateEventTypes,
  renderEventTypes,
} from './generateEventTypes';

// json-schema-to-typescript requires prettier when it loads, and prettier
// then starts a dynamic import() that jest's VM refuses. The generator never
// formats with it (format: false), so an empty module stands in.
jest.mock('prettier', () => ({}));

const TRADING_CONTRACT = join(
  __dirname,
  '../../../examples/domains/trading/data-product.yaml',
);

/** The publisher's source, so the compiled consumer uses the real EventPublisher types. */
const PUBLISHER_ENTRY = require.resolve('@financial-data-mesh/event-publisher');

const contractYaml = (events: string) => `apiVersion: datamesh.fintech/v1
kind: DataProduct
name: positions
domain: risk
version: 1.0.0
owner: group:risk-data
description: End-of-day positions per book and instrument.
classification: internal
retention:
  days: 30
sla:
  freshnessMinutes: 60
  latencyP95Ms: 1000
events:
${events}`;

const POSITION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'PositionReported',
  description: 'A book reported its position in an instrument.',
  type: 'object',
  additionalProperties: false,
  required: ['book', 'quantity', 'side', 'legs', 'notional'],
  definitions: {
    money: {
      title: 'Money',
      type: 'object',
      additionalProperties: false,
      required: ['amount', 'currency'],
      properties: {
        amount: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' },
        currency: { type: 'string', enum: ['EUR', 'USD'] },
      },
    },
  },
  properties: {
    book: { type: 'string', description: 'The trading book.' },
    quantity: { type: 'number', minimum: 0, exclusiveMinimum: true },
    side: { type: 'string', enum: ['LONG', 'SHORT'] },
    trader_id: { type: 'string' },
    notional: { $ref: '#/definitions/money' },
    legs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['venue'],
        properties: {
          venue: { type: 'string' },
          price: { $ref: '#/definitions/money' },
        },
      },
    },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

describe('generateEventTypes', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'event-types-'));
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  const writeProduct = (events: string, schemas: Record<string, unknown>) => {
    const contractFile = join(workDir, 'data-product.yaml');
    writeFileSync(contractFile, contractYaml(events));
    for (const [path, content] of Object.entries(schemas)) {
      mkdirSync(dirname(join(workDir, path)), { recursive: true });
      writeFileSync(
        join(workDir, path),
        typeof content === 'string' ? content : JSON.stringify(content),
      );
    }
    return contractFile;
  };

  const positionsProduct = () =>
    writeProduct(
      [
        '  - detailType: PositionReported',
        '    schema: schemas/position-reported.json',
        '    version: 1',
        '    description: A book reported its position.',
        '    piiFields: [trader_id]',
      ].join('\n'),
      { 'schemas/position-reported.json': POSITION_SCHEMA },
    );

  /** Type-checks files against the generated modules and the real publisher. */
  const typeCheck = (files: Record<string, string>): string[] => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(workDir, path)), { recursive: true });
      writeFileSync(join(workDir, path), text);
    }
    const program = ts.createProgram(
      Object.keys(files).map(path => join(workDir, path)),
      {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        types: ['node'],
        typeRoots: [
          join(dirname(require.resolve('@types/node/package.json')), '..'),
        ],
        baseUrl: workDir,
        paths: { '@financial-data-mesh/event-publisher': [PUBLISHER_ENTRY] },
      },
    );
    return ts
      .getPreEmitDiagnostics(program)
      .map(diagnostic =>
        ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      );
  };

  it('writes one module per event and an index with the catalog type', async () => {
    const outDir = join(workDir, 'src/events');
    const written = await generateEventTypes({
      contractFile: TRADING_CONTRACT,
      outDir,
    });

    expect(written.map(path => path.slice(outDir.length + 1))).toEqual([
      'trade-executed.ts',
      'trade-cancelled.ts',
      'index.ts',
    ]);
    const executed = readFileSync(join(outDir, 'trade-executed.ts'), 'utf8');
    expect(executed.split('\n')[0]).toBe(GENERATED_HEADER);
    expect(executed).toContain(
      'export const TRADE_EXECUTED_SOURCE = "com.fintech.trading";',
    );
    expect(executed).toContain(
      'export const TRADE_EXECUTED_DETAIL_TYPE = "TradeExecuted";',
    );
    expect(executed).toContain('export interface TradeExecutedDetail {');
    expect(executed).toMatch(/readonly trade_id: string;/);
    expect(executed).toMatch(/readonly direction: "BUY" \| "SELL";/);
    expect(executed).toMatch(
      /Personal data: hashed before it reaches the lake\.\s+\*\/\s+readonly trader_id/,
    );
    const index = readFileSync(join(outDir, 'index.ts'), 'utf8');
    expect(index).toContain("export * from './trade-executed';");
    expect(index).toContain('export type DataProductEvents = {');
    expect(index).toContain('  readonly TradeExecuted: TradeExecutedDetail;');
    expect(index).toContain('  readonly TradeCancelled: TradeCancelledDetail;');
  });

  it('writes the same text on every run', async () => {
    const first = await renderEventTypes(TRADING_CONTRACT);
    const second = await renderEventTypes(TRADING_CONTRACT);
    expect(second).toEqual(first);
    expect(first.map(file => file.content).join('\n')).not.toMatch(
      /\d{4}-\d{2}-\d{2}T\d{2}:/,
    );
  });

  it('generates types a typed publish call compiles against, and a wrong detail does not', async () => {
    await generateEventTypes({
      contractFile: TRADING_CONTRACT,
      outDir: join(workDir, 'src/events'),
    });
    const problems = typeCheck({
      'src/producer.ts': `
import { EventPublisher } from '@financial-data-mesh/event-publisher';
import {
  DataProductEvents,
  TRADE_EXECUTED_DETAIL_TYPE,
  TRADE_EXECUTED_SOURCE,
  TradeExecutedDetail,
} from './events';

const publisher = new EventPublisher<DataProductEvents>({
  eventBusName: 'datamesh-trading',
  source: TRADE_EXECUTED_SOURCE,
});
const detail: TradeExecutedDetail = {
  trade_id: 'T-1',
  instrument: 'US0378331005',
  quantity: 100,
  price: 187.5,
  currency: 'USD',
  trader_id: 'E12345',
  direction: 'BUY',
  exchange: 'XNAS',
  executed_at: '2026-11-25T09:30:00Z',
};
export const sent = publisher.publish({ detailType: TRADE_EXECUTED_DETAIL_TYPE, detail });
// @ts-expect-error a TradeCancelled detail is not a TradeExecuted one
export const wrong = publisher.publish({ detailType: 'TradeCancelled', detail });
// @ts-expect-error direction is BUY or SELL
export const badEnum: TradeExecutedDetail = { ...detail, direction: 'HOLD' };
// @ts-expect-error the generated members are readonly
detail.quantity = 1;
`,
    });
    expect(problems).toEqual([]);
  });

  it('types nested objects, arrays, enums and optional fields inline', async () => {
    const [module] = await renderEventTypes(positionsProduct());
    expect(module.fileName).toBe('position-reported.ts');
    // Nested titles are not exported as their own interfaces: two events'
    // "Money" would clash in the index.
    expect(module.content).not.toContain('interface Money');
    expect(module.content).toContain('A book reported its position');

    await generateEventTypes({
      contractFile: join(workDir, 'data-product.yaml'),
      outDir: join(workDir, 'src/events'),
    });
    const problems = typeCheck({
      'src/use.ts': `
import { DataProductEvents, PositionReportedDetail, POSITION_REPORTED_SOURCE } from './events';

export const source: 'com.fintech.risk' = POSITION_REPORTED_SOURCE;
export const minimal: PositionReportedDetail = {
  book: 'FX-1',
  quantity: 2,
  side: 'LONG',
  notional: { amount: '10.50', currency: 'EUR' },
  legs: [{ venue: 'XLON' }, { venue: 'XNAS', price: { amount: '1', currency: 'USD' } }],
};
export const full: DataProductEvents['PositionReported'] = {
  ...minimal,
  trader_id: 'E1',
  tags: ['eod'],
};
// @ts-expect-error currency is EUR or USD
export const badCurrency: PositionReportedDetail = { ...minimal, notional: { amount: '1', currency: 'GBP' } };
// @ts-expect-error a leg needs its venue
export const badLeg: PositionReportedDetail = { ...minimal, legs: [{}] };
// @ts-expect-error book is required
export const noBook: PositionReportedDetail = { quantity: 1, side: 'SHORT', legs: [], notional: minimal.notional };
// @ts-expect-error the schema is closed (additionalProperties: false)
export const extra: PositionReportedDetail = { ...minimal, unknown_field: 1 };
`,
    });
    expect(problems).toEqual([]);
  });

  it('names the contract line when a schema file is missing', async () => {
    const contractFile = writeProduct(
      [
        '  - detailType: PositionReported',
        '    schema: schemas/missing.json',
        '    version: 1',
      ].join('\n'),
      {},
    );
    await expect(renderEventTypes(contractFile)).rejects.toThrow(
      /data-product\.yaml:\d+:\d+ events\[0\]\.schema: cannot read schema file "schemas\/missing\.json"/,
    );
  });

  it('names the schema file when it is not valid JSON, through the command', async () => {
    writeProduct(
      [
        '  - detailType: PositionReported',
        '    schema: schemas/position-reported.json',
        '    version: 1',
      ].join('\n'),
      { 'schemas/position-reported.json': '{ "type": "object", ' },
    );
    const err: string[] = [];
    const code = await runEventTypesCli(
      [join(workDir, 'data-product.yaml'), join(workDir, 'out')],
      { out: () => undefined, err: line => err.push(line) },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(
      /schemas\/position-reported\.json:\d+:\d+ not valid JSON/,
    );
  });

  it('says which contract it cannot read', async () => {
    await expect(
      renderEventTypes(join(workDir, 'nowhere/data-product.yaml')),
    ).rejects.toThrow(/cannot read the data product contract .*nowhere/);
  });

  it('replaces the modules of a previous run and leaves other files alone', async () => {
    const outDir = join(workDir, 'src/events');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'old-event.ts'), `${GENERATED_HEADER}\n`);
    writeFileSync(join(outDir, 'hand-written.ts'), 'export const x = 1;\n');
    const out: string[] = [];
    const code = await runEventTypesCli([positionsProduct(), outDir], {
      out: line => out.push(line),
      err: line => out.push(line),
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^datamesh-event-types: wrote .*index\.ts$/);
    expect(() => readFileSync(join(outDir, 'old-event.ts'))).toThrow();
    expect(readFileSync(join(outDir, 'hand-written.ts'), 'utf8')).toContain(
      'x = 1',
    );
  });

  it('prints its usage on bad arguments', async () => {
    const err: string[] = [];
    const code = await runEventTypesCli(['a', 'b', 'c'], {
      out: () => undefined,
      err: line => err.push(line),
    });
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^Usage: datamesh-event-types/);
  });
});
