// `npm start`: the Backstage backend (port 7007) and the frontend dev app
// (port 3000) together, one URL printed. Ctrl-C stops both; if either
// exits, the other is stopped too, so nothing is left running.
// `--new-frontend-system` serves the new frontend system's app
// (packages/app) instead of the legacy one (plugins/data-mesh/dev).
// Other arguments after `--` go to the backend (e.g. --config app-config.aws.yaml).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NEW_FRONTEND_SYSTEM = '--new-frontend-system';
const newFrontendSystem = process.argv.includes(NEW_FRONTEND_SYSTEM);
const extraArgs = process.argv
  .slice(2)
  .filter(arg => arg !== NEW_FRONTEND_SYSTEM);

const children = [
  spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'packages/backend/src/index.ts',
      ...extraArgs,
    ],
    // `npm start` is development: guest sign-in works only there (see
    // app-config.yaml). Set even when the caller has another NODE_ENV
    // (jest's `test`, in the browser tests).
    {
      cwd: root,
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, NODE_ENV: 'development' },
    },
  ),
  spawn(join(root, 'node_modules/.bin/backstage-cli'), ['package', 'start'], {
    cwd: join(root, newFrontendSystem ? 'packages/app' : 'plugins/data-mesh'),
    stdio: 'inherit',
    detached: true,
  }),
];

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    // Each child leads its own process group: the dev server forks
    // workers that would outlive a plain kill of the child.
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  process.exitCode = code;
}

for (const child of children) {
  child.on('exit', code => stopAll(code ?? 1));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

setTimeout(() => {
  if (!stopping) {
    console.log(
      '\n  Data mesh platform: open http://localhost:3000/data-mesh  (backend API on http://localhost:7007)\n',
    );
  }
}, 15000);
