import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The library's Lambda handlers and their entry points, relative to the package root. */
export const HANDLER_ENTRIES = {
  enrich: 'src/runtime/enrich/index.ts',
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;

// eslint-disable-next-line no-restricted-syntax -- the library locates its own bundles; it is not a Backstage plugin.
const PACKAGE_ROOT = join(__dirname, '..', '..');

/** Where the build puts a handler's bundle. */
export function handlerBundleFile(name: string): string {
  return join(PACKAGE_ROOT, 'lib', 'handlers', name, 'index.js');
}

/**
 * The bundle of a handler, built by `npm run build` (the package ships it).
 *
 * @throws Error with the command to run when the bundle has not been built.
 */
export function requireHandlerBundle(name: HandlerName): string {
  const file = handlerBundleFile(name);
  if (!existsSync(file)) {
    throw new Error(
      `The ${name} handler is not bundled (${file} is missing); run "npm run build --workspace constructs" first`,
    );
  }
  return file;
}

/** The directory of a handler's bundle. */
export function handlerBundleDir(name: HandlerName): string {
  return dirname(requireHandlerBundle(name));
}
