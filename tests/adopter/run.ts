/**
 * The "install into a fresh Backstage app" test: the plugin packages packed
 * as they would be published, served by a private registry for their
 * scope, installed into an app fresh from create-app exactly as their
 * READMEs say, started, and checked in a browser. See README.md here.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs tests/adopter/run.ts
 *
 * Environment:
 * - ADOPTER_YARN_CACHE: a folder to keep yarn's global folder (its package
 *   cache and registry metadata) in between runs. Without it the global
 *   folder lives in the run's temp dir, so every run installs from a cold
 *   cache. The run deletes the `@financial-data-mesh` entries from it first:
 *   each run packs the same versions anew, and yarn caches by name and
 *   version.
 * - ADOPTER_APP_PORT / ADOPTER_BACKEND_PORT: default 3020 / 7027
 *   (`npm start` and the browser tests own 3000 / 7007).
 * - ADOPTER_CATALOG_TIMEOUT: seconds the catalog gets, once the backend
 *   answers, to hold the data product Systems (default 120).
 * - ADOPTER_RESOLUTIONS: JSON of extra yarn resolutions over the pinned
 *   release, e.g. '{"@backstage/errors":"1.4.0"}', to try an upgrade an
 *   adopter might make. Off by default: the test installs the release as is.
 *
 * Prints each phase with its duration; exits 1 naming the phase that
 * failed, and keeps the temp dir (logs in <dir>/logs) only then.
 */
import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { checkAdopterApp, SAMPLE_PRODUCTS } from './browserChecks';
import {
  addBackendFeatures,
  configureDataMesh,
  configurePrivateRegistry,
  generateApp,
  installNode22,
  Logs,
  packageDiscovery,
  pinRelease,
  rangesOutsideRelease,
  readJson,
  YARN_RELEASE,
} from './freshApp';
import {
  runLogged,
  startLogged,
  stopAll,
  stopGroup,
  tailOf,
} from './processes';
import { ScopedRegistry, startScopedRegistry } from './registry';

// Run from source with Backstage's transform, never bundled.
// eslint-disable-next-line no-restricted-syntax
const repoRoot = resolve(__dirname, '../..');
const SCOPE = '@financial-data-mesh';
const BACKEND_PACKAGES = [
  `${SCOPE}/plugin-data-mesh-backend`,
  `${SCOPE}/plugin-catalog-backend-module-data-mesh`,
  `${SCOPE}/plugin-scaffolder-backend-module-data-mesh`,
];
const FRONTEND_PACKAGE = `${SCOPE}/plugin-data-mesh`;
const DATA_PRODUCT_SYSTEM = 'system/default/trading-trade-executions';

const appPort = Number(process.env.ADOPTER_APP_PORT ?? 3020);
const backendPort = Number(process.env.ADOPTER_BACKEND_PORT ?? 7027);
const appUrl = `http://localhost:${appPort}`;
const backendUrl = `http://localhost:${backendPort}`;
const catalogTimeoutMs =
  Number(process.env.ADOPTER_CATALOG_TIMEOUT ?? 120) * 1000;

const workDir = mkdtempSync(join(tmpdir(), 'adopter-'));
const appDir = join(workDir, 'app');
const logsDir = join(workDir, 'logs');
mkdirSync(logsDir);
const logs: Logs = { file: name => join(logsDir, `${name}.log`) };
const yarnGlobalFolder = process.env.ADOPTER_YARN_CACHE
  ? resolve(process.env.ADOPTER_YARN_CACHE)
  : join(workDir, 'yarn-global');
// node-gyp builds better-sqlite3 against the headers of the Node that runs
// the app (Debian's nodejs ships them in /usr/include/node).
const nodeDir = resolve(dirname(process.execPath), '..');
const yarnEnv: NodeJS.ProcessEnv = {
  ...process.env,
  YARN_GLOBAL_FOLDER: yarnGlobalFolder,
  YARN_ENABLE_TELEMETRY: '0',
  YARN_ENABLE_PROGRESS_BARS: 'false',
  // yarn turns immutable installs on under CI=true; the test changes the lockfile.
  YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  npm_config_nodedir: nodeDir,
};

