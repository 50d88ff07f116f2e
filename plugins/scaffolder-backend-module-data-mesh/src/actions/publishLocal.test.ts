import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import git from 'isomorphic-git';
import fs, {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublishLocalAction } from './publishLocal';
import { createRegisterLocalAction } from './registerLocal';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-card-payments
spec:
  type: data-pipeline
  lifecycle: experimental
  owner: group:payments-data
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-'));
  mkdirSync(join(dir, 'schemas'));
  writeFileSync(join(dir, 'catalog-info.yaml'), catalogInfo);
  writeFileSync(join(dir, 'schemas/payment-settled.json'), '{}\n');
  return dir;
}

async function publish(
  repositoriesDir: string,
  input: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  // The mock context ignores isDryRun and the like: set them afterwards.
  const ctx = {
    ...createMockActionContext({
      input: input as any,
      workspacePath: workspace(),
    }),
    ...extra,
  };
  await createPublishLocalAction({ repositoriesDir }).handler(ctx as any);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

describe('datamesh:publish:local', () => {
  it('creates a git repository with one commit holding every file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    const outputs = await publish(root, {
      repoName: 'payments-card-payments',
      gitCommitMessage: 'Scaffold card-payments',
    });
    const dir = join(root, 'payments-card-payments');
    expect(outputs).toMatchObject({
      repositoryPath: dir,
      remoteUrl: `file://${dir}`,
      catalogInfoPath: join(dir, 'catalog-info.yaml'),
    });
    const log = await git.log({ fs, dir });
    expect(log.map(entry => entry.commit.message.trim())).toEqual([
      'Scaffold card-payments',
    ]);
    expect(log[0].oid).toBe(outputs.commitHash);
    expect(await git.currentBranch({ fs, dir })).toBe('main');
    expect((await git.listFiles({ fs, dir })).sort()).toEqual([
      'catalog-info.yaml',
      'schemas/payment-settled.json',
    ]);
    // No staging folder is left behind.
    expect(readdirSync(root)).toEqual(['payments-card-payments']);
  });

  it('never overwrites an existing repository', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    await publish(root, { repoName: 'taken' });
    await expect(publish(root, { repoName: 'taken' })).rejects.toThrow(
      `${join(root, 'taken')} already exists`,
    );
  });

  it('writes nothing in a dry run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    const outputs = await publish(
      root,
      { repoName: 'dry' },
      { isDryRun: true },
    );
    expect(outputs.repositoryPath).toBe(join(root, 'dry'));
    expect(existsSync(join(root, 'dry'))).toBe(false);
  });

  it('rejects a repository name that could escape the folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    await expect(publish(root, { repoName: '../elsewhere' })).rejects.toThrow(
      'repoName "../elsewhere" must be lowercase letters',
    );
  });
});

describe('datamesh:catalog:register-local', () => {
  it('registers the published catalog-info.yaml as a file location', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    const { catalogInfoPath } = await publish(root, { repoName: 'registered' });
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn(async request => ({
        location: {
          id: '1',
          type: request.type!,
          target: request.target,
          entityRef: 'location:default/generated',
        },
        entities: request.dryRun
          ? [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: 'payments-card-payments' },
              },
            ]
          : [],
      })),
    });
    const ctx = createMockActionContext({
      input: { catalogInfoPath } as any,
    });
    await createRegisterLocalAction({ repositoriesDir: root, catalog }).handler(
      ctx as any,
    );
    // Checked first (dry run), then registered.
    expect(
      (catalog.addLocation as jest.Mock).mock.calls.map(([request]) => request),
    ).toEqual([
      { type: 'file', target: catalogInfoPath, dryRun: true },
      { type: 'file', target: catalogInfoPath, dryRun: false },
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments-card-payments',
    );
  });

  it('refuses files outside the local repositories folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'repos-'));
    const ctx = createMockActionContext({
      input: { catalogInfoPath: '/etc/passwd' } as any,
    });
    await expect(
      createRegisterLocalAction({
        repositoriesDir: root,
        catalog: catalogServiceMock(),
      }).handler(ctx as any),
    ).rejects.toThrow(`must be an absolute path under ${root}`);
  });
});
