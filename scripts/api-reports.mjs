#!/usr/bin/env node
// The API report (report.api.md, and report-alpha.api.md for ./alpha) of
// every published package: its declarations emitted by tsc, then
// `backstage-repo-tools api-reports` over the packages that are not private,
// with the options Backstage's own repository uses (release tags checked,
// undocumented members not reported).
//
// Usage: node scripts/api-reports.mjs [--ci]
//   --ci  writes nothing; fails when a report is out of date or has warnings.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPackagesSync } from '@manypkg/get-packages';
import { EMIT_DECLARATIONS } from './lib/declarations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = name => join(root, 'node_modules/.bin', name);

/** The workspace folders whose package.json is not private. */
export function publishedPackageDirs() {
  return getPackagesSync(root)
    .packages.filter(({ packageJson }) => !packageJson.private)
    .map(({ dir }) => relative(root, dir))
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ci = process.argv.includes('--ci');
  rmSync(join(root, 'dist-types'), { recursive: true, force: true });
  const run = (command, args) =>
    execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  run(bin('tsc'), EMIT_DECLARATIONS);
  try {
    run(bin('backstage-repo-tools'), [
      'api-reports',
      ...(ci ? ['--ci'] : []),
      '--validate-release-tags',
      '-o',
      'ae-undocumented,ae-wrong-input-file-type',
      ...publishedPackageDirs(),
    ]);
  } catch {
    console.error(
      ci
        ? 'An API report is out of date or has warnings: run `npm run api-reports` and commit the reports.'
        : 'API reports failed (see above).',
    );
    process.exitCode = 1;
  }
}
