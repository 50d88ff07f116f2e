import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkName,
  registryNameFor,
  schemaNameFor,
  defaultSourceFor,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { findDomainEntity } from '../catalog/domainEntity';
import { RegistrySnapshotClient } from '../registry/RegistrySnapshotClient';
import { InputIssue, throwIfInvalid } from './inputIssues';

export const CHECK_PRODUCT_NAME_ACTION_ID = 'datamesh:product:check-name';

/**
 * Checks a new data product against the domain it joins: the domain is in
 * the catalog (its Domain entity says how long its lake keeps data), the
 * name follows the naming rules and is free in the registry snapshot: no
 * product of that name in the domain, and none of its events already
 * registered (by another product).
 * @public
 */
export function createCheckProductNameAction(options: {
  readonly registry: RegistrySnapshotClient;
  /** Where the domain's Domain entity is looked up. */
  readonly catalog: CatalogService;
  /** The Backstage app's base URL, for the data product page link. */
  readonly appBaseUrl: string;
}) {
  return createTemplateAction({
    id: CHECK_PRODUCT_NAME_ACTION_ID,
    description:
      "Checks a new data product against its domain: fails if the domain has no Domain entity in the catalog, if the domain already has a product of that name, or if one of its events is already registered. Outputs the domain's data retention, the longest a product of it may keep data.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Before scaffolding trading/trade-executions',
        example: [
          'steps:',
          '  - action: datamesh:product:check-name',
          '    input:',
          '      domain: trading',
          '      name: trade-executions',
          '      events:',
          '        - { source: com.fintech.trading, detailType: TradeExecuted }',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        domain: z => z.string().describe('The domain, kebab-case'),
        name: z => z.string().describe('The data product name, kebab-case'),
        events: z =>
          z
            .array(
              z.object({
                source: z.string().optional(),
                detailType: z.string(),
              }),
            )
            .optional()
            .describe('Events the product will publish; each must be new'),
      },
      output: {
        registry: z => z.string().describe("The domain's schema registry"),
        schemaNames: z =>
          z.array(z.string()).describe('Registry schema names of the events'),
        domainDataRetentionDays: z =>
          z
            .number()
            .describe(
              "How many days the domain's lake keeps data (its Domain entity's datamesh.fintech/data-retention-days)",
            ),
        dataProductUrl: z =>
          z
            .string()
            .describe(
              "The product's page in the portal (live once its schemas are published)",
            ),
      },
    },
    async handler(ctx) {
      const { domain, name, events = [] } = ctx.input;
      const issues: InputIssue[] = [];
      for (const [path, kind, value] of [
        ['domain', 'domain', domain],
        ['name', 'dataProduct', name],
      ] as const) {
        const problem = checkName(kind, value);
        if (problem) {
          issues.push({ path, message: problem });
        }
      }
      events.forEach((event, index) => {
        const problem = checkName('detailType', event.detailType);
        if (problem) {
          issues.push({
            path: `events[${index}].detailType`,
            message: problem,
          });
        }
      });
      throwIfInvalid(CHECK_PRODUCT_NAME_ACTION_ID, issues);

      const domainEntity = await findDomainEntity(
        options.catalog,
        domain,
        await ctx.getInitiatorCredentials(),
      );
      if (!domainEntity) {
        throw new NotFoundError(
          `${CHECK_PRODUCT_NAME_ACTION_ID}: the catalog has no Domain "${domain}"; create the domain with the "Data domain" template (or register its repository) before adding products to it`,
        );
      }

      const existing = await options.registry.getDataProduct(domain, name);
      if (existing) {
        throw new ConflictError(
          `${CHECK_PRODUCT_NAME_ACTION_ID}: the data product ${domain}/${name} already exists (owner ${existing.owner ?? 'unknown'}, ${existing.eventCount} event(s)); choose another name or extend the existing product`,
        );
      }
      const registry = registryNameFor(domain);
      const schemaNames: string[] = [];
      for (const event of events) {
        const schemaName = schemaNameFor(
          event.source ?? defaultSourceFor(domain),
          event.detailType,
        );
        const registered = await options.registry.getEvent(
          registry,
          schemaName,
        );
        if (registered) {
          const owner = registered.dataProduct
            ? `data product ${registered.domain}/${registered.dataProduct}`
            : 'a schema no data product claims';
          throw new ConflictError(
            `${CHECK_PRODUCT_NAME_ACTION_ID}: the event ${schemaName} is already registered in ${registry} by ${owner}; pick another detail-type or publish from that product`,
          );
        }
        schemaNames.push(schemaName);
      }
      ctx.logger.info(
        `${domain}/${name} is free in the registry snapshot${schemaNames.length ? ` (events ${schemaNames.join(', ')})` : ''}`,
      );
      ctx.output('registry', registry);
      ctx.output('domainDataRetentionDays', domainEntity.dataRetentionDays);
      ctx.output('schemaNames', schemaNames);
      ctx.output(
        'dataProductUrl',
        `${options.appBaseUrl.replace(/\/+$/, '')}/data-mesh/products/${domain}/${name}`,
      );
    },
  });
}
