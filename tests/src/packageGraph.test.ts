import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getPackagesSync } from '@manypkg/get-packages';

/**
 * The workspace's packages depend on each other one way only, at run, test
 * and dev time alike: nothing reaches the backend or frontend plugin
 * through its tests or dev entry. Cross-plugin wiring lives in the dev
 * backend and app (packages/backend, packages/app) and in these end-to-end
 * tests. (The backend plugin's benchmark reads the export through the
 * catalog module's provider: a one-way dev dependency on a module.)
 */

// Tests run from source and are never bundled, so __dirname is reliable here.
// eslint-disable-next-line no-restricted-syntax
const ROOT = join(__dirname, '../..');

/** The packages only the wiring may depend on: the plugins themselves. */
const PLUGINS = [
  '@financial-data-mesh/plugin-data-mesh',
  '@financial-data-mesh/plugin-data-mesh-backend',
];
/** Where plugins are wired together: the dev backend, the dev app, the tests. */
const WIRING = [
  '@financial-data-mesh/backend',
  '@financial-data-mesh/app',
  '@financial-data-mesh/e2e-tests',
];

interface Manifest {
  dir: string;
  name: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function workspaceManifests(): Manifest[] {
  return getPackagesSync(ROOT).packages.map(({ dir, packageJson }) => ({
    ...(packageJson as Omit<Manifest, 'dir'>),
    dir,
  }));
}

/** Each workspace package's dependencies on other workspace packages. */
function workspaceGraph(manifests: Manifest[]): Map<string, string[]> {
  const names = new Set(manifests.map(manifest => manifest.name));
  return new Map(
    manifests.map(manifest => [
      manifest.name,
      Object.keys({
        ...manifest.dependencies,
        ...manifest.devDependencies,
        ...manifest.peerDependencies,
      }).filter(name => names.has(name)),
    ]),
  );
}

/** Every cycle's path, found by a depth-first walk. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (name: string, path: string[]) => {
    const start = path.indexOf(name);
    if (start >= 0) {
      found.push([...path.slice(start), name]);
      return;
    }
    if (done.has(name)) return;
    for (const next of graph.get(name) ?? []) visit(next, [...path, name]);
    done.add(name);
  };
  for (const name of graph.keys()) visit(name, []);
  return found;
}

describe('the workspace packages', () => {
  const manifests = workspaceManifests();
  const graph = workspaceGraph(manifests);

  it('reads every workspace package', () => {
    expect([...graph.keys()]).toEqual(
      expect.arrayContaining([...PLUGINS, ...WIRING]),
    );
  });

  it('has no cycle, counting dev and peer dependencies', () => {
    expect(cycles(graph).map(cycle => cycle.join(' -> '))).toEqual([]);
  });

  it('lets only the dev backend, the dev app and the end-to-end tests depend on a plugin', () => {
    const dependents = [...graph]
      .filter(([, dependencies]) =>
        dependencies.some(name => PLUGINS.includes(name)),
      )
      .map(([name]) => name)
      .sort();
    expect(dependents).toEqual([...WIRING].sort());
  });

  it('publish each package with a README, a CHANGELOG and an API report', () => {
    const published = manifests.filter(manifest => !manifest.private);
    expect(published.length).toBeGreaterThanOrEqual(10);
    const missing = published.flatMap(({ dir, name }) =>
      ['README.md', 'CHANGELOG.md', 'report.api.md']
        .filter(file => !existsSync(join(dir, file)))
        .map(file => `${name}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('point each published package at its build when it is packed', () => {
    const withoutScripts = manifests
      .filter(manifest => !manifest.private)
      .filter(
        ({ scripts }) =>
          scripts?.prepack !== 'backstage-cli package prepack' ||
          scripts?.postpack !== 'backstage-cli package postpack',
      )
      .map(({ name }) => name);
    expect(withoutScripts).toEqual([]);
  });
});
