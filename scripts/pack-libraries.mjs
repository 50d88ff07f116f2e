// Packs the libraries a generated domain repository installs
// (@financial-data-mesh/constructs, its common package, the draft-04 schema
// converter, the event publisher and the event-types generator) into npm
// tarballs, built to JavaScript the way they would be published: the
// workspace itself runs them from TypeScript source.
// Usage: node scripts/pack-libraries.mjs <output folder>
// Prints the tarball paths, one per line.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist-packs'));
const bin = name => join(root, 'node_modules/.bin', name);
const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });

// Dependencies before their dependents.
const LIBRARIES = [
  { dir: 'packages/json-schema-draft04', extra: [] },
  { dir: 'plugins/data-mesh-common', extra: [] },
  { dir: 'packages/event-publisher', extra: [] },
  // bin/ holds the datamesh-event-types command, a shim into dist/.
  { dir: 'packages/event-types', extra: ['bin'] },
  // lib/ holds the Lambda handler bundles the constructs deploy.
  { dir: 'constructs', extra: ['lib'] },
];

// Type declarations first: the package build rolls them up from dist-types.
run(bin('tsc'), ['--noEmit', 'false', '--outDir', 'dist-types']);
run(
  process.execPath,
  [
    '--require',
    '@backstage/cli/config/nodeTransform.cjs',
    'scripts/bundleHandlers.ts',
  ],
  join(root, 'constructs'),
);

mkdirSync(outDir, { recursive: true });
for (const { dir, extra } of LIBRARIES) {
  const packageDir = join(root, dir);
  run(bin('backstage-cli'), ['package', 'build'], packageDir);
  const manifest = JSON.parse(
    readFileSync(join(packageDir, 'package.json'), 'utf8'),
  );
  const staging = mkdtempSync(join(tmpdir(), 'pack-'));
  for (const folder of ['dist', ...extra]) {
    if (!existsSync(join(packageDir, folder))) {
      throw new Error(`${dir}/${folder} is missing after the build`);
    }
    cpSync(join(packageDir, folder), join(staging, folder), {
      recursive: true,
    });
  }
  // What `backstage-cli package prepack` does: point at the built files.
  const { scripts, devDependencies, jest, ...published } = manifest;
  writeFileSync(
    join(staging, 'package.json'),
    `${JSON.stringify(
      {
        ...published,
        main: 'dist/index.cjs.js',
        types: 'dist/index.d.ts',
        files: ['dist', ...extra],
      },
      null,
      2,
    )}\n`,
  );
  const tarball = run(
    'npm',
    ['pack', '--silent', '--pack-destination', outDir],
    staging,
  )
    .toString()
    .trim()
    .split('\n')
    .pop();
  rmSync(staging, { recursive: true, force: true });
  console.log(join(outDir, tarball));
}
