/**
 * Derives backstage-1.55.0-pins.json: for every `@backstage/*` package in a
 * yarn metadata cache, the highest release version published before the
 * cutoff. The default cutoff falls after Backstage 1.55.0 (create-app 0.9.2)
 * and its patch batch of 2026-10-20, and before the batch of 2026-11-17,
 * whose closure the registry here does not fully serve and which our
 * plugins are not built against.
 *
 * The cache is the one any `yarn install` of a create-app 0.9.2 app fills
 * (yarn 4 keeps full packuments, with publish times, for its age gate):
 * run tests/adopter/run.ts with ADOPTER_YARN_CACHE=<folder>, then
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     tests/adopter/derivePins.ts <folder> > tests/adopter/backstage-1.55.0-pins.json
 *
 * Packages with no version before the cutoff (new in a later release) are
 * left out. Reads local files only; asks no registry.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT_CUTOFF = '2026-11-01T00:00:00Z';

type Release = [major: number, minor: number, patch: number];

function parseRelease(version: string): Release | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [+match[1], +match[2], +match[3]] : undefined;
}

function compareReleases(a: Release, b: Release): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Every metadata file under yarn's `metadata/npm/<hash>/<registry host>/`. */
function metadataFiles(globalFolder: string): string[] {
  const root = join(globalFolder, 'metadata', 'npm');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.startsWith('@backstage-') && entry.endsWith('.json')) {
        files.push(path);
      }
    }
  };
  walk(root);
  return files;
}

export function derivePins(
  globalFolder: string,
  cutoff: string = DEFAULT_CUTOFF,
): Record<string, string> {
  const cutoffTime = new Date(cutoff).getTime();
  const pins: Record<string, string> = {};
  for (const file of metadataFiles(globalFolder)) {
    const { metadata } = JSON.parse(readFileSync(file, 'utf8')) as {
      metadata?: {
        name?: string;
        versions: Record<string, { name?: string }>;
        time?: Record<string, string>;
      };
    };
    if (!metadata?.time) continue;
    const name =
      metadata.name ?? Object.values(metadata.versions)[0]?.name ?? '';
    if (!name.startsWith('@backstage/')) continue;
    let best: { version: string; release: Release } | undefined;
    for (const version of Object.keys(metadata.versions)) {
      const release = parseRelease(version);
      const published = metadata.time[version];
      if (!release || !published) continue;
      if (new Date(published).getTime() >= cutoffTime) continue;
      if (!best || compareReleases(release, best.release) > 0) {
        best = { version, release };
      }
    }
    if (best) pins[name] = best.version;
  }
  return Object.fromEntries(
    Object.entries(pins).sort(([a], [b]) => a.localeCompare(b)),
  );
}

if (require.main === module) {
  const [globalFolder, cutoff] = process.argv.slice(2);
  if (!globalFolder) {
    process.stderr.write(
      'usage: derivePins.ts <yarn global folder> [cutoff ISO date]\n',
    );
    process.exit(2);
  }
  process.stdout.write(
    `${JSON.stringify(derivePins(globalFolder, cutoff), null, 2)}\n`,
  );
}
