// Makes `npm test` / `npm start` work on a fresh clone: installs exactly what
// the lockfile pins when node_modules is missing or older than the lockfile.
// Installing from inside an npm lifecycle script is safe: `npm ci` does not
// re-run the root's `pretest`/`prestart` hooks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.installed-lock-hash');

const lockHash = createHash('sha256')
  .update(readFileSync(lockfile))
  .digest('hex');
const installedHash = existsSync(stamp)
  ? readFileSync(stamp, 'utf8').trim()
  : '';

if (installedHash !== lockHash) {
  console.log(
    '[ensure-deps] installing dependencies from package-lock.json (npm ci)...',
  );
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, `${lockHash}\n`);
}
