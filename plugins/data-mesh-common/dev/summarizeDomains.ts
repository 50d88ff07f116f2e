/**
 * Validates every domain under a directory (default: examples/domains) and
 * prints its data products, events and the compatibility of each event's
 * schema history. Exits 1 when a contract or schema is invalid.
 *
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs \
 *   plugins/data-mesh-common/dev/summarizeDomains.ts [domainsDir]
 */
// A command-line tool: printing to the console is its output.
/* eslint-disable no-console */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CONTRACT_FILE_NAME,
  ContractValidationError,
  checkContractSchemas,
  diffSchemas,
  parseDataProductContract,
  readEventSchema,
  resolveEvents,
  resolveStorage,
} from '../src';

const domainsDir = resolve(process.argv[2] ?? 'examples/domains');

function historyOf(contractDir: string, schemaFile: string): string[] {
  const historyDir = join(contractDir, dirname(schemaFile), 'history');
  const stem = basename(schemaFile, '.json');
  if (!existsSync(historyDir)) {
    return [];
  }
  return readdirSync(historyDir)
    .filter(file => file.startsWith(`${stem}.v`) && file.endsWith('.json'))
    .sort()
    .map(file => join(historyDir, file));
}

function summarizeDomain(contractDir: string): boolean {
  const file = join(contractDir, CONTRACT_FILE_NAME);
  const display = `${basename(contractDir)}/${CONTRACT_FILE_NAME}`;
  try {
    const parsed = parseDataProductContract(readFileSync(file, 'utf8'), {
      file: display,
    });
    checkContractSchemas(parsed, path =>
      readFileSync(join(contractDir, path), 'utf8'),
    );
    const { contract } = parsed;
    const storage = resolveStorage(contract);
    console.log(
      `${contract.domain}/${contract.name} ${contract.version} (${contract.classification}, owner ${contract.owner})`,
    );
    console.log(
      `  Athena: "${storage.database}"."${storage.table}" in workgroup ${storage.workgroup}`,
    );
    for (const event of resolveEvents(contract)) {
      const schemaPath = join(contractDir, event.schema);
      console.log(`  ${event.schemaName} v${event.version}`);
      let previous = readEventSchema(
        readFileSync(schemaPath, 'utf8'),
        'JSONSchemaDraft4',
      );
      for (const older of historyOf(contractDir, event.schema).reverse()) {
        const before = readEventSchema(
          readFileSync(older, 'utf8'),
          'JSONSchemaDraft4',
        );
        const diff = diffSchemas(before.detail, previous.detail);
        console.log(
          `    ${basename(older)} -> newer: ${diff.compatibility}${diff.breaking ? ' (breaking)' : ''}, ${diff.changes.length} change(s)`,
        );
        previous = before;
      }
    }
    return true;
  } catch (error) {
    if (error instanceof ContractValidationError) {
      console.error(error.message);
      return false;
    }
    throw error;
  }
}

const domains = readdirSync(domainsDir, { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => join(domainsDir, entry.name))
  .filter(dir => existsSync(join(dir, CONTRACT_FILE_NAME)));
const results = domains.map(summarizeDomain);
console.log(
  `\n${results.filter(Boolean).length} of ${domains.length} domains valid in ${domainsDir}`,
);
process.exitCode = results.every(Boolean) ? 0 : 1;
