import { mockServices } from '@backstage/backend-test-utils';
import git from 'isomorphic-git';
import fs, { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedSampleRepositories } from './seedSampleRepositories';

const SAMPLES = resolve(__dirname, '../../../../examples/domains');

describe('seedSampleRepositories', () => {
  it('seeds each readable sample once, and skips a broken one with a warning', async () => {
    const domainsDir = mkdtempSync(join(tmpdir(), 'samples-'));
    cpSync(join(SAMPLES, 'trading'), join(domainsDir, 'trading'), {
      recursive: true,
    });
    mkdirSync(join(domainsDir, 'broken'));
    writeFileSync(join(domainsDir, 'broken', 'data-product.yaml'), 'name: [');
    const repositoriesDir = mkdtempSync(join(tmpdir(), 'repositories-'));
    const logger = mockServices.logger.mock();

    await expect(
      seedSampleRepositories({ domainsDir, repositoriesDir, logger }),
    ).resolves.toEqual([join(repositoriesDir, 'trading-trade-executions')]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Could not seed a producer repository for the sample ${join(domainsDir, 'broken')}`,
      ),
    );
    const dir = join(repositoriesDir, 'trading-trade-executions');
    const [commit] = await git.log({ fs, dir, ref: 'main' });
    expect(commit.commit.message).toContain(
      'Seed the trading/trade-executions sample data product',
    );
    // A second start leaves the repository as it is.
    await expect(
      seedSampleRepositories({ domainsDir, repositoriesDir, logger }),
    ).resolves.toEqual([]);
  });

  it('warns, and seeds nothing, when the samples folder is missing', async () => {
    const logger = mockServices.logger.mock();
    await expect(
      seedSampleRepositories({
        domainsDir: join(tmpdir(), 'no-such-samples'),
        repositoriesDir: mkdtempSync(join(tmpdir(), 'repositories-')),
        logger,
      }),
    ).resolves.toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('No sample domains at'),
    );
  });
});
