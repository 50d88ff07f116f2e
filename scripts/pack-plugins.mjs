// Packs the Backstage packages an adopter installs (the six plugin packages
// and the draft-04 library the common package needs) into npm tarballs by
// the release path of docs/publishing.md: type declarations, `backstage-cli
// package build`, then `npm pack`, which runs each package's `prepack` /
// `postpack` scripts (`backstage-cli package prepack` / `postpack`). Unlike
// scripts/pack-libraries.mjs it writes no package.json of its own: the
// tarballs are what `npm publish` would upload.
//
// Usage: node scripts/pack-plugins.mjs <output folder>
// Prints the tarball paths, one per line, on stdout; progress on stderr.
// Fails when a tarball holds anything but what docs/publishing.md lists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMIT_DECLARATIONS } from './lib/declarations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist-packs', 'plugins'));
const bin = name => join(root, 'node_modules/.bin', name);

// Dependencies before their dependents, as they would be published.
const PACKAGES = [
  'packages/json-schema-draft04',
  'plugins/data-mesh-common',
  'plugins/data-mesh-node',
  'plugins/data-mesh-backend',
  'plugins/catalog-backend-module-data-mesh',
  'plugins/scaffolder-backend-module-data-mesh',
  'plugins/data-mesh',
];
const BACKUP = 'package.json-prepack';
const PREPACK = 'backstage-cli package prepack';
const POSTPACK = 'backstage-cli package postpack';

function run(command, args, cwd = root) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(
      `${[command, ...args].join(' ')} failed in ${cwd}:\n${output.slice(-4000)}`,
    );
  }
}

const log = message => process.stderr.write(`${message}\n`);

// Ctrl-C, or a SIGTERM to the process group, also ends the npm or
// backstage-cli child of the moment. Stay alive to run the `finally` that
// restores package.json, then stop before the next step.
let stopSignal;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSignal = signal;
  });
}
function stopIfAsked() {
  if (stopSignal) throw new Error(`pack-plugins: stopped by ${stopSignal}`);
}

/**
 * `npm pack` in the package folder, which runs its `prepack` / `postpack`
 * scripts (every published package has them; tests/src/packageGraph.test.ts
 * checks). The repository's package.json is restored, also when a step fails.
 */
function pack(dir) {
  const packageDir = join(root, dir);
  if (existsSync(join(packageDir, BACKUP))) {
    throw new Error(
      `${dir}/${BACKUP} exists: an earlier prepack was not undone. Compare it with ${dir}/package.json, keep the right one and delete ${BACKUP}.`,
    );
  }
  const before = readFileSync(join(packageDir, 'package.json'), 'utf8');
  const { name, version, scripts = {} } = JSON.parse(before);
  if (scripts.prepack !== PREPACK || scripts.postpack !== POSTPACK) {
    throw new Error(
      `${dir}/package.json needs "prepack": "${PREPACK}" and "postpack": "${POSTPACK}"`,
    );
  }
  const tarball = join(
    outDir,
    `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`,
  );
  rmSync(tarball, { force: true });
  try {
    run('npm', ['pack', '--pack-destination', outDir], packageDir);
  } finally {
    // npm skips postpack when prepack or the pack itself failed.
    if (existsSync(join(packageDir, BACKUP))) {
      run(bin('backstage-cli'), ['package', 'postpack'], packageDir);
    }
  }
  const after = readFileSync(join(packageDir, 'package.json'), 'utf8');
  if (after !== before) {
    throw new Error(
      `${dir}/package.json differs from before the pack: postpack did not restore it, or it was edited meanwhile`,
    );
  }
  if (!existsSync(tarball)) {
    throw new Error(`npm pack wrote no ${tarball}`);
  }
  return tarball;
}

/**
 * What docs/publishing.md says a tarball holds: dist/, config.schema.json
 * for packages with a config schema, CHANGELOG.md, README.md and
 * package.json; and a manifest whose entry points exist and are built files.
 */
function checkTarball(dir, tarball) {
  const files = run('tar', ['-tzf', tarball])
    .split('\n')
    .filter(line => line && !line.endsWith('/'))
    .map(line => line.replace(/^package\//, ''));
  const manifest = JSON.parse(
    run('tar', ['-xzOf', tarball, 'package/package.json']),
  );
  const hasConfigSchema = existsSync(join(root, dir, 'config.d.ts'));
  const topLevel = ['package.json', 'README.md', 'CHANGELOG.md'];
  if (hasConfigSchema) topLevel.push('config.schema.json');
  const problems = [];
  for (const required of [...topLevel, 'dist/index.d.ts']) {
    if (!files.includes(required)) problems.push(`${required} is missing`);
  }
  for (const file of files) {
    if (!file.startsWith('dist/') && !topLevel.includes(file)) {
      problems.push(`${file} should not be published`);
    }
  }
  if (hasConfigSchema && manifest.configSchema !== 'config.schema.json') {
    problems.push(
      `configSchema is ${manifest.configSchema}, not config.schema.json`,
    );
  }
  const entryPoints = [manifest.main, manifest.module, manifest.types];
  // Export conditions; `backstage` names the entry's feature type (set by
  // prepack for app.packages discovery), not a file.
  const collect = value => {
    if (typeof value === 'string') entryPoints.push(value);
    else if (value && typeof value === 'object') {
      for (const [condition, target] of Object.entries(value)) {
        if (condition !== 'backstage') collect(target);
      }
    }
  };
  collect(manifest.exports);
  for (const entry of entryPoints.filter(Boolean)) {
    const file = entry.replace(/^\.\//, '');
    if (!files.includes(file)) {
      problems.push(`entry point ${entry} is not in the tarball`);
    }
    if (!file.startsWith('dist/') && file !== 'package.json') {
      problems.push(`entry point ${entry} is not a built file`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${tarball} (${dir}):\n  ${problems.join('\n  ')}\nfiles: ${files.join(', ')}`,
    );
  }
  return files;
}

/**
 * One tsc run over the repository (the root tsconfig covers every package).
 * tsc writes the declarations even when it reports errors: errors in a
 * packed package fail the pack, errors elsewhere (a test in progress) are
 * reported and do not.
 */
function emitDeclarations() {
  const result = spawnSync(
    bin('tsc'),
    [...EMIT_DECLARATIONS, '--pretty', 'false'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status === 0) return;
  const output = `${result.stdout}${result.stderr}`;
  const files = new Set(
    [...output.matchAll(/^(\S+?)\(\d+,\d+\): error/gm)].map(m => m[1]),
  );
  const inPacked = [...files].filter(file =>
    PACKAGES.some(dir => file.startsWith(`${dir}/`)),
  );
  if (inPacked.length > 0 || files.size === 0) {
    throw new Error(`tsc failed:\n${output.slice(-4000)}`);
  }
  log(
    `pack-plugins: tsc reported errors outside the packed packages (${[...files].join(', ')}); their declarations are emitted`,
  );
}

mkdirSync(outDir, { recursive: true });
// Type declarations first: the package builds roll them up from
// dist-types/<package folder>/src (the root tsconfig's rootDir is the
// repository, so one run covers every package).
log('pack-plugins: tsc declarations into dist-types');
emitDeclarations();
for (const dir of PACKAGES) {
  stopIfAsked();
  log(`pack-plugins: build ${dir}`);
  run(bin('backstage-cli'), ['package', 'build'], join(root, dir));
}
for (const dir of PACKAGES) {
  stopIfAsked();
  const tarball = pack(dir);
  const files = checkTarball(dir, tarball);
  log(`pack-plugins: ${tarball} (${files.length} files)`);
  console.log(tarball);
}
