import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ContractValidationError,
  readEventSchema,
} from '@financial-data-mesh/plugin-data-mesh-common';
import {
  findContractFolders,
  registriesFromDomains,
} from './registriesFromDomains';
import { DirectoryRegistrySource } from './DirectoryRegistrySource';

const repoRoot = resolve(__dirname, '../../../..');
const domains = join(repoRoot, 'examples/domains');

describe('registriesFromDomains', () => {
  it('publishes one registry per domain with every schema version, tagged', () => {
    const registries = registriesFromDomains(findContractFolders(domains));

    expect(registries.map(registry => registry.name)).toEqual([
      'credit',
      'customer',
      'trading',
    ]);
    const trading = registries[2];
    expect(trading.schemas.map(schema => schema.name)).toEqual([
      'com.fintech.trading@TradeCancelled',
      'com.fintech.trading@TradeExecuted',
    ]);
    const executed = trading.schemas[1];
    expect(executed.versions.map(version => version.version)).toEqual([
      '1',
      '2',
    ]);
    expect(executed.tags).toMatchObject({
      'datamesh:domain': 'trading',
      'datamesh:data-product': 'trade-executions',
      'datamesh:pii-fields': 'trader_id',
    });
    const latest = readEventSchema(
      executed.versions[1].content,
      'JSONSchemaDraft4',
    );
    expect(latest).toMatchObject({
      source: 'com.fintech.trading',
      detailType: 'TradeExecuted',
    });
    expect(Object.keys(latest.detail.properties ?? {})).toContain('direction');
  });

  it('matches the committed mirror in examples/registry (run `npm run registry:seed` after changing a sample domain)', async () => {
    const generated = registriesFromDomains(findContractFolders(domains));
    const { registries: committed } = await new DirectoryRegistrySource({
      id: 'examples',
      path: join(repoRoot, 'examples/registry'),
    }).read();

    for (const registry of generated) {
      const onDisk = committed.find(other => other.name === registry.name);
      expect(onDisk?.tags).toEqual(registry.tags);
      expect(onDisk?.schemas.map(schema => schema.name)).toEqual(
        registry.schemas.map(schema => schema.name),
      );
      registry.schemas.forEach((schema, index) => {
        const diskSchema = onDisk?.schemas[index];
        expect(diskSchema?.tags).toEqual(schema.tags);
        expect(diskSchema?.versions.map(v => JSON.parse(v.content))).toEqual(
          schema.versions.map(v => JSON.parse(v.content)),
        );
      });
    }
  });

  it('refuses a domain whose contract is invalid, naming the file and field', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'domains-'));
    try {
      cpSync(join(domains, 'credit'), join(scratch, 'credit'), {
        recursive: true,
      });
      const contractFile = join(scratch, 'credit', 'data-product.yaml');
      writeFileSync(
        contractFile,
        readFileSync(contractFile, 'utf8').replace(
          /classification: \w+/,
          'classification: secret',
        ),
      );
      expect(() => registriesFromDomains([join(scratch, 'credit')])).toThrow(
        ContractValidationError,
      );
      expect(() => registriesFromDomains([join(scratch, 'credit')])).toThrow(
        /data-product\.yaml:\d+:\d+ classification: must be one of/,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