let registry: ScopedRegistry | undefined;
let app: ChildProcess | undefined;
const timings: Array<{ phase: string; seconds: number; ok: boolean }> = [];

const say = (message: string) => process.stdout.write(`${message}\n`);
const note = (message: string) => say(`  · ${message}`);

function yarn(args: string[], logName: string) {
  return runLogged(process.execPath, [YARN_RELEASE, ...args], {
    cwd: appDir,
    env: yarnEnv,
    logFile: logs.file(logName),
  });
}

/** A failure, with the phase it happened in. */
class PhaseError extends Error {
  readonly failedPhase: string;

  constructor(failedPhase: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.failedPhase = failedPhase;
  }
}

async function phase(name: string, body: () => Promise<void>) {
  say(`▶ ${name}`);
  const started = performance.now();
  try {
    await body();
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    timings.push({ phase: name, seconds, ok: false });
    throw new PhaseError(name, error);
  }
  const seconds = (performance.now() - started) / 1000;
  timings.push({ phase: name, seconds, ok: true });
  say(`✓ ${name} (${seconds.toFixed(1)} s)`);
}

async function pack() {
  const tarballs = join(workDir, 'tarballs');
  await runLogged(
    process.execPath,
    [join(repoRoot, 'scripts/pack-plugins.mjs'), tarballs],
    { cwd: repoRoot, logFile: logs.file('pack') },
  );
  return readdirSync(tarballs)
    .filter(file => file.endsWith('.tgz'))
    .map(file => join(tarballs, file));
}

/** The registry answers as an npm client expects, in both name encodings. */
async function checkRegistry(served: ScopedRegistry) {
  for (const name of served.packages.keys()) {
    for (const path of [name.replace('/', '%2f'), name]) {
      const response = await fetch(`${served.url}/${path}`);
      if (!response.ok) throw new Error(`GET /${path}: ${response.status}`);
    }
    const packument = await (
      await fetch(`${served.url}/${name.replace('/', '%2f')}`)
    ).json();
    const { dist } = packument.versions[packument['dist-tags'].latest];
    const tarball = Buffer.from(
      await (await fetch(dist.tarball)).arrayBuffer(),
    );
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    if (integrity !== dist.integrity) {
      throw new Error(`${name}: the tarball does not match dist.integrity`);
    }
  }
}

/**
 * Every package came from the loopback registry (packument and tarball),
 * and what is installed is what was packed.
 */
function checkInstalledFromRegistry(served: ScopedRegistry) {
  for (const [name, manifest] of served.packages) {
    const fetched = (kind: string) =>
      served.requests.some(
        r => r.packageName === name && r.kind === kind && r.status === 200,
      );
    if (!fetched('packument') || !fetched('tarball')) {
      throw new Error(
        `yarn did not fetch ${name} from the private registry (requests: ${JSON.stringify(
          served.requests.filter(r => r.packageName === name),
        )})`,
      );
    }
    const installedPath = join(appDir, 'node_modules', name, 'package.json');
    if (!existsSync(installedPath)) {
      throw new Error(`${name} is not installed in ${appDir}/node_modules`);
    }
    const installed = readJson(installedPath);
    if (
      installed.version !== manifest.version ||
      installed.main !== manifest.main
    ) {
      throw new Error(
        `installed ${name} is ${installed.version} (main ${installed.main}), the tarball has ${manifest.version} (main ${manifest.main})`,
      );
    }
  }
}

/**
 * Yarn caches tarballs by name and version, and packuments by registry
 * host without the port: a run packs the same versions anew and serves
 * them on a new port. Forget both for the scope.
 */
function forgetCachedPackages() {
  const prefix = `${SCOPE.slice(1)}-`;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.replace(/^@/, '').startsWith(prefix)) {
        rmSync(path, { force: true });
      }
    }
  };
  walk(join(yarnGlobalFolder, 'cache'));
  walk(join(yarnGlobalFolder, 'metadata'));
}

