import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isAbsolute, relative, resolve } from 'node:path';

export const REGISTER_LOCAL_ACTION_ID = 'datamesh:catalog:register-local';

/**
 * Registers a locally published repository's catalog-info.yaml as a `file`
 * location: catalog:register only takes URLs, which a local folder has not.
 * Only files under the local repositories folder are accepted, so a
 * template cannot make the catalog read arbitrary files of the backend host.
 * @public
 */
export function createRegisterLocalAction(options: {
  readonly repositoriesDir: string;
  readonly catalog: CatalogService;
}) {
  const { repositoriesDir, catalog } = options;
  return createTemplateAction({
    id: REGISTER_LOCAL_ACTION_ID,
    description: `Registers a catalog-info.yaml of a repository published with datamesh:publish:local (under ${repositoriesDir}) in the software catalog, as a file location.`,
    supportsDryRun: true,
    examples: [
      {
        description: 'Register what datamesh:publish:local published',
        example: [
          'steps:',
          '  - id: register',
          '    action: datamesh:catalog:register-local',
          '    input:',
          '      catalogInfoPath: ${{ steps.publish.output.catalogInfoPath }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        catalogInfoPath: z =>
          z.string().describe('Absolute path of the catalog-info.yaml'),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .optional()
            .describe('The main entity registered (the Component if any)'),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const file = resolve(ctx.input.catalogInfoPath);
      const inside = relative(repositoriesDir, file);
      if (
        !isAbsolute(ctx.input.catalogInfoPath) ||
        inside.startsWith('..') ||
        isAbsolute(inside)
      ) {
        throw new InputError(
          `${REGISTER_LOCAL_ACTION_ID}: catalogInfoPath "${ctx.input.catalogInfoPath}" must be an absolute path under ${repositoriesDir}`,
        );
      }
      ctx.output('catalogInfoUrl', file);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${file}`);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const register = (dryRun: boolean) =>
        catalog
          .addLocation({ type: 'file', target: file, dryRun }, { credentials })
          .catch(
            (error: Error & { body?: { error?: { message?: string } } }) => {
              throw new Error(
                `${REGISTER_LOCAL_ACTION_ID}: the catalog refused ${file}: ${error.body?.error?.message ?? error.message}`,
              );
            },
          );
      // Check the file first (a dry run processes its entities), so that a
      // bad file is reported and not left registered.
      const { entities } = await register(true);
      await register(false);
      const main =
        entities.find(entity => entity.kind === 'Component') ?? entities[0];
      if (main) {
        ctx.output('entityRef', stringifyEntityRef(main));
      }
      ctx.logger.info(
        `Registered ${file}: ${entities.map(e => stringifyEntityRef(e)).join(', ') || 'no entities yet'}`,
      );
    },
  });
}
