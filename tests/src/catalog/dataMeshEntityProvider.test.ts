import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CatalogService,
  DeferredEntity,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import dataMeshBackend from '@financial-data-mesh/plugin-data-mesh-backend';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DataMeshEntityProvider } from '@financial-data-mesh/plugin-catalog-backend-module-data-mesh';
import { Entity } from '@backstage/catalog-model';

// Tests run from source and are never bundled, so __dirname is reliable here.
// eslint-disable-next-line no-restricted-syntax
const examples = resolve(__dirname, '../../../examples/registry');

/** A data product System or a Domain as a repository's catalog-info.yaml declares it. */
function declaredEntity(
  kind: 'System' | 'Domain',
  name: string,
  location: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': location,
        [kind === 'System'
          ? 'datamesh.fintech/data-product'
          : 'datamesh.fintech/domain']: name,
      },
    },
    spec: { owner: 'group:trading-data' },
  };
}

describe('DataMeshEntityProvider against a running data mesh backend', () => {
  let scratch: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'provider-'));
    cpSync(examples, scratch, { recursive: true });
    backend = await startTestBackend({
      features: [
        dataMeshBackend,
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              sources: [{ id: 'local', type: 'directory', path: scratch }],
              refresh: { minInterval: { seconds: 0 } },
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/data-mesh`;
  });

  afterEach(async () => {
    await backend.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  function createProvider(catalog?: CatalogService) {
    let task: (() => Promise<void>) | undefined;
    const mutations: DeferredEntity[][] = [];
    const deltas: { added: DeferredEntity[]; removed: unknown[] }[] = [];
    const logger = mockServices.logger.mock();
    const provider = DataMeshEntityProvider.create({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      logger,
      taskRunner: {
        run: async ({ fn }) => {
          task = fn as () => Promise<void>;
        },
      },
      readinessTimeoutMs: 5000,
      catalog,
    });
    const connection: EntityProviderConnection = {
      applyMutation: async mutation => {
        if (mutation.type === 'full') {
          mutations.push(mutation.entities);
        } else {
          deltas.push({ added: mutation.added, removed: mutation.removed });
        }
      },
      refresh: async () => {},
    };
    return {
      provider,
      connection,
      mutations,
      deltas,
      logger,
      run: () => task!(),
    };
  }

  const apiNames = (entities: DeferredEntity[]) =>
    entities
      .filter(e => e.entity.kind === 'API')
      .map(e => e.entity.metadata.name)
      .sort();

  it('removes the entities of a schema that disappeared from the registry', async () => {
    const { provider, connection, mutations, run } = createProvider();
    await provider.connect(connection);
    await run();
    expect(apiNames(mutations[0])).toEqual([
      'credit-credit-decision',
      'customer-customer-onboarded',
      'discovered-schemas-settlement-completed',
      'trading-trade-cancelled',
      'trading-trade-executed',
    ]);

    rmSync(join(scratch, 'trading', 'com.fintech.trading@TradeCancelled'), {
      recursive: true,
    });
    await request(backend.server)
      .post('/api/data-mesh/refresh')
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    await run();

    expect(mutations).toHaveLength(2);
    expect(apiNames(mutations[1])).not.toContain('trading-trade-cancelled');
    expect(apiNames(mutations[1])).toHaveLength(4);
    expect(mutations[1][0].locationKey).toBe('data-mesh-provider:default');
  });

  it('reads an unchanged snapshot as one 304 and writes nothing, until the snapshot or the declared entities change', async () => {
    let declared: Entity[] = [];
    const catalog = catalogServiceMock.mock({
      getEntities: async () => ({ items: declared }),
    });
    const { provider, connection, mutations, run } = createProvider(catalog);
    await provider.connect(connection);
    await run();
    const refreshBackend = () =>
      request(backend.server)
        .post('/api/data-mesh/refresh')
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
    await refreshBackend();
    await run();
    expect(mutations).toHaveLength(1);

    // A repository now declares a System: the provider must stop writing it.
    declared = [
      declaredEntity(
        'System',
        'trading-trade-executions',
        'file:/repos/trading/catalog-info.yaml',
      ),
    ];
    await run();
    expect(mutations).toHaveLength(2);
    expect(mutations[1].map(e => e.entity.metadata.name)).not.toContain(
      'trading-trade-executions',
    );
    await run();
    expect(mutations).toHaveLength(2);

    rmSync(join(scratch, 'trading', 'com.fintech.trading@TradeCancelled'), {
      recursive: true,
    });
    await refreshBackend();
    await run();
    expect(mutations).toHaveLength(3);
    expect(apiNames(mutations[2])).not.toContain('trading-trade-cancelled');
  });

  it('leaves the data product Systems and Domains that repositories declare to the repositories', async () => {
    const declared = declaredEntity;
    const system = (name: string, location: string) =>
      declared('System', name, location);
    const catalog = catalogServiceMock({
      entities: [
        // Declared by a scaffolded repository's catalog-info.yaml ...
        system(
          'trading-trade-executions',
          'file:/repos/trading/catalog-info.yaml',
        ),
        // ... and one this provider wrote itself on an earlier run.
        system('credit-credit-decisions', 'data-mesh-provider:default'),
        // The domain repository of trading declares its Domain.
        declared(
          'Domain',
          'trading',
          'file:/repos/trading-domain/catalog-info.yaml',
        ),
        declared('Domain', 'credit', 'data-mesh-provider:default'),
      ],
    });
    const { provider, connection, mutations, run } = createProvider(catalog);
    await provider.connect(connection);
    await run();
    const systems = mutations[0]
      .filter(e => e.entity.kind === 'System')
      .map(e => e.entity.metadata.name)
      .sort();
    expect(systems).toEqual([
      'credit-credit-decisions',
      'customer-customer-onboarding',
    ]);
    const domains = mutations[0]
      .filter(e => e.entity.kind === 'Domain')
      .map(e => e.entity.metadata.name)
      .sort();
    expect(domains).toEqual(['credit', 'customer']);
    // Its events still belong to the (repository's) System.
    expect(
      mutations[0].find(
        e => e.entity.metadata.name === 'trading-trade-executed',
      )?.entity.spec?.system,
    ).toBe('trading-trade-executions');
  });

  it('deletes nothing when the snapshot is partial (a source failing with no data)', async () => {
    // A restarted backend whose second source cannot be read: its entities
    // are missing from the snapshot, but they still exist.
    await backend.stop();
    backend = await startTestBackend({
      features: [
        dataMeshBackend,
        mockServices.rootConfig.factory({
          data: {
            dataMesh: {
              sources: [
                { id: 'local', type: 'directory', path: scratch },
                {
                  id: 'unreachable',
                  type: 'directory',
                  path: join(scratch, 'no-such-folder'),
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/api/data-mesh`;
    const { provider, connection, mutations, deltas, logger, run } =
      createProvider();
    await provider.connect(connection);

    await run();

    expect(mutations).toEqual([]);
    expect(deltas).toHaveLength(1);
    expect(deltas[0].removed).toEqual([]);
    expect(apiNames(deltas[0].added)).toHaveLength(5);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /is incomplete \(sources unreachable failing.*none removed$/,
      ),
    );
  });

  it('changes nothing when the snapshot cannot be read', async () => {
    const { provider, connection, mutations, logger, run } = createProvider();
    await provider.connect(connection);
    baseUrl = `${baseUrl}/no-such-route`;

    await run();

    expect(mutations).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Data mesh entities not refreshed: .*404/),
    );
  });
});
