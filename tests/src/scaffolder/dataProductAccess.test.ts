import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { DataDomain, DataProduct } from '@financial-data-mesh/constructs';
import { parseDataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import git from 'isomorphic-git';
import fs, { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { startScaffolderBackend } from './__testUtils__/scaffolderBackend';

/**
 * A consumer asks for a product from the portal; the producer approves by
 * merging; the product's next synth builds the grant. Everything runs for
 * real except the git host: the GitHub pull request is a recording action,
 * and github.com is read from the local producer repository.
 */

const repositoriesDir = mkdtempSync(join(tmpdir(), 'producers-'));
const producer = (name: string) => join(repositoriesDir, name);
const TRADING = producer('trading-trade-executions');
const CREDIT_ACCOUNT = '222233334444';

/** What the stand-in for publish:github:pull-request was asked to propose. */
const pullRequests: Array<{
  input: Record<string, unknown>;
  files: Record<string, string>;
}> = [];

const recordingPullRequests = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'recording-github-pull-requests',
  register(reg) {
    reg.registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        actions.addActions(
          createTemplateAction({
            id: 'publish:github:pull-request',
            schema: {
              input: {
                repoUrl: z => z.string(),
                branchName: z => z.string(),
                targetBranchName: z => z.string().optional(),
                title: z => z.string(),
                description: z => z.string(),
                sourcePath: z => z.string().optional(),
              },
              output: { remoteUrl: z => z.string() },
            },
            async handler(ctx) {
              const root = join(ctx.workspacePath, ctx.input.sourcePath ?? '');
              const files = Object.fromEntries(
                readdirSync(root, { recursive: true, withFileTypes: true })
                  .filter(entry => entry.isFile())
                  .map(entry => {
                    const file = join(entry.parentPath, entry.name);
                    return [relative(root, file), readFileSync(file, 'utf8')];
                  }),
              );
              pullRequests.push({ input: { ...ctx.input }, files });
              ctx.output(
                'remoteUrl',
                'https://github.com/trading/trading-trade-executions/pull/1',
              );
            },
          }),
        );
      },
    });
  },
});

/** github.com's `<owner>/<repo>/blob/<branch>/<file>` read from the local repository `<repo>`. */
const githubFromLocalRepositories = createServiceFactory({
  service: coreServices.urlReader,
  deps: {},
  factory: () => ({
    async readUrl(url: string) {
      const match =
        /^https:\/\/github\.com\/[^/]+\/([^/]+)\/blob\/([^/]+)\/(.+)$/.exec(
          url,
        );
      if (!match) {
        throw new Error(`only github.com files are served here, not ${url}`);
      }
      const [, repo, branch, filepath] = match;
      const dir = producer(repo);
      const oid = await git.resolveRef({ fs, dir, ref: branch });
      const { blob } = await git.readBlob({ fs, dir, oid, filepath });
      const buffer = Buffer.from(blob);
      return {
        buffer: async () => buffer,
        stream: () => Readable.from(buffer),
      };
    },
    async readTree(): Promise<never> {
      throw new Error('not served here');
    },
    async search(): Promise<never> {
      throw new Error('not served here');
    },
  }),
});

/** The request the issue describes: credit decisions reading executed trades. */
const creditReadsTrades = {
  product: 'trading/trade-executions',
  consumer: 'system:default/credit-credit-decisions',
  account: CREDIT_ACCOUNT,
  events: 'some',
  detailTypes: ['TradeExecuted'],
  table: 'without-pii',
  purpose: "Credit limits use the counterparty's recent trading.",
  // TradeExecuted carries trader_id: events are forwarded as published.
  piiApproval: 'DPO-2026-114',
  repoTarget: 'local',
};

