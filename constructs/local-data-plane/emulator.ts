import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** An AWS-compatible endpoint on loopback, and how to stop it. */
export interface AwsEmulator {
  /** The endpoint every client of the run uses, e.g. `http://127.0.0.1:40123`. */
  readonly endpoint: string;
  /** Where it came from: started here, or `AWS_ENDPOINT_URL`. */
  readonly origin: 'moto_server' | 'AWS_ENDPOINT_URL';
  /** Stops the emulator if this run started it; a no-op for an external one. */
  stop(): Promise<void>;
}

/** Emulator credentials and region: an emulator accepts any, AWS none of them. */
export const EMULATOR_ENVIRONMENT = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'eu-west-1',
} as const;

/** What to install or set when no emulator can be had. */
export const MISSING_EMULATOR_HELP =
  "the local data plane needs an AWS emulator on loopback: install Python moto with its server extras (`pip install 'moto[server]'`, which puts moto_server on PATH), or start one yourself (for example LocalStack) and set AWS_ENDPOINT_URL to it";

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * The emulator of a run: `AWS_ENDPOINT_URL` when it is set (LocalStack on a
 * laptop, a shared moto), otherwise a `moto_server` started on a free
 * loopback port, stopped again by {@link AwsEmulator.stop}. Moto keeps all
 * state in memory, so every run starts from nothing.
 *
 * @throws Error naming what to install when neither is available.
 */
export async function startAwsEmulator(
  env: NodeJS.ProcessEnv = process.env,
): Promise<AwsEmulator> {
  const external = env.AWS_ENDPOINT_URL;
  if (external) {
    await waitUntilAnswering(external, STARTUP_TIMEOUT_MS, () => undefined);
    return {
      endpoint: external,
      origin: 'AWS_ENDPOINT_URL',
      stop: async () => {},
    };
  }
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore', env }).error) {
    throw new Error(`moto_server is not on PATH: ${MISSING_EMULATOR_HELP}`);
  }
  const port = await freeLoopbackPort();
  const output: string[] = [];
  const [command, ...prefix] = motoServerCommand(env);
  const child = spawn(
    command,
    [...prefix, '-H', '127.0.0.1', '-p', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env,
    },
  );
  child.stdout?.on('data', chunk => output.push(String(chunk)));
  child.stderr?.on('data', chunk => output.push(String(chunk)));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, STARTUP_TIMEOUT_MS, () =>
      child.exitCode === null
        ? undefined
        : `moto_server exited with ${child.exitCode}: ${output.join('').slice(-2000)}`,
    );
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
  return {
    endpoint,
    origin: 'moto_server',
    stop: () => stopProcessGroup(child),
  };
}

/**
 * moto's server, started by the Python that has moto, with one cache
 * added: moto's EventBridge builds a JSONPath parser (a parser generator
 * run) for each of eight paths of every event it delivers, about 30 ms an
 * event, which caps the emulator at a few dozen deliveries a second. The
 * parsers depend only on the path, so caching them changes no result.
 * Falls back to the plain `moto_server` when that Python is not the one
 * on PATH as `python3`.
 */
const CACHED_MOTO_SERVER = [
  'import functools, sys',
  'try:',
  '    import jsonpath_ng.ext as jsonpath',
  '    jsonpath.parse = functools.lru_cache(maxsize=1024)(jsonpath.parse)',
  'except ImportError:',
  '    pass',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

function motoServerCommand(env: NodeJS.ProcessEnv): string[] {
  const python = spawnSync('python3', ['-c', 'import moto.server'], {
    stdio: 'ignore',
    env,
  });
  return python.status === 0
    ? ['python3', '-c', CACHED_MOTO_SERVER]
    : ['moto_server'];
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(
  endpoint: string,
  timeoutMs: number,
  failure: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const failed = failure();
    if (failed) {
      throw new Error(failed);
    }
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(2000) });
      return;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(
    `no AWS emulator answered at ${endpoint} within ${timeoutMs} ms (${lastError}); ${MISSING_EMULATOR_HELP}`,
  );
}

/** moto_server may fork workers: stop the whole group, and wait for the exit. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
