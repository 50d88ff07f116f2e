// Fails when a schema in schemas/ changes incompatibly against the base
// branch (default origin/main): consumers of the registry would break.
// Usage: node scripts/check-schema-compatibility.mjs [base-ref]
// Set ALLOW_BREAKING_SCHEMA_CHANGE=true to accept a deliberate break.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { diffSchemas } = require('@financial-data-mesh/plugin-data-mesh-common');

const base = process.argv[2] ?? 'origin/main';
const allowBreaking = process.env.ALLOW_BREAKING_SCHEMA_CHANGE === 'true';

// Without the base ref every schema would look new and pass unchecked.
try {
  execFileSync(
    'git',
    ['rev-parse', '--verify', '--quiet', `${base}^{commit}`],
    {
      stdio: 'ignore',
    },
  );
} catch {
  console.error(
    `Base ref "${base}" is not in this clone; fetch it first (e.g. git fetch origin main) or pass another ref.`,
  );
  process.exit(2);
}
let breaking = 0;

for (const file of readdirSync('schemas').filter(f => f.endsWith('.json'))) {
  const path = `schemas/${file}`;
  let previous;
  try {
    previous = JSON.parse(
      execFileSync('git', ['show', `${base}:${path}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    console.log(`${path}: new on this branch`);
    continue;
  }
  const diff = diffSchemas(previous, JSON.parse(readFileSync(path, 'utf8')));
  const verdict = diff.breaking ? 'BREAKING' : diff.compatibility;
  console.log(`${path}: ${verdict} (${diff.changes.length} change(s))`);
  for (const change of diff.changes) {
    console.log(`  - ${change.path} ${change.kind}: ${change.description}`);
  }
  if (diff.breaking) {
    breaking += 1;
  }
}

if (breaking > 0 && !allowBreaking) {
  console.error(
    `\n${breaking} schema(s) changed incompatibly against ${base}. Publish a new event (or version with a migration plan) instead, or set ALLOW_BREAKING_SCHEMA_CHANGE=true.`,
  );
  process.exit(1);
}
