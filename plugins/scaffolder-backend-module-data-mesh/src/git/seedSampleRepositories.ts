import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CONTRACT_FILE_NAME,
  parseDataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { cp, copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createLocalRepository,
  pathExists,
  PLATFORM_GIT_IDENTITY,
} from './localRepository';

/**
 * Gives every sample product the local producer repository a product
 * template would have published (`<domain>-<product>`: its contract and
 * schemas, one commit on main), so an embedded default can propose access
 * to the samples. A repository that exists is left as it is: seeding runs
 * on every start and never overwrites work.
 *
 * Returns the repositories it created.
 */
export async function seedSampleRepositories(options: {
  /** One folder per sample domain, each with a data-product.yaml and schemas/. */
  readonly domainsDir: string;
  readonly repositoriesDir: string;
  readonly logger: LoggerService;
}): Promise<string[]> {
  const { domainsDir, repositoriesDir, logger } = options;
  const created: string[] = [];
  if (!(await pathExists(domainsDir))) {
    logger.warn(
      `No sample domains at ${domainsDir} (dataMesh.scaffolder.sampleDomainsDir): no producer repositories seeded`,
    );
    return created;
  }
  const domains = await readdir(domainsDir, { withFileTypes: true });
  for (const entry of domains.filter(domain => domain.isDirectory())) {
    try {
      const target = await seedOne(
        join(domainsDir, entry.name),
        repositoriesDir,
      );
      if (target) {
        created.push(target);
        logger.info(`Seeded the sample producer repository ${target}`);
      }
    } catch (error) {
      // One broken sample must not keep the backend from starting.
      logger.warn(
        `Could not seed a producer repository for the sample ${join(domainsDir, entry.name)}: ${(error as Error).message}`,
      );
    }
  }
  return created;
}

/** The repository of one sample product folder, unless it exists already. */
async function seedOne(
  productDir: string,
  repositoriesDir: string,
): Promise<string | undefined> {
  const contractFile = join(productDir, CONTRACT_FILE_NAME);
  if (!(await pathExists(contractFile))) {
    return undefined;
  }
  const { contract } = parseDataProductContract(
    await readFile(contractFile, 'utf8'),
    { file: contractFile },
  );
  const target = join(repositoriesDir, `${contract.domain}-${contract.name}`);
  if (await pathExists(target)) {
    return undefined;
  }
  try {
    await createLocalRepository({
      target,
      attempt: String(process.pid),
      populate: async dir => {
        await mkdir(dir, { recursive: true });
        await copyFile(contractFile, join(dir, CONTRACT_FILE_NAME));
        await cp(join(productDir, 'schemas'), join(dir, 'schemas'), {
          recursive: true,
        });
      },
      message: `Seed the ${contract.domain}/${contract.name} sample data product`,
      author: PLATFORM_GIT_IDENTITY,
    });
  } catch (error) {
    // Another backend seeding the same folder got there first.
    if (await pathExists(target)) {
      return undefined;
    }
    throw error;
  }
  return target;
}
