import type { UserEntity } from '@backstage/catalog-model';
import fs from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import git from 'isomorphic-git';

/** Who commits: the task's user when known, else the platform. */
export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

/** The identity of commits no person made (seeding, unauthenticated tasks). */
export const PLATFORM_GIT_IDENTITY: GitIdentity = {
  name: 'Data mesh platform',
  email: 'data-mesh-platform@backstage.local',
};

/** The author of a task's commit: its user's name and e-mail when the catalog has them. */
export function gitIdentityOf(
  user: { readonly entity?: UserEntity } | undefined,
  fallback: GitIdentity,
): GitIdentity {
  return {
    name: user?.entity?.metadata.name ?? fallback.name,
    email: user?.entity?.spec?.profile?.email ?? fallback.email,
  };
}

/**
 * Creates a git repository at `target` with one commit on `defaultBranch`
 * holding what `populate` writes into the folder it is given. The
 * repository is built beside its target and renamed into place, so a
 * failure leaves nothing half-written. Returns the commit's id.
 */
export async function createLocalRepository(options: {
  readonly target: string;
  /** Distinguishes concurrent attempts at one target (a task id, a pid). */
  readonly attempt: string;
  readonly populate: (dir: string) => Promise<void>;
  readonly message: string;
  readonly author: GitIdentity;
  readonly defaultBranch?: string;
}): Promise<string> {
  const { target, attempt, populate, message, author } = options;
  await mkdir(dirname(target), { recursive: true });
  const staging = join(
    dirname(target),
    `.${basename(target)}.${attempt}.partial`,
  );
  try {
    await populate(staging);
    await git.init({
      fs,
      dir: staging,
      defaultBranch: options.defaultBranch ?? 'main',
    });
    await git.add({ fs, dir: staging, filepath: '.' });
    const commitHash = await git.commit({
      fs,
      dir: staging,
      message,
      author,
    });
    await rename(staging, target);
    return commitHash;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
