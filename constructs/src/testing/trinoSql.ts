import type { ParseError, TrinoSQL } from 'dt-sql-parser';
// A test-only module (src/testing is never exported); esbuild is a devDependency on purpose.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Checks SQL against Trino's grammar (dt-sql-parser's ANTLR grammar of
 * Trino, the engine behind Athena engine v3), so tests can tell valid
 * Athena SQL from text that merely contains the right words.
 *
 * dt-sql-parser ships ES modules with extension-less imports, which Node
 * refuses; whether jest compiles them depends on its transform settings
 * (Backstage's does today, for every grammar the package ships). So the
 * Trino parser alone is bundled once with esbuild into a CommonJS file
 * under `node_modules/.cache` and loaded with Node's own require: it works
 * under any test runner or plain Node, and keeps 2 MB out of jest's
 * transforms.
 */

/** The bundle's exports this helper uses. */
interface TrinoParserModule {
  readonly TrinoSQL: typeof TrinoSQL;
}

/** Bump when the bundle's build options change, so stale caches are not reused. */
const BUNDLE_REVISION = 1;

let parser: TrinoSQL | undefined;

/**
 * The syntax errors of one Trino statement, as `line:column message`;
 * empty when the text is exactly one valid statement (what Athena's
 * StartQueryExecution and a saved query take).
 */
export function trinoSyntaxErrors(sql: string): string[] {
  parser ??= new (loadTrinoParserModule().TrinoSQL)();
  const errors: ParseError[] = [];
  // With a listener of our own, the lexer's and parser's default console
  // listeners are removed, so ANTLR prints nothing.
  const tree = parser.parse(sql, error => errors.push(error));
  const messages = errors.map(
    error => `${error.startLine}:${error.startColumn} ${error.message}`,
  );
  const statements = tree.statements().length;
  if (messages.length === 0 && statements !== 1) {
    messages.push(`expected one statement, found ${statements}`);
  }
  return messages;
}

function loadTrinoParserModule(): TrinoParserModule {
  const packageJson = require.resolve('dt-sql-parser/package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    version: string;
  };
  const bundle = join(
    dirname(packageJson),
    '..',
    '.cache',
    'datamesh-trino-sql',
    `dt-sql-parser-${version}-trino-r${BUNDLE_REVISION}.cjs`,
  );
  if (!existsSync(bundle)) {
    mkdirSync(dirname(bundle), { recursive: true });
    // Test files run in parallel workers: each writes its own file and
    // renames it into place, which is atomic, so no worker loads half a bundle.
    const partial = `${bundle}.${process.pid}.tmp`;
    buildSync({
      entryPoints: [
        join(dirname(packageJson), 'dist', 'parser', 'trino', 'index.js'),
      ],
      outfile: partial,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    renameSync(partial, bundle);
  }
  return createRequire(packageJson)(bundle) as TrinoParserModule;
}
