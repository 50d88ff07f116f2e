import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

// Tests run from source and are never bundled, so __dirname is reliable here.
// eslint-disable-next-line no-restricted-syntax
const root = join(__dirname, '../../..');
export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';

/**
 * Starts the product exactly as `npm start` does (scripts/start.mjs, with
 * `args` such as `--new-frontend-system`) and waits until both the frontend
 * and the backend's first snapshot answer.
 */
export async function startStack(
  timeoutMs: number,
  env: NodeJS.ProcessEnv = {},
  args: readonly string[] = [],
): Promise<ChildProcess> {
  for (const url of [APP_URL, `${BACKEND_URL}/api/data-mesh/health`]) {
    if (await answers(url)) {
      throw new Error(
        `${url} already answers: stop the running \`npm start\` before the browser tests`,
      );
    }
  }
  const output: string[] = [];
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout?.on('data', chunk => output.push(String(chunk)));
  child.stderr?.on('data', chunk => output.push(String(chunk)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `npm start exited with ${child.exitCode}:\n${output.join('').slice(-3000)}`,
      );
    }
    if (
      (await answers(APP_URL)) &&
      (await answers(`${BACKEND_URL}/api/data-mesh/health`))
    ) {
      return child;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  await stopStack(child);
  throw new Error(
    `npm start did not serve ${APP_URL} within ${timeoutMs} ms:\n${output.join('').slice(-3000)}`,
  );
}

/**
 * Stops the whole process group (the start script and everything it
 * spawned) and waits until the script has exited and neither port takes a
 * connection, so the next stack can start on them; what is still up after
 * 30 s is killed.
 */
export async function stopStack(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null) {
    return;
  }
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const exited = new Promise(resolve => child.once('exit', resolve));
  signal('SIGTERM');
  const deadline = Date.now() + 30_000;
  await Promise.race([
    exited,
    new Promise(resolve => setTimeout(resolve, 30_000)),
  ]);
  while (Date.now() < deadline) {
    if (!(await listening(3000)) && !(await listening(7007))) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  signal('SIGKILL');
}

/** Whether something on this machine accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}
