import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './runCommand';
import { REPO_ROOT } from './scaffolderBackend';

/**
 * The libraries a generated repository depends on, as they would be
 * published: built, packed (scripts/pack-libraries.mjs). The tarball paths.
 */
export async function packLibraries(): Promise<string[]> {
  const packs = mkdtempSync(join(tmpdir(), 'packs-'));
  await runCommand(
    process.execPath,
    [join(REPO_ROOT, 'scripts/pack-libraries.mjs'), packs],
    { cwd: REPO_ROOT, timeoutMs: 300_000 },
  );
  return readdirSync(packs).map(file => join(packs, file));
}

/** Installs a generated repository with the packed libraries in place of the registry's. */
export async function installWithPackedLibraries(
  repository: string,
  tarballs: readonly string[],
): Promise<void> {
  await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs],
    { cwd: repository, timeoutMs: 600_000 },
  );
}

/** Runs `npm test` in a generated repository; its output. */
export function npmTest(repository: string): Promise<string> {
  return runCommand('npm', ['test'], { cwd: repository, timeoutMs: 300_000 });
}

/**
 * Runs `cdk synth` in a generated repository (offline, as CI does) and
 * reads the synthesized template of its one stack.
 */
export async function cdkSynth(
  repository: string,
  stackName: string,
): Promise<{
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  Parameters?: Record<string, { Type: string; Default?: string }>;
}> {
  await runCommand('npx', ['cdk', 'synth', '--quiet', '--no-notices'], {
    cwd: repository,
    timeoutMs: 300_000,
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  return JSON.parse(
    readFileSync(
      join(repository, `cdk.out/${stackName}.template.json`),
      'utf8',
    ),
  );
}
