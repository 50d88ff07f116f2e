/**
 * Regenerates a registry mirror from domain folders: what the constructs
 * would publish for them, laid out as the directory source reads it.
 *
 * Usage (from the repository root): npm run registry:seed
 *   [-- <domains folder> <mirror folder>]
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { resolve } from 'node:path';
import {
  findContractFolders,
  registriesFromDomains,
  writeDirectoryRegistry,
} from '../src';

async function main() {
  const domainsFolder = resolve(process.argv[2] ?? 'examples/domains');
  const mirrorFolder = resolve(process.argv[3] ?? 'examples/registry');
  const registries = registriesFromDomains(findContractFolders(domainsFolder));
  for (const registry of registries) {
    await writeDirectoryRegistry(mirrorFolder, registry);
    console.log(
      `${registry.name}: ${registry.schemas.length} schema(s) -> ${mirrorFolder}/${registry.name}`,
    );
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
