// Makes `npm test` / `npm start` work on a fresh clone: installs exactly what
// the lockfile pins when node_modules is missing or older than the lockfile.
// Installing from inside an npm lifecycle script is safe: `npm ci` does not
// re-run the root's `pretest`/`prestart` hooks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.installed-lock-hash');
// npm rewrites this "hidden lockfile" on every install that changes the tree.
const hiddenLockfile = join(root, 'node_modules', '.package-lock.json');

const lockHash = createHash('sha256')
  .update(readFileSync(lockfile))
  .digest('hex');

function installedFromThisLockfile() {
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === lockHash) {
    return true;
  }
  // A developer's own `npm install` updates both lockfiles together: trust it
  // rather than wiping node_modules with `npm ci`.
  return (
    existsSync(hiddenLockfile) &&
    statSync(hiddenLockfile).mtimeMs >= statSync(lockfile).mtimeMs
  );
}

if (!installedFromThisLockfile()) {
  console.log(
    '[ensure-deps] installing dependencies from package-lock.json (npm ci)...',
  );
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
}
writeFileSync(stamp, `${lockHash}\n`);
