import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemasClient } from '@aws-sdk/client-schemas';
import { DirectoryRegistrySource } from '@financial-data-mesh/plugin-data-mesh-node';
import { AwsRegistrySource } from '../sources/aws/AwsRegistrySource';
import { SchemasLoopbackServer } from '../testing/SchemasLoopbackServer';
import { syntheticRegistries } from '../testing/syntheticRegistries';
import { exportRegistries } from './exportRegistries';

describe('exportRegistries', () => {
  let server: SchemasLoopbackServer;
  let target: string;
  afterEach(async () => {
    await server?.stop();
    rmSync(target, { recursive: true, force: true });
  });

  it('mirrors an AWS account so the directory source reads it back unchanged', async () => {
    const registries = syntheticRegistries({
      registries: 2,
      schemasPerRegistry: 3,
      versionsPerSchema: 2,
    });
    server = await SchemasLoopbackServer.start({ registries });
    target = mkdtempSync(join(tmpdir(), 'export-'));
    const source = new AwsRegistrySource({
      id: 'prod',
      client: new SchemasClient({
        region: 'eu-west-1',
        endpoint: server.endpoint,
        credentials: { accessKeyId: 'AKIAEXPORT', secretAccessKey: 's' },
      }),
      accountId: '123456789012',
      region: 'eu-west-1',
      concurrency: 4,
    });
    const progress: string[] = [];

    const summary = await exportRegistries(source, target, m =>
      progress.push(m),
    );
    const { registries: mirrored, warnings } =
      await new DirectoryRegistrySource({ id: 'mirror', path: target }).read();

    expect(summary.registries).toEqual([
      { name: 'domain-0', schemas: 3, versions: 6 },
      { name: 'domain-1', schemas: 3, versions: 6 },
    ]);
    expect(progress[0]).toBe(
      'Reading AWS account 123456789012 in eu-west-1...',
    );
    expect(warnings).toEqual([]);
    expect(mirrored).toHaveLength(2);
    mirrored.forEach((registry, r) => {
      expect(registry.tags).toEqual(registries[r].tags);
      registry.schemas.forEach(schema => {
        const original = registries[r].schemas.find(
          o => o.name === schema.name,
        )!;
        expect(schema.tags).toEqual(original.tags);
        expect(schema.description).toBe(original.description);
        expect(schema.versions.map(v => JSON.parse(v.content))).toEqual(
          original.versions.map(v => JSON.parse(v.content)),
        );
        expect(schema.versions.map(v => v.createdAt)).toEqual(
          original.versions.map(v => v.createdAt),
        );
      });
    });
  });
});
