// Fails when a schema in schemas/ breaks the product's compatibility mode
// (`compatibility` in data-product.yaml, BACKWARD by default) against the
// base branch (default origin/main): consumers of the registry would break.
// A _TRANSITIVE mode checks against every version the base branch's
// history holds, the others against the base branch's version only.
// Usage: node scripts/check-schema-compatibility.mjs [base-ref]
// Set ALLOW_BREAKING_SCHEMA_CHANGE=true to accept a deliberate break.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  checkCompatibilityMode,
  describeModeViolations,
  diffSchemas,
  isTransitiveMode,
  parseDataProductContract,
} = require('@financial-data-mesh/plugin-data-mesh-common');

const base = process.argv[2] ?? 'origin/main';
const allowBreaking = process.env.ALLOW_BREAKING_SCHEMA_CHANGE === 'true';
const { mode } = readMode();

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
console.log(`Compatibility mode: ${mode} (data-product.yaml)`);
let broken = 0;

for (const file of readdirSync('schemas').filter(f => f.endsWith('.json'))) {
  const path = `schemas/${file}`;
  const earlier = versionsOnBase(path);
  if (earlier.length === 0) {
    console.log(`${path}: new on this branch`);
    continue;
  }
  const next = JSON.parse(readFileSync(path, 'utf8'));
  const latest = earlier[earlier.length - 1];
  const diff = diffSchemas(latest.schema, next);
  const check = checkCompatibilityMode(mode, earlier, next);
  const verdict = diff.breaking ? 'BREAKING' : diff.compatibility;
  console.log(
    `${path}: ${verdict} against ${base} (${diff.changes.length} change(s)); ${mode} ${check.honoured ? 'honoured' : 'broken'}`,
  );
  for (const change of diff.changes) {
    console.log(`  - ${change.path} ${change.kind}: ${change.description}`);
  }
  if (!check.honoured) {
    broken += 1;
    console.error(describeModeViolations(check, path));
  }
}

if (broken > 0 && !allowBreaking) {
  console.error(
    `\n${broken} schema(s) break the ${mode} mode against ${base}; or set ALLOW_BREAKING_SCHEMA_CHANGE=true.`,
  );
  process.exit(1);
}

function readMode() {
  try {
    const { contract } = parseDataProductContract(
      readFileSync('data-product.yaml', 'utf8'),
    );
    return { mode: contract.compatibility };
  } catch (error) {
    console.error(`data-product.yaml: ${error.message}`);
    process.exit(2);
  }
}

/**
 * The versions of a schema file on the base branch, oldest first: each
 * commit that changed it is a version the registry published. A
 * non-transitive mode needs only the last, so only that one is read.
 */
function versionsOnBase(path) {
  const show = ref => {
    try {
      return execFileSync('git', ['show', `${ref}:${path}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return undefined;
    }
  };
  if (!show(base)) {
    return [];
  }
  const commits = isTransitiveMode(mode)
    ? execFileSync(
        'git',
        ['log', '--reverse', '--format=%H', base, '--', path],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean)
    : [base];
  const versions = [];
  for (const commit of commits) {
    const text = show(commit);
    if (text !== undefined && text !== versions[versions.length - 1]?.text) {
      versions.push({ text, commit });
    }
  }
  return versions.map(({ text, commit }, index) => ({
    version: commits.length > 1 ? `${index + 1} (${commit.slice(0, 7)})` : base,
    schema: JSON.parse(text),
  }));
}