describe('requesting access to a data product from the portal', () => {
  let backend: Awaited<ReturnType<typeof startScaffolderBackend>>;

  beforeAll(async () => {
    backend = await startScaffolderBackend(repositoriesDir, {
      seedSampleRepositories: true,
      githubFeatures: [recordingPullRequests, githubFromLocalRepositories],
    });
  }, 180_000);
  afterAll(() => backend?.stop());

  async function request(values: Record<string, unknown>) {
    const created = await backend.createTask(values, 'data-product-access');
    expect(created.status).toBe(201);
    return backend.finishTask((await created.json()).id);
  }

  it('seeds a producer repository for each sample product', async () => {
    expect(readdirSync(repositoriesDir).sort()).toEqual([
      'credit-credit-decisions',
      'customer-customer-onboarding',
      'trading-trade-executions',
    ]);
    expect(await git.log({ fs, dir: TRADING })).toHaveLength(1);
  });

  it('proposes the grant on a branch that, merged, makes the next synth forward events and share the table without PII', async () => {
    const main = await git.resolveRef({ fs, dir: TRADING, ref: 'main' });
    const { task, log, steps, output } = await request(creditReadsTrades);
    expect([task.status, task.status === 'completed' ? '' : log]).toEqual([
      'completed',
      '',
    ]);
    expect(steps).toEqual({
      'fetch-github': 'skipped',
      'fetch-gitlab': 'skipped',
      propose: 'completed',
      'publish-github': 'skipped',
      'publish-gitlab': 'skipped',
    });
    const branch = `access/system/credit-credit-decisions-${CREDIT_ACCOUNT}`;
    expect(output?.links).toEqual([
      { title: `Proposed change (${branch})`, url: `file://${TRADING}` },
      {
        title: 'Data product page',
        url: 'http://localhost:3000/data-mesh/products/trading/trade-executions',
      },
    ]);

    // One commit on the branch, main untouched until the producer merges.
    const commits = await git.log({ fs, dir: TRADING, ref: branch });
    expect(commits.map(commit => commit.oid).slice(1)).toEqual([main]);
    expect(await git.resolveRef({ fs, dir: TRADING, ref: 'main' })).toBe(main);

    // The producing team approves: merge, check out, synth.
    await git.merge({
      fs,
      dir: TRADING,
      ours: 'main',
      theirs: branch,
      fastForwardOnly: true,
    });
    await git.checkout({ fs, dir: TRADING, ref: 'main', force: true });
    const stack = new Stack(new App(), 'Trading', {
      env: { account: '111122223333', region: 'eu-west-2' },
    });
    const domain = new DataDomain(stack, 'Domain', { domain: 'trading' });
    DataProduct.fromContractFile(domain, 'Executions', {
      domain,
      contractFile: join(TRADING, 'data-product.yaml'),
    });
    const template = Template.fromStack(stack);

    const [rule] = Object.values(
      template.findResources('AWS::Events::Rule', {
        Properties: { Description: Match.stringLikeRegexp('^Forwards') },
      }),
    );
    expect(rule.Properties.EventPattern['detail-type']).toEqual([
      'TradeExecuted',
    ]);
    expect(JSON.stringify(rule.Properties.Targets[0].Arn)).toContain(
      `:${CREDIT_ACCOUNT}:event-bus/datamesh-from-trading-trade-executions`,
    );
    const columnGrants = Object.values(
      template.findResources('AWS::LakeFormation::PrincipalPermissions'),
    )
      .map(grant => grant.Properties)
      .filter(grant => grant.Resource.TableWithColumns);
    expect(columnGrants).toEqual([
      expect.objectContaining({
        Principal: { DataLakePrincipalIdentifier: CREDIT_ACCOUNT },
        Resource: {
          TableWithColumns: expect.objectContaining({
            Name: 'trade_executions',
            ColumnWildcard: {
              ExcludedColumnNames: ['trader_id', 'cancelled_by'],
            },
          }),
        },
      }),
    ]);
  }, 120_000);

  it('puts the grant in the contract a GitHub pull request proposes', async () => {
    const { task, log, steps, output } = await request({
      product: 'credit/credit-decisions',
      consumer: 'group:default/credit-risk',
      account: '999988887777',
      events: 'none',
      table: 'without-pii',
      purpose: 'Ad hoc analysis of the approval rate by segment.',
      repoTarget: 'github',
      repoUrl: 'github.com?owner=credit&repo=credit-credit-decisions',
    });
    expect([task.status, task.status === 'completed' ? '' : log]).toEqual([
      'completed',
      '',
    ]);
    expect(steps).toMatchObject({
      'fetch-github': 'completed',
      propose: 'completed',
      'publish-github': 'completed',
    });
    expect(output?.links?.[0].url).toBe(
      'https://github.com/trading/trading-trade-executions/pull/1',
    );
    const [pullRequest] = pullRequests;
    expect(pullRequest.input).toMatchObject({
      repoUrl: 'github.com?owner=credit&repo=credit-credit-decisions',
      branchName: 'access/group/credit-risk-999988887777',
      targetBranchName: 'main',
      sourcePath: 'producer',
    });
    expect(pullRequest.input.description).toContain(
      '+    - consumer: group:credit-risk',
    );
    // Only the contract is proposed, with the grant after the existing one.
    expect(Object.keys(pullRequest.files)).toEqual(['data-product.yaml']);
    const { contract } = parseDataProductContract(
      pullRequest.files['data-product.yaml'],
    );
    expect(contract.access.consumers.map(grant => grant.consumer)).toEqual([
      'system:customer-customer-onboarding',
      'group:credit-risk',
    ]);
  }, 120_000);

  it("refuses a repository whose contract is another product's", async () => {
    const { task, log } = await request({
      product: 'trading/trade-executions',
      consumer: 'group:default/credit-risk',
      account: '999988887777',
      events: 'none',
      table: 'without-pii',
      purpose: 'Ad hoc analysis of the traded volumes.',
      repoTarget: 'github',
      repoUrl: 'github.com?owner=credit&repo=credit-credit-decisions',
    });
    expect(task.status).toBe('failed');
    expect(log).toContain(
      "repoUrl: the repository's data-product.yaml is the contract of credit/credit-decisions, not of trading/trade-executions",
    );
  }, 120_000);

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a restricted product without a last day',
      {
        product: 'customer/customer-onboarding',
        events: 'none',
        piiApproval: undefined,
      },
      'customer-customer-onboarding',
      'expires: is required: a restricted product',
    ],
    [
      'the PII columns without a privacy approval',
      {
        consumer: 'group:default/credit-risk',
        events: 'none',
        table: 'with-pii',
        piiApproval: undefined,
      },
      'trading-trade-executions',
      'piiApproval: is required: table: with-pii includes the PII columns',
    ],
    [
      'a last day in the past',
      { consumer: 'group:default/credit-risk', expires: '2020-01-31' },
      'trading-trade-executions',
      'expires: 2020-01-31 is in the past',
    ],
    [
      'an event the product does not have',
      { consumer: 'group:default/credit-risk', detailTypes: ['TradeSettled'] },
      'trading-trade-executions',
      'events[0]: "TradeSettled" is not an event of this product',
    ],
  ])(
    'refuses %s, naming the field, and proposes nothing',
    async (_case, change, repository, message) => {
      const dir = producer(repository);
      const branches = await git.listBranches({ fs, dir });
      const { task, log, steps } = await request({
        ...creditReadsTrades,
        ...change,
      });
      expect(task.status).toBe('failed');
      expect(steps.propose).toBe('failed');
      expect(log).toContain(message);
      expect(await git.listBranches({ fs, dir })).toEqual(branches);
    },
    60_000,
  );
});
