import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createLocalRepository,
  gitIdentityOf,
  pathExists,
} from '../git/localRepository';

export const PUBLISH_LOCAL_ACTION_ID = 'datamesh:publish:local';

const SCAFFOLDER_IDENTITY = {
  name: 'Scaffolder',
  email: 'scaffolder@backstage.local',
};

const REPO_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/**
 * Publishes the workspace as a new git repository in a local folder: the
 * embedded default's stand-in for publish:github, so a newcomer can
 * scaffold without a git host. The repository is built beside its target
 * and renamed into place, so a failure leaves nothing half-written.
 * @public
 */
export function createPublishLocalAction(options: {
  /** Absolute folder that holds the published repositories. */
  readonly repositoriesDir: string;
}) {
  const { repositoriesDir } = options;
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description: `Initialises a git repository (one commit on the default branch) from the workspace in a local folder under ${repositoriesDir}. For development and air-gapped use; use publish:github or publish:gitlab for real repositories.`,
    supportsDryRun: true,
    examples: [
      {
        description: 'Publish the generated repository locally',
        example: [
          'steps:',
          '  - id: publish',
          '    action: datamesh:publish:local',
          '    input:',
          '      repoName: trading-trade-executions',
          '      gitCommitMessage: Scaffold trade-executions',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe(
              'Folder name of the repository (lowercase letters, digits, ., _ and -)',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Publish only this subdirectory of the workspace'),
        defaultBranch: z =>
          z.string().optional().describe('Branch name (default main)'),
        gitCommitMessage: z =>
          z.string().optional().describe('Message of the initial commit'),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
      },
      output: {
        remoteUrl: z => z.string().describe('file:// URL of the repository'),
        repoContentsUrl: z =>
          z.string().describe('file:// URL of the repository contents'),
        repositoryPath: z =>
          z.string().describe('Absolute path of the repository'),
        catalogInfoPath: z =>
          z.string().describe('Absolute path of its catalog-info.yaml'),
        commitHash: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      const {
        repoName,
        sourcePath,
        defaultBranch = 'main',
        gitCommitMessage = 'Initial commit from the data product template',
      } = ctx.input;
      if (!REPO_NAME.test(repoName)) {
        throw new InputError(
          `${PUBLISH_LOCAL_ACTION_ID}: repoName "${repoName}" must be lowercase letters, digits, ".", "_" and "-", starting with a letter or digit`,
        );
      }
      const source = sourcePath
        ? resolveSafeChildPath(ctx.workspacePath, sourcePath)
        : ctx.workspacePath;
      const target = join(repositoriesDir, repoName);
      const outputs = () => {
        ctx.output('remoteUrl', pathToFileURL(target).href);
        ctx.output('repoContentsUrl', pathToFileURL(target).href);
        ctx.output('repositoryPath', target);
        ctx.output('catalogInfoPath', join(target, 'catalog-info.yaml'));
      };
      if (await pathExists(target)) {
        throw new ConflictError(
          `${PUBLISH_LOCAL_ACTION_ID}: ${target} already exists; choose another repoName or remove it`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would publish ${source} to ${target}`);
        outputs();
        return;
      }

      const commitHash = await createLocalRepository({
        target,
        attempt: ctx.task.id,
        populate: staging => cp(source, staging, { recursive: true }),
        message: gitCommitMessage,
        author: {
          ...gitIdentityOf(ctx.user, SCAFFOLDER_IDENTITY),
          ...(ctx.input.gitAuthorName && { name: ctx.input.gitAuthorName }),
          ...(ctx.input.gitAuthorEmail && { email: ctx.input.gitAuthorEmail }),
        },
        defaultBranch,
      });
      ctx.logger.info(
        `Published ${target} (commit ${commitHash.slice(0, 7)} on ${defaultBranch})`,
      );
      outputs();
      ctx.output('commitHash', commitHash);
    },
  });
}
