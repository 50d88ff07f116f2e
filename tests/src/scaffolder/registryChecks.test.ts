import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SAMPLE_DOMAINS,
  startRegistryBackend,
} from './__testUtils__/registryBackend';
import {
  createCheckDomainNameAction,
  createCheckProductNameAction,
  createSchemaCompatibilityAction,
  RegistrySnapshotClient,
} from '@financial-data-mesh/plugin-scaffolder-backend-module-data-mesh';

/** A Domain entity as a domain repository or the catalog module declares it. */
const domainEntity = (
  name: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name,
    annotations: { 'datamesh.fintech/domain': name, ...annotations },
  },
  spec: { owner: `group:default/${name}-data` },
});

const catalog = catalogServiceMock({
  entities: [
    // Registry-derived: no retention annotation, the domain default applies.
    domainEntity('trading'),
    domainEntity('payments', {
      'datamesh.fintech/data-retention-days': '3650',
    }),
    domainEntity('lending', {
      'datamesh.fintech/data-retention-days': 'seven years',
    }),
  ],
});

const tradeExecutedV2 = JSON.parse(
  readFileSync(
    join(SAMPLE_DOMAINS, 'trading/schemas/trade-executed.json'),
    'utf8',
  ),
);

describe('actions that read the registry snapshot (real data mesh backend)', () => {
  let registry: RegistrySnapshotClient;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ client: registry, stop } = await startRegistryBackend());
  });
  afterAll(() => stop());

  async function run(
    action:
      | ReturnType<typeof createCheckProductNameAction>
      | ReturnType<typeof createCheckDomainNameAction>
      | ReturnType<typeof createSchemaCompatibilityAction>,
    input: Record<string, unknown>,
  ) {
    const ctx = createMockActionContext({ input: input as any });
    await action.handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  describe('datamesh:product:check-name', () => {
    const action = () =>
      createCheckProductNameAction({
        registry,
        catalog,
        appBaseUrl: 'https://backstage.example.com/',
      });

    it('accepts a free name and returns the schema names', async () => {
      await expect(
        run(action(), {
          domain: 'trading',
          name: 'order-book',
          events: [
            { source: 'com.fintech.trading', detailType: 'OrderPlaced' },
          ],
        }),
      ).resolves.toEqual({
        registry: 'trading',
        domainDataRetentionDays: 2555,
        schemaNames: ['com.fintech.trading@OrderPlaced'],
        dataProductUrl:
          'https://backstage.example.com/data-mesh/products/trading/order-book',
      });
    });

    it('refuses a product that exists, naming its owner', async () => {
      await expect(
        run(action(), { domain: 'trading', name: 'trade-executions' }),
      ).rejects.toThrow(
        'the data product trading/trade-executions already exists (owner group:trading-data, 2 event(s))',
      );
    });

    it('refuses an event another product already publishes', async () => {
      await expect(
        run(action(), {
          domain: 'trading',
          name: 'trade-reports',
          events: [
            { source: 'com.fintech.trading', detailType: 'TradeExecuted' },
          ],
        }),
      ).rejects.toThrow(
        'the event com.fintech.trading@TradeExecuted is already registered in trading by data product trading/trade-executions',
      );
    });

    it("outputs the retention the domain's entity declares", async () => {
      await expect(
        run(action(), { domain: 'payments', name: 'card-settlements' }),
      ).resolves.toMatchObject({ domainDataRetentionDays: 3650 });
    });

    it('refuses a domain the catalog does not know, pointing to the domain template', async () => {
      await expect(
        run(action(), { domain: 'insurance', name: 'claims' }),
      ).rejects.toThrow(
        'the catalog has no Domain "insurance"; create the domain with the "Data domain" template',
      );
    });

    it('names a Domain whose retention annotation is not a number of days', async () => {
      await expect(
        run(action(), { domain: 'lending', name: 'loan-offers' }),
      ).rejects.toThrow(
        'domain:default/lending: annotation datamesh.fintech/data-retention-days is "seven years", not a whole number of days',
      );
    });

    it('refuses names that break the rules before asking the registry', async () => {
      await expect(
        run(action(), {
          domain: 'Trading',
          name: 'x',
          events: [{ detailType: 'order placed' }],
        }),
      ).rejects.toThrow(
        /3 problems.*\n.*domain: .*\n.*name: .*\n.*events\[0\]\.detailType:/,
      );
    });
  });

  describe('datamesh:domain:check-name', () => {
    const action = () => createCheckDomainNameAction({ catalog });

    it('accepts a name no Domain has', async () => {
      await expect(run(action(), { domain: 'insurance' })).resolves.toEqual({});
    });

    it('refuses a domain that exists, naming its owner', async () => {
      await expect(run(action(), { domain: 'trading' })).rejects.toThrow(
        'the domain trading already exists (domain:default/trading, owner group:default/trading-data)',
      );
    });

    it('refuses a name that breaks the naming rules', async () => {
      await expect(run(action(), { domain: 'Payments Ltd' })).rejects.toThrow(
        /1 problem in the input:\n {2}- domain: /,
      );
    });
  });

  describe('datamesh:schema:compatibility', () => {
    const action = () => createSchemaCompatibilityAction({ registry });
    const base = {
      registry: 'trading',
      schemaName: 'com.fintech.trading@TradeExecuted',
    };

    it('passes a new schema', async () => {
      await expect(
        run(action(), {
          registry: 'trading',
          schemaName: 'com.fintech.trading@OrderPlaced',
          schema: { type: 'object', properties: {} },
        }),
      ).resolves.toEqual({
        existing: false,
        compatibility: 'NEW',
        honoursMode: true,
        changes: [],
      });
    });

    it('passes the latest version itself as FULL', async () => {
      // The registry keeps the detail without its $schema: an annotation only.
      await expect(
        run(action(), { ...base, schema: tradeExecutedV2 }),
      ).resolves.toEqual({
        existing: true,
        latestVersion: '2',
        compatibility: 'FULL',
        honoursMode: true,
        changes: ['$ annotation-changed: annotations changed: $schema'],
      });
    });

    it('fails a breaking change with the list of changes', async () => {
      const { trade_id: _removed, ...properties } = tradeExecutedV2.properties;
      const breaking = {
        ...tradeExecutedV2,
        properties: {
          ...properties,
          quantity: { type: 'string' },
        },
        required: tradeExecutedV2.required.filter(
          (f: string) => f !== 'trade_id',
        ),
      };
      const error = await run(action(), { ...base, schema: breaking }).then(
        () => undefined,
        e => e as Error,
      );
      expect(error?.message).toContain(
        'The new version of com.fintech.trading@TradeExecuted in trading breaks its compatibility mode BACKWARD:\n  against version 2 (BACKWARD needs the new version to read data written with it):',
      );
      expect(error?.message).toContain('\n    - $.trade_id ');
      expect(error?.message).toContain('\n    - $.quantity ');
      expect(error?.message).toContain('publish it as a new event');
      await expect(
        run(action(), { ...base, schema: breaking, allowBreaking: true }),
      ).resolves.toMatchObject({
        existing: true,
        compatibility: 'NONE',
        honoursMode: false,
      });
    });

    // Only the currencies listed: older data with any other fails the new
    // schema (not BACKWARD), while readers of v2 accept the new data (FORWARD).
    const currencyListed = {
      ...tradeExecutedV2,
      properties: {
        ...tradeExecutedV2.properties,
        currency: {
          ...tradeExecutedV2.properties.currency,
          enum: ['EUR', 'USD'],
        },
      },
    };

    it('refuses a FORWARD-only change under the default mode, BACKWARD, and passes it under FORWARD', async () => {
      await expect(
        run(action(), { ...base, schema: currencyListed }),
      ).rejects.toThrow(
        /breaks its compatibility mode BACKWARD:\n {2}against version 2 .*\n {4}- \$\.currency enum-added: /,
      );
      await expect(
        run(action(), {
          ...base,
          schema: currencyListed,
          compatibility: 'FORWARD',
        }),
      ).resolves.toMatchObject({ compatibility: 'FORWARD', honoursMode: true });
    });

    it('checks a transitive mode against every earlier version, catching what the pairwise check passes', async () => {
      // v2 itself is FORWARD of v2, but v1 (a closed model, integer
      // quantities) cannot read v2's data: it has currency and fractions.
      await expect(
        run(action(), {
          ...base,
          schema: tradeExecutedV2,
          compatibility: 'FORWARD',
        }),
      ).resolves.toMatchObject({ honoursMode: true });
      const error = await run(action(), {
        ...base,
        schema: tradeExecutedV2,
        compatibility: 'FORWARD_TRANSITIVE',
      }).then(
        () => undefined,
        e => e as Error,
      );
      expect(error?.message).toContain(
        'breaks its compatibility mode FORWARD_TRANSITIVE:\n  against version 1 (FORWARD_TRANSITIVE needs it to read data written with the new version):',
      );
      expect(error?.message).not.toContain('against version 2');
    });
  });
});
