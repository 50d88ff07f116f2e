import { buildSync } from 'esbuild';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  HANDLER_ENTRIES,
  handlerBundleFile,
} from '../src/runtime/handlerBundle';

/**
 * Bundles every Lambda handler of the library with esbuild into `lib/`,
 * dependencies included, so that a consumer's `cdk synth` needs neither
 * esbuild nor Docker. Run by `npm run build`, before `synth` and `bench`,
 * and as the tests' global setup (see docs/constructs.md).
 */
export function bundleHandlers(): Record<string, number> {
  const packageRoot = join(__dirname, '..');
  const sizes: Record<string, number> = {};
  for (const [name, entry] of Object.entries(HANDLER_ENTRIES)) {
    const outfile = handlerBundleFile(name);
    buildSync({
      entryPoints: [join(packageRoot, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      // Licences of bundled packages go to a file beside the bundle.
      legalComments: 'external',
      logLevel: 'warning',
    });
    sizes[name] = statSync(outfile).size;
  }
  return sizes;
}

if (require.main === module) {
  for (const [name, size] of Object.entries(bundleHandlers())) {
    process.stdout.write(`${name}: ${(size / 1024).toFixed(1)} KiB\n`);
  }
}
