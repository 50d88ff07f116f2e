import { resolve } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import dataMeshBackend from '@financial-data-mesh/plugin-data-mesh-backend';
import request from 'supertest';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import catalogModuleDataMesh from '@financial-data-mesh/plugin-catalog-backend-module-data-mesh';
import { DATA_MESH_ANNOTATIONS } from '@financial-data-mesh/plugin-data-mesh-common';

// Tests run from source and are never bundled, so __dirname is reliable here.
// eslint-disable-next-line no-restricted-syntax
const examples = resolve(__dirname, '../../../examples/registry');

describe('catalog module: data mesh entities in a real catalog', () => {
  let entities: Entity[];

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleDataMesh,
        dataMeshBackend,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: {
              rules: [
                { allow: ['Domain', 'System', 'API', 'Resource', 'Group'] },
              ],
            },
            dataMesh: {
              sources: [{ id: 'examples', type: 'directory', path: examples }],
            },
          },
        }),
      ],
    });
    // The catalog stitches provided entities asynchronously: wait for all
    // 14 (3 domains, 3 systems, 3 tables, 5 events) before checking any.
    for (let attempt = 0; attempt < 150; attempt++) {
      const res = await request(server).get(
        '/api/catalog/entities/by-query?filter=metadata.annotations.backstage.io/managed-by-location=data-mesh-provider:default&limit=100',
      );
      entities = res.body.items ?? [];
      if (entities.length >= 14) {
        return;
      }
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`only ${entities.length} data mesh entities appeared`);
  }, 60_000);

  const find = (kind: string, name: string) =>
    entities.find(e => e.kind === kind && e.metadata.name === name);

  it('writes a Domain per domain, owned by its products owner', () => {
    expect(
      entities
        .filter(e => e.kind === 'Domain')
        .map(e => e.metadata.name)
        .sort(),
    ).toEqual(['credit', 'customer', 'trading']);
    expect(find('Domain', 'trading')?.spec?.owner).toBe('group:trading-data');
  });

  it('writes a System per data product, in its domain, with a link to the event catalog', () => {
    const system = find('System', 'trading-trade-executions');
    expect(system?.spec).toEqual({
      owner: 'group:trading-data',
      domain: 'trading',
    });
    expect(system?.metadata.tags).toEqual(['data-product', 'confidential']);
    expect(system?.metadata.links?.[0].url).toBe(
      'http://localhost:3000/data-mesh/products/trading/trade-executions',
    );
    expect(system?.relations).toEqual(
      expect.arrayContaining([
        { type: 'partOf', targetRef: 'domain:default/trading' },
        { type: 'hasPart', targetRef: 'api:default/trading-trade-executed' },
        {
          type: 'hasPart',
          targetRef: 'resource:default/athena-trading-trade-executions',
        },
      ]),
    );
  });

  it('writes an AsyncAPI 3 API per event with its latest schema as payload', () => {
    const api = find('API', 'trading-trade-executed');
    expect(api?.spec).toMatchObject({
      type: 'asyncapi',
      owner: 'group:trading-data',
      system: 'trading-trade-executions',
    });
    const definition = JSON.parse(api?.spec?.definition as string);
    expect(definition.asyncapi).toBe('3.1.0');
    expect(definition.info.version).toBe('2');
    expect(
      definition.components.messages.TradeExecuted.payload.properties.direction
        .enum,
    ).toEqual(['BUY', 'SELL']);
    expect(api?.metadata.annotations?.[DATA_MESH_ANNOTATIONS.schemaName]).toBe(
      'com.fintech.trading@TradeExecuted',
    );
  });

  it("gives the catalog only AsyncAPI documents AsyncAPI's own parser accepts", async () => {
    const apis = entities.filter(e => e.kind === 'API');
    expect(apis).toHaveLength(5);
    const parser = new Parser();
    const errors = [];
    for (const api of apis) {
      const { diagnostics } = await parser.parse(
        api.spec?.definition as string,
      );
      errors.push(
        ...diagnostics
          .filter(d => d.severity === DiagnosticSeverity.Error)
          .map(
            d => `${api.metadata.name}: ${d.message} at ${d.path.join('.')}`,
          ),
      );
    }
    expect(errors).toEqual([]);
  });

  it('lists an unmanaged event as an API without a system', () => {
    const api = find('API', 'discovered-schemas-settlement-completed');
    expect(api?.metadata.tags).toEqual(['event', 'unmanaged']);
    expect(api?.spec?.system).toBeUndefined();
    expect(
      JSON.parse(api?.spec?.definition as string).operations,
    ).toHaveProperty('publishSettlementCompleted');
  });

  it("draws the approved consumers in Backstage's own relations", () => {
    // examples/domains/credit grants events and the table to the customer domain's system.
    const consumer = 'system:default/customer-customer-onboarding';
    expect(find('API', 'credit-credit-decision')?.relations).toEqual(
      expect.arrayContaining([{ type: 'apiConsumedBy', targetRef: consumer }]),
    );
    expect(find('System', 'customer-customer-onboarding')?.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'consumesApi',
          targetRef: 'api:default/credit-credit-decision',
        },
        {
          type: 'dependsOn',
          targetRef: 'resource:default/athena-credit-credit-decisions',
        },
      ]),
    );
    expect(
      find('Resource', 'athena-credit-credit-decisions')?.relations,
    ).toEqual(
      expect.arrayContaining([{ type: 'dependencyOf', targetRef: consumer }]),
    );
    // A product without consumers relates to none.
    expect(
      find('API', 'trading-trade-executed')?.relations?.filter(
        relation => relation.type === 'apiConsumedBy',
      ),
    ).toEqual([]);
  });

  it('writes a Resource for each Athena table, part of its product', () => {
    const table = find('Resource', 'athena-credit-credit-decisions');
    expect(table?.spec).toEqual({
      type: 'athena-table',
      owner: 'group:credit-risk',
      system: 'credit-credit-decisions',
      dependencyOf: ['system:customer-customer-onboarding'],
    });
    expect(find('Resource', 'athena-trading-trade-executions')?.spec).toEqual({
      type: 'athena-table',
      owner: 'group:trading-data',
      system: 'trading-trade-executions',
    });
    expect(table?.metadata.description).toContain(
      'FROM "credit"."credit_decisions"',
    );
  });
});