async function answers(url: string, headers?: Record<string, string>) {
  try {
    const response = await fetch(url, { headers });
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (app && app.exitCode !== null) {
      throw new Error(
        `\`yarn start\` exited with ${app.exitCode} while waiting for ${what}; last lines of ${logs.file('start')}:\n${tailOf(logs.file('start'))}`,
      );
    }
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) {
      throw new Error(
        `no ${what} within ${timeoutMs / 1000} s; last lines of ${logs.file('start')}:\n${tailOf(logs.file('start'), 30)}`,
      );
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function reachable(url: string) {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/** A guest's token, as the app's sign-in page gets it. */
async function guestToken(): Promise<string | undefined> {
  const response = await answers(`${backendUrl}/api/auth/guest/refresh`, {
    'x-requested-with': 'XMLHttpRequest',
  });
  const body = await response?.json();
  return body?.backstageIdentity?.token;
}

async function startApp() {
  for (const url of [appUrl, backendUrl]) {
    if (await reachable(url)) {
      throw new Error(
        `${url} already answers: stop what runs there or set ADOPTER_APP_PORT / ADOPTER_BACKEND_PORT`,
      );
    }
  }
  // `yarn start`: the backend and the frontend dev server, as an adopter
  // first runs the app; the ports through APP_CONFIG_*.
  app = startLogged(process.execPath, [YARN_RELEASE, 'start'], {
    cwd: appDir,
    env: {
      ...yarnEnv,
      BROWSER: 'none',
      APP_CONFIG_app_baseUrl: appUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: appUrl,
    },
    logFile: logs.file('start'),
  });
  await waitFor('healthy data mesh backend', 240_000, async () => {
    const response = await answers(`${backendUrl}/api/data-mesh/health`);
    const body = await response?.json();
    return body?.status === 'ok' ? true : undefined;
  });
  const backendUp = Date.now();
  const token = await waitFor('guest token', 60_000, guestToken);
  const auth = { authorization: `Bearer ${token}` };
  const products = await waitFor(
    'data products from the API',
    60_000,
    async () => {
      const response = await answers(
        `${backendUrl}/api/data-mesh/data-products`,
        auth,
      );
      return response
        ? ((await response.json()).items as Array<{
            domain: string;
            name: string;
          }>)
        : undefined;
    },
  );
  const listed = products.map(p => `${p.domain}/${p.name}`).sort();
  if (listed.join() !== SAMPLE_PRODUCTS.join()) {
    throw new Error(
      `the API lists ${listed.join(', ')}, not ${SAMPLE_PRODUCTS.join(', ')}`,
    );
  }
  try {
    await waitFor(
      `catalog entity ${DATA_PRODUCT_SYSTEM}`,
      catalogTimeoutMs,
      () =>
        answers(
          `${backendUrl}/api/catalog/entities/by-name/${DATA_PRODUCT_SYSTEM}`,
          auth,
        ),
    );
  } catch (error) {
    const providerLines = readFileSync(logs.file('start'), 'utf8')
      .split('\n')
      .filter(line => /data mesh entities|data-mesh-provider/i.test(line))
      .map(line => stripVTControlCharacters(line));
    throw new Error(
      `the catalog holds no ${DATA_PRODUCT_SYSTEM} ${Math.round(
        (Date.now() - backendUp) / 1000,
      )} s after the backend answered; the catalog module logged:\n${providerLines.join('\n')}\n${
        error instanceof Error ? error.message : error
      }`,
    );
  }
  // No catalog.rules entry allows Domain (create-app's rules do not): the
  // provider's entities are not subject to the rules.
  if (
    !(await answers(
      `${backendUrl}/api/catalog/entities/by-name/domain/default/trading`,
      auth,
    ))
  ) {
    throw new Error('the catalog holds the System but not the Domain trading');
  }
  note(
    `catalog holds ${DATA_PRODUCT_SYSTEM} ${Math.round((Date.now() - backendUp) / 1000)} s after the backend answered`,
  );
  await waitFor(`frontend at ${appUrl}`, 300_000, () => answers(appUrl));
}

async function main() {
  const pins: Record<string, string> = readJson(
    join(__dirname, 'backstage-1.55.0-pins.json'),
  );
  const extraResolutions = JSON.parse(process.env.ADOPTER_RESOLUTIONS ?? '{}');
  say(`adopter test in ${workDir} (yarn global folder ${yarnGlobalFolder})`);

  let tarballs: string[] = [];
  await phase('pack the packages', async () => {
    tarballs = await pack();
    note(`${tarballs.length} tarballs`);
  });

  await phase('serve the private registry', async () => {
    registry = await startScopedRegistry({ scope: SCOPE, tarballs });
    await checkRegistry(registry);
    registry.requests.length = 0;
    note(`${registry.url} serves ${[...registry.packages.keys()].join(', ')}`);
    for (const manifest of registry.packages.values()) {
      for (const line of rangesOutsideRelease(manifest, pins)) note(line);
    }
  });

  let node22Bin = '';
  await phase('Node 22 for create-app', async () => {
    node22Bin = await installNode22(workDir, logs);
  });

  await phase('create the app', async () => {
    await generateApp({ workDir, appDir, node22Bin, logs });
    pinRelease(appDir, { ...pins, ...extraResolutions });
    if (Object.keys(extraResolutions).length > 0) {
      note(`extra resolutions: ${JSON.stringify(extraResolutions)}`);
    }
  });

  await phase('install the app', async () => {
    if (!existsSync(join(nodeDir, 'include/node/node.h'))) {
      throw new Error(
        `no Node headers in ${nodeDir}/include/node: node-gyp needs them to build better-sqlite3`,
      );
    }
    await yarn(['install'], 'install');
  });

  await phase('add the plugins as the READMEs say', async () => {
    configurePrivateRegistry(appDir, SCOPE, registry!.url);
    forgetCachedPackages();
    await yarn(
      ['--cwd', 'packages/backend', 'add', ...BACKEND_PACKAGES],
      'add-backend',
    );
    await yarn(['--cwd', 'packages/app', 'add', FRONTEND_PACKAGE], 'add-app');
    addBackendFeatures(appDir, BACKEND_PACKAGES);
    configureDataMesh(appDir, join(repoRoot, 'examples/registry'));
    checkInstalledFromRegistry(registry!);
    // The new frontend system finds the plugin's ./alpha by itself.
    note(
      `app.packages: ${JSON.stringify(packageDiscovery(appDir))}; App.tsx left as generated`,
    );
  });

  await phase('start the app', startApp);

  await phase('browser checks', () =>
    checkAdopterApp({
      appUrl,
      screenshotsDir: join(repoRoot, 'docs/screenshots'),
      failureDir: workDir,
      log: say,
    }),
  );
}

async function cleanUp() {
  if (app) await stopGroup(app, 15_000);
  await stopAll();
  await registry?.close();
}

function summary() {
  say('\nphase durations:');
  for (const { phase: name, seconds, ok } of timings) {
    say(
      `  ${ok ? '✓' : '✗'} ${name.padEnd(36)} ${seconds.toFixed(1).padStart(7)} s`,
    );
  }
  const total = timings.reduce((sum, t) => sum + t.seconds, 0);
  say(`  ${'total'.padEnd(38)} ${total.toFixed(1).padStart(7)} s`);
}

let interrupted: NodeJS.Signals | undefined;
function onSignal(signal: NodeJS.Signals) {
  if (interrupted) return;
  interrupted = signal;
  say(`\n${signal}: stopping`);
  // Ending the children fails the phase that waits on them; main() then
  // reports it. A phase that waits on nothing that ends gets 30 s.
  cleanUp().finally(() =>
    setTimeout(() => {
      say(`kept ${workDir}`);
      process.exit(130);
    }, 30_000),
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then(
  async () => {
    await cleanUp();
    summary();
    rmSync(workDir, { recursive: true, force: true });
    say('\nadopter test passed');
    process.exit(interrupted ? 130 : 0);
  },
  async error => {
    await cleanUp();
    summary();
    const phaseName = error instanceof PhaseError ? error.failedPhase : 'setup';
    const cause = interrupted ? ` (interrupted by ${interrupted})` : '';
    say(
      `\nadopter test FAILED in phase "${phaseName}"${cause}:\n${error instanceof Error ? error.message : error}`,
    );
    say(`\nkept ${workDir} (logs in ${logsDir})`);
    process.exit(interrupted ? 130 : 1);
  },
);
