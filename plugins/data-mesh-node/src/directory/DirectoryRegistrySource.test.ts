import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DirectoryRegistrySource } from './DirectoryRegistrySource';
import { writeDirectoryRegistry } from './writeDirectoryRegistry';
import { RawRegistry } from '../types';

const examples = resolve(__dirname, '../../../../examples/registry');

describe('DirectoryRegistrySource', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mirror-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads every registry, schema and version of the sample mirror', async () => {
    const source = new DirectoryRegistrySource({ id: 'local', path: examples });
    const { registries, warnings } = await source.read();

    expect(warnings).toEqual([]);
    expect(registries.map(registry => registry.name)).toEqual([
      'credit',
      'customer',
      'discovered-schemas',
      'trading',
    ]);
    const trading = registries.find(registry => registry.name === 'trading');
    const executed = trading?.schemas.find(
      schema => schema.name === 'com.fintech.trading@TradeExecuted',
    );
    expect(executed).toMatchObject({
      format: 'JSONSchemaDraft4',
      tags: expect.objectContaining({
        'datamesh:domain': 'trading',
        'datamesh:data-product': 'trade-executions',
      }),
    });
    expect(executed?.versions.map(version => version.version)).toEqual([
      '1',
      '2',
    ]);
    const discovered = registries.find(
      registry => registry.name === 'discovered-schemas',
    );
    expect(discovered?.schemas[0]).toMatchObject({
      name: 'aws.payments@SettlementCompleted',
      format: 'OpenApi3',
      tags: {},
    });
    expect(discovered?.schemas[0].versions[0].createdAt).toBe(
      '2026-10-02T09:14:00.000Z',
    );
  });

  it('reads only the registries the filter names', async () => {
    const source = new DirectoryRegistrySource({
      id: 'local',
      path: examples,
      registries: { names: ['credit', 'trading'], prefix: 'tr' },
    });
    const { registries } = await source.read();
    expect(registries.map(registry => registry.name)).toEqual(['trading']);
  });

  it('fails the whole read, naming the source but not the path, when the root is missing', async () => {
    const path = join(scratch, 'nowhere');
    const read = new DirectoryRegistrySource({ id: 'local', path }).read();
    await expect(read).rejects.toThrow(
      'the registry folder of source local does not exist',
    );
    await expect(read).rejects.not.toThrow(scratch);
  });

  it('skips a bad schema with a warning naming the file and keeps the rest', async () => {
    const registry = join(scratch, 'payments');
    const good = join(registry, 'com.fintech.payments@PaymentSent');
    mkdirSync(join(good, 'versions'), { recursive: true });
    writeFileSync(join(good, 'schema.json'), '{"type":"JSONSchemaDraft4"}');
    writeFileSync(join(good, 'versions', '1.json'), '{"type":"object"}');
    const badJson = join(registry, 'com.fintech.payments@Broken');
    mkdirSync(badJson, { recursive: true });
    writeFileSync(join(badJson, 'schema.json'), '{"type": ');
    const badType = join(registry, 'com.fintech.payments@Avro');
    mkdirSync(badType, { recursive: true });
    writeFileSync(join(badType, 'schema.json'), '{"type":"Avro"}');
    const noVersions = join(registry, 'com.fintech.payments@Empty');
    mkdirSync(noVersions, { recursive: true });
    writeFileSync(join(noVersions, 'schema.json'), '{"type":"OpenApi3"}');

    const { registries, warnings } = await new DirectoryRegistrySource({
      id: 'local',
      path: scratch,
    }).read();

    expect(registries[0].schemas.map(schema => schema.name)).toEqual([
      'com.fintech.payments@PaymentSent',
    ]);
    expect(warnings).toEqual([
      {
        registry: 'payments',
        schema: 'com.fintech.payments@Avro',
        message: expect.stringContaining(
          '"type" must be one of JSONSchemaDraft4, OpenApi3, got "Avro"',
        ),
      },
      {
        registry: 'payments',
        schema: 'com.fintech.payments@Broken',
        message: expect.stringMatching(
          /^payments\/com\.fintech\.payments@Broken\/schema\.json is not valid JSON/,
        ),
      },
      {
        registry: 'payments',
        schema: 'com.fintech.payments@Empty',
        message: expect.stringContaining('holds no versions'),
      },
    ]);
    for (const warning of warnings) {
      expect(warning.message).not.toContain(scratch);
    }
  });

  it('round-trips a registry through writeDirectoryRegistry, replacing the old copy', async () => {
    const registry: RawRegistry = {
      name: 'payments',
      description: 'Payments events',
      tags: { 'datamesh:domain': 'payments' },
      schemas: [
        {
          name: 'com.fintech.payments@PaymentSent',
          format: 'JSONSchemaDraft4',
          tags: { 'datamesh:data-product': 'payments' },
          versions: [
            { version: '1', content: '{"type":"object"}' },
            {
              version: '2',
              content: '{"type":"object","required":["id"]}',
              createdAt: '2026-11-01T00:00:00.000Z',
            },
          ],
        },
      ],
    };
    mkdirSync(join(scratch, 'payments', 'com.fintech.payments@Stale'), {
      recursive: true,
    });

    await writeDirectoryRegistry(scratch, registry);
    const { registries, warnings } = await new DirectoryRegistrySource({
      id: 'local',
      path: scratch,
    }).read();

    expect(warnings).toEqual([]);
    expect(registries).toHaveLength(1);
    expect(registries[0]).toMatchObject({
      name: 'payments',
      description: 'Payments events',
      tags: registry.tags,
    });
    expect(registries[0].schemas).toHaveLength(1);
    const [schema] = registries[0].schemas;
    expect(schema.versions.map(v => JSON.parse(v.content))).toEqual([
      { type: 'object' },
      { type: 'object', required: ['id'] },
    ]);
    expect(schema.versions[1].createdAt).toBe('2026-11-01T00:00:00.000Z');
  });
});
