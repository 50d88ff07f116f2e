import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import dataMeshPlugin from '@financial-data-mesh/plugin-data-mesh-backend';
import catalogModuleDataMesh, {
  catalogModuleLocalRepositories,
} from '@financial-data-mesh/plugin-catalog-backend-module-data-mesh';
import dataMeshScaffolderModule from '@financial-data-mesh/plugin-scaffolder-backend-module-data-mesh';
import { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';

// eslint-disable-next-line no-restricted-syntax -- tests run from source
export const REPO_ROOT = join(__dirname, '../../../..');
export const TEMPLATE_FILE = join(
  REPO_ROOT,
  'templates/data-product/template.yaml',
);
export const DOMAIN_TEMPLATE_FILE = join(
  REPO_ROOT,
  'templates/data-domain/template.yaml',
);
export const ACCESS_TEMPLATE_FILE = join(
  REPO_ROOT,
  'templates/data-product-access/template.yaml',
);

/** The software templates of the repository, by entity name. */
export type TemplateName =
  'data-product' | 'data-domain' | 'data-product-access';

/** What a test changes of the backend `npm start` runs. */
export interface ScaffolderBackendOptions {
  /** Seed the sample products' producer repositories, as `npm start` does. */
  readonly seedSampleRepositories?: boolean;
  /**
   * Features in place of the GitHub scaffolder module (which registers the
   * real publish:github actions), e.g. a mock action and a URL reader.
   */
  readonly githubFeatures?: BackendFeature[];
}

/** The output of a finished task (the fields the tests read). */
export interface TaskOutput {
  readonly links?: Array<{ title?: string; url?: string; entityRef?: string }>;
}

/** A task as GET /v2/tasks/:id returns it (the fields the tests read). */
export interface TaskState {
  readonly status: string;
  readonly error?: string;
}

/**
 * A real Backstage backend with the catalog (holding the data domain and
 * data product templates), the scaffolder with the data mesh actions, and the data mesh
 * plugin over the sample registry mirror: what `npm start` runs.
 */
export async function startScaffolderBackend(
  repositoriesDir: string,
  options: ScaffolderBackendOptions = {},
) {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      // The registries' Domains, Systems and APIs, as `npm start` has them:
      // the product template's checks look its domain up in the catalog.
      catalogModuleDataMesh,
      catalogModuleLocalRepositories,
      scaffolderEntityModel,
      scaffolderPlugin,
      // The template's publish steps for GitHub and GitLab, as `npm start` has them.
      ...(options.githubFeatures ?? [scaffolderGithubModule]),
      scaffolderGitlabModule,
      dataMeshPlugin,
      dataMeshScaffolderModule,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            rules: [
              {
                allow: [
                  'Template',
                  'Domain',
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Group',
                ],
              },
            ],
            locations: [
              { type: 'file', target: DOMAIN_TEMPLATE_FILE },
              { type: 'file', target: TEMPLATE_FILE },
              { type: 'file', target: ACCESS_TEMPLATE_FILE },
            ],
          },
          dataMesh: {
            sources: [
              {
                id: 'examples',
                type: 'directory',
                path: join(REPO_ROOT, 'examples/registry'),
              },
            ],
            scaffolder: {
              localRepositoriesDir: repositoriesDir,
              seedSampleRepositories: options.seedSampleRepositories ?? false,
              sampleDomainsDir: join(REPO_ROOT, 'examples/domains'),
            },
          },
        },
      }),
    ],
  });
  // The tests synthesize stacks in this process, which blocks the event
  // loop for seconds: the server's idle-socket timer (5 s) then fires just
  // as the next request is written on that pooled socket (ECONNRESET).
  // Idle sockets stay open instead; stop() closes them.
  backend.server.keepAliveTimeout = 0;
  const { port } = backend.server.address() as AddressInfo;
  const api = `http://localhost:${port}/api`;

  async function waitFor<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }

  const getJson = async (path: string) => {
    const response = await fetch(`${api}${path}`);
    return response.ok ? response.json() : undefined;
  };

  await waitFor('the data mesh snapshot', async () =>
    (await fetch(`${api}/data-mesh/health`)).ok ? true : undefined,
  );
  for (const template of [
    'data-domain',
    'data-product',
    'data-product-access',
  ]) {
    await waitFor(`the ${template} template in the catalog`, () =>
      getJson(`/catalog/entities/by-name/template/default/${template}`),
    );
  }

  return {
    api,
    stop: () => backend.stop(),
    waitFor,
    getJson,
    /** Starts a template with the given answers: the response of POST /v2/tasks. */
    createTask(
      values: Record<string, unknown>,
      template: TemplateName = 'data-product',
    ) {
      return fetch(`${api}/scaffolder/v2/tasks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          templateRef: `template:default/${template}`,
          values,
        }),
      });
    },
    /**
     * Runs the template through the scaffolder's dry-run API (the template
     * directory sent as its contents): each step's status, the files the
     * run would publish, and the log. Publishing actions do not run.
     */
    async dryRun(values: Record<string, unknown>) {
      const response = await fetch(`${api}/scaffolder/v2/dry-run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          template: parse(readFileSync(TEMPLATE_FILE, 'utf8')),
          values,
          secrets: {},
          directoryContents: listTemplateFiles(dirname(TEMPLATE_FILE)),
        }),
      });
      if (!response.ok) {
        throw new Error(
          `dry run answered ${response.status}: ${await response.text()}`,
        );
      }
      const result = (await response.json()) as {
        log: Array<{
          body: { message?: string; stepId?: string; status?: string };
        }>;
        directoryContents: Array<{ path: string; base64Content: string }>;
      };
      const files = Object.fromEntries(
        result.directoryContents.map(file => [
          file.path,
          Buffer.from(file.base64Content, 'base64').toString('utf8'),
        ]),
      );
      return { ...readLogEvents(result.log), files };
    },
    /** Waits until the task ends; its state and every log message. */
    async finishTask(taskId: string, timeoutMs = 120_000) {
      const task = await waitFor(
        `task ${taskId}`,
        async () => {
          const state = (await getJson(`/scaffolder/v2/tasks/${taskId}`)) as
            { status: string } | undefined;
          return state &&
            ['completed', 'failed', 'cancelled'].includes(state.status)
            ? (state as unknown as TaskState)
            : undefined;
        },
        timeoutMs,
      );
      const events = (await getJson(
        `/scaffolder/v2/tasks/${taskId}/events`,
      )) as Array<{
        type: string;
        body: {
          message?: string;
          stepId?: string;
          status?: string;
          output?: TaskOutput;
        };
      }>;
      const { log, steps } = readLogEvents(events);
      // The template's output travels in the completion event.
      const output = events.find(event => event.type === 'completion')?.body
        .output;
      return { task, log, steps, output };
    },
    /**
     * Runs the "Data domain" template to completion and waits until the
     * catalog has its Domain entity, which the product template needs.
     */
    async scaffoldDomain(values: { readonly domain: string }) {
      const created = await this.createTask(values, 'data-domain');
      const { task, log } = await this.finishTask((await created.json()).id);
      if (task.status !== 'completed') {
        throw new Error(
          `the domain ${values.domain} was not scaffolded (${task.status}):\n${log}`,
        );
      }
      return waitFor(`the ${values.domain} Domain in the catalog`, () =>
        getJson(`/catalog/entities/by-name/domain/default/${values.domain}`),
      );
    },
  };
}

/**
 * The messages and step statuses of a task's (or dry run's) log events:
 * statuses travel in the log events, and the last one of each step counts.
 */
function readLogEvents(
  events: ReadonlyArray<{
    body: { message?: string; stepId?: string; status?: string };
  }>,
) {
  const log = events
    .map(event => event.body.message ?? '')
    .filter(Boolean)
    .join('\n');
  const steps: Record<string, string> = {};
  for (const { body } of events) {
    if (body.stepId && body.status) {
      steps[body.stepId] = body.status;
    }
  }
  return { log, steps };
}

/** Every file under the template directory, as the dry-run API takes them. */
function listTemplateFiles(
  templateDir: string,
): Array<{ path: string; base64Content: string }> {
  return readdirSync(templateDir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const file = join(entry.parentPath, entry.name);
      return {
        path: relative(templateDir, file),
        base64Content: readFileSync(file).toString('base64'),
      };
    });
}
