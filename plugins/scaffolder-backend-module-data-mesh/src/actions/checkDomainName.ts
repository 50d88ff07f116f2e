import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkName } from '@financial-data-mesh/plugin-data-mesh-common';
import { findDomainEntity } from '../catalog/domainEntity';
import { throwIfInvalid } from './inputIssues';

export const CHECK_DOMAIN_NAME_ACTION_ID = 'datamesh:domain:check-name';

/**
 * Checks that a new data domain's name follows the naming rules and that
 * the catalog has no Domain of that name yet: a domain repository's or
 * one the catalog module derived from a registry that already exists. Two
 * domain stacks of one name would fight over the same bus, registry and
 * SSM parameters.
 * @public
 */
export function createCheckDomainNameAction(options: {
  readonly catalog: CatalogService;
}) {
  return createTemplateAction({
    id: CHECK_DOMAIN_NAME_ACTION_ID,
    description:
      'Checks a new data domain name against the naming rules and the catalog: fails if a Domain of that name exists.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Before scaffolding the payments domain',
        example: [
          'steps:',
          '  - action: datamesh:domain:check-name',
          '    input:',
          '      domain: payments',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        domain: z => z.string().describe('The domain, kebab-case'),
      },
    },
    async handler(ctx) {
      const { domain } = ctx.input;
      const problem = checkName('domain', domain);
      throwIfInvalid(
        CHECK_DOMAIN_NAME_ACTION_ID,
        problem ? [{ path: 'domain', message: problem }] : [],
      );
      const existing = await findDomainEntity(
        options.catalog,
        domain,
        await ctx.getInitiatorCredentials(),
      );
      if (existing) {
        throw new ConflictError(
          `${CHECK_DOMAIN_NAME_ACTION_ID}: the domain ${domain} already exists (${existing.entityRef}, owner ${existing.owner ?? 'unknown'}); add data products to it with the "Data product" template, or choose another name`,
        );
      }
      ctx.logger.info(`The domain name ${domain} is free in the catalog`);
    },
  });
}
