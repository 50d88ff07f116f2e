import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseDataProductContract } from '@financial-data-mesh/plugin-data-mesh-common';
import git from 'isomorphic-git';
import fs, {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { seedSampleRepositories } from '../git/seedSampleRepositories';
import {
  branchNameFor,
  createProposeAccessAction,
  isBranchName,
} from './proposeAccess';
import { proposeAccessExamples } from './proposeAccess.examples';

const SAMPLE_DOMAINS = join(__dirname, '../../../../examples/domains');
const TODAY = new Date('2026-12-02T09:00:00Z');

async function seededRepositories(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'producers-'));
  await seedSampleRepositories({
    domainsDir: SAMPLE_DOMAINS,
    repositoriesDir: root,
    logger: mockServices.logger.mock(),
  });
  return root;
}

/** Runs the action's handler; its outputs by name. */
async function propose(
  repositoriesDir: string,
  input: Record<string, unknown>,
  extra: { workspacePath?: string; isDryRun?: boolean } = {},
) {
  // The mock context ignores isDryRun: set it afterwards.
  const ctx = {
    ...createMockActionContext({
      input: input as any,
      workspacePath: extra.workspacePath,
    }),
    ...(extra.isDryRun && { isDryRun: true }),
  };
  await createProposeAccessAction({
    repositoriesDir,
    appBaseUrl: 'http://localhost:3000/',
    today: () => TODAY,
  }).handler(ctx as any);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

const inputOf = (example: number) =>
  parse(proposeAccessExamples[example].example).steps[0].input;

describe('datamesh:access:propose', () => {
  it('seeds each sample product once, with one commit on main', async () => {
    const root = await seededRepositories();
    const dir = join(root, 'trading-trade-executions');
    expect((await git.listFiles({ fs, dir })).sort()).toEqual([
      'data-product.yaml',
      'schemas/history/trade-executed.v1.json',
      'schemas/trade-cancelled.json',
      'schemas/trade-executed.json',
    ]);
    expect(await git.log({ fs, dir })).toHaveLength(1);
    await expect(
      seedSampleRepositories({
        domainsDir: SAMPLE_DOMAINS,
        repositoriesDir: root,
        logger: mockServices.logger.mock(),
      }),
    ).resolves.toEqual([]);
  });

  it('proposes a grant on a new branch of the local producer repository (example 1)', async () => {
    const root = await seededRepositories();
    const dir = join(root, 'trading-trade-executions');
    const main = await git.resolveRef({ fs, dir, ref: 'main' });
    const workingCopy = readFileSync(join(dir, 'data-product.yaml'), 'utf8');

    const outputs = await propose(root, inputOf(0));

    expect(outputs).toMatchObject({
      branchName: 'access/system/credit-credit-decisions-222233334444',
      repositoryPath: dir,
      remoteUrl: `file://${dir}`,
      dataProductUrl:
        'http://localhost:3000/data-mesh/products/trading/trade-executions',
    });
    const [commit, ...rest] = await git.log({
      fs,
      dir,
      ref: outputs.branchName,
    });
    expect(commit.oid).toBe(outputs.commitHash);
    expect(commit.commit.parent).toEqual([main]);
    expect(rest.map(entry => entry.oid)).toEqual([main]);
    // Only the contract changed, and main, its index and files did not.
    const changed = await git.walk({
      fs,
      dir,
      trees: [git.TREE({ ref: main }), git.TREE({ ref: commit.oid })],
      map: async (path, [a, b]) =>
        (await a?.oid()) !== (await b?.oid()) && (await b?.type()) === 'blob'
          ? path
          : undefined,
    });
    expect(changed).toEqual(['data-product.yaml']);
    expect(await git.resolveRef({ fs, dir, ref: 'main' })).toBe(main);
    expect(await git.statusMatrix({ fs, dir })).toEqual(
      expect.not.arrayContaining([expect.arrayContaining([1, 1, 2])]),
    );
    expect(readFileSync(join(dir, 'data-product.yaml'), 'utf8')).toBe(
      workingCopy,
    );

    const { blob } = await git.readBlob({
      fs,
      dir,
      oid: commit.oid,
      filepath: 'data-product.yaml',
    });
    const { contract } = parseDataProductContract(Buffer.from(blob).toString());
    expect(contract.access.consumers).toEqual([
      expect.objectContaining({
        consumer: 'system:credit-credit-decisions',
        events: ['TradeExecuted'],
        table: 'without-pii',
      }),
    ]);
    expect(outputs.summary).toContain(
      'events TradeExecuted, forwarded to the bus datamesh-from-trading-trade-executions in account 222233334444',
    );
    expect(outputs.diff).toContain(
      '+    - consumer: system:credit-credit-decisions',
    );
    // Lines are only added: three of context, then the grant.
    const diffLines: string[] = outputs.diff.split('\n');
    expect(diffLines.filter(line => /^-(?!--)/.test(line))).toEqual([]);
    expect(diffLines[2]).toMatch(/^@@ -(\d+),3 \+\1,12 @@$/);
    expect(diffLines[diffLines.length - 1]).toMatch(/^\+/);
  });

  it('edits the workspace copy of the contract for a pull request (example 2)', async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'workspace-'));
    mkdirSync(join(workspacePath, 'producer'));
    cpSync(
      join(SAMPLE_DOMAINS, 'credit/data-product.yaml'),
      join(workspacePath, 'producer/data-product.yaml'),
    );
    const outputs = await propose(
      mkdtempSync(join(tmpdir(), 'none-')),
      inputOf(1),
      {
        workspacePath,
      },
    );
    expect(outputs.branchName).toBe('access/group/risk-analytics-555566667777');
    expect(outputs.repositoryPath).toBeUndefined();
    const { contract } = parseDataProductContract(
      readFileSync(join(workspacePath, 'producer/data-product.yaml'), 'utf8'),
    );
    expect(contract.access.consumers.map(grant => grant.consumer)).toEqual([
      'system:customer-customer-onboarding',
      'group:risk-analytics',
    ]);
  });

  it('commits nothing in a dry run', async () => {
    const root = await seededRepositories();
    const dir = join(root, 'trading-trade-executions');
    const outputs = await propose(root, inputOf(0), { isDryRun: true });
    expect(outputs.summary).toContain('access.consumers[0]');
    expect(await git.listBranches({ fs, dir })).toEqual(['main']);
  });

  it('refuses a second request of the same consumer and account while one is waiting', async () => {
    const root = await seededRepositories();
    await propose(root, inputOf(0));
    await expect(propose(root, inputOf(0))).rejects.toThrow(
      'already has the branch access/system/credit-credit-decisions-222233334444',
    );
  });

  it('gives consumers of different kinds or namespaces with one name their own branches', async () => {
    const root = await seededRepositories();
    const dir = join(root, 'trading-trade-executions');
    const request = (consumer: string) =>
      propose(root, {
        product: 'trading/trade-executions',
        consumer,
        account: '999988887777',
        table: 'without-pii',
        purpose: 'Ad hoc analysis of the traded volumes.',
      });
    const names = [];
    for (const consumer of [
      'group:default/credit-risk',
      'system:default/credit-risk',
      'system:finance/credit-risk',
    ]) {
      names.push((await request(consumer)).branchName);
    }
    expect(names).toEqual([
      'access/group/credit-risk-999988887777',
      'access/system/credit-risk-999988887777',
      'access/system/finance/credit-risk-999988887777',
    ]);
    expect((await git.listBranches({ fs, dir })).sort()).toEqual(
      ['main', ...names].sort(),
    );
    expect(names.every(isBranchName)).toBe(true);
  });

  it.each([
    ['group:credit-risk', 'access/group/credit-risk-999988887777'],
    ['Group:Default/Credit-Risk', 'access/group/credit-risk-999988887777'],
    ['system:credit_risk', 'access/system/credit_risk-999988887777'],
    ['system:risk.v2', 'access/system/risk.v2-999988887777'],
    ['system:a..b', undefined],
    ['credit-risk', undefined],
  ])('names the branch of %s %s', (consumer, expected) => {
    expect(branchNameFor({ consumer, account: '999988887777' })).toBe(expected);
  });

  it.each([
    ['main', true],
    ['release/2026.12', true],
    ['-main', false],
    ['a..b', false],
    ['team/.hidden', false],
    ['main.lock', false],
    ['access//x', false],
    ['main.', false],
    ['feature branch', false],
  ])('takes %s as a branch name: %s', (name, valid) => {
    expect(isBranchName(name)).toBe(valid);
  });

  it('names the path of a producer repository that does not exist', async () => {
    const root = mkdtempSync(join(tmpdir(), 'empty-'));
    await expect(propose(root, inputOf(0))).rejects.toThrow(
      `no producer repository at ${join(root, 'trading-trade-executions')}`,
    );
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a product that is not <domain>/<product>',
      { product: 'trading' },
      ['product'],
    ],
    [
      'personal data without approval, and a past expiry',
      { table: 'with-pii', piiApproval: '', expires: '2026-12-01' },
      ['expires', 'piiApproval'],
    ],
    [
      'an event of another product',
      { events: ['CreditDecided'] },
      ['events[0]'],
    ],
    ['a grant of nothing', { events: [], table: undefined }, ['events']],
  ])(
    'refuses %s, naming the form fields, and branches nothing',
    async (_case, change, fields) => {
      const root = await seededRepositories();
      const error = await propose(root, { ...inputOf(0), ...change }).catch(
        (caught: Error) => caught,
      );
      expect(error).toMatchObject({ name: 'InputError' });
      const named = [...(error as Error).message.matchAll(/^ {2}- ([^:]+):/gm)];
      expect(named.map(match => match[1]).sort()).toEqual(fields);
      expect(
        await git.listBranches({
          fs,
          dir: join(root, 'trading-trade-executions'),
        }),
      ).toEqual(['main']);
    },
  );

  it("refuses a consumer the schemas' tags have no room for, naming access.consumers", async () => {
    // 35 more owner's tags: the trading schemas carry 50, a consumer makes 51.
    const workspacePath = mkdtempSync(join(tmpdir(), 'workspace-'));
    writeFileSync(
      join(workspacePath, 'data-product.yaml'),
      `${readFileSync(join(SAMPLE_DOMAINS, 'trading/data-product.yaml'), 'utf8')}${Array.from(
        { length: 35 },
        (_, i) => `  team-tag-${i}: x\n`,
      ).join('')}`,
    );
    const error = await propose(
      workspacePath,
      { ...inputOf(0), repoTarget: 'github' },
      { workspacePath },
    ).catch((caught: Error) => caught);
    expect(error).toMatchObject({ name: 'InputError' });
    expect((error as Error).message).toContain(
      "  - access.consumers: the schema of TradeExecuted of data product trading/trade-executions would carry 51 tags, but AWS allows at most 50 per resource: the owner's 37 tags (tags), 13 tags of data mesh metadata and 1 tag listing the consumers",
    );
    expect(
      readFileSync(join(workspacePath, 'data-product.yaml'), 'utf8'),
    ).not.toContain('access:');
  });

  it('refuses to propose against a producer contract that does not parse', async () => {
    const workspacePath = mkdtempSync(join(tmpdir(), 'workspace-'));
    writeFileSync(join(workspacePath, 'data-product.yaml'), 'name: [\n');
    await expect(
      propose(
        workspacePath,
        { ...inputOf(1), contractPath: undefined },
        { workspacePath },
      ),
    ).rejects.toThrow("the producer's contract does not parse");
  });
});
