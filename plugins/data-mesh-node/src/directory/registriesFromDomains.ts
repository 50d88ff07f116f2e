import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  CONTRACT_FILE_NAME,
  DataProductContract,
  TAG_KEYS,
  checkContractSchemas,
  contractToTags,
  parseDataProductContract,
  readEventSchema,
  registryNameFor,
  resolveEvents,
  toRegistryDocument,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { RawRegistry, RawSchema, RawSchemaVersion } from '../types';

/**
 * Older versions of an event schema sit next to the current one as
 * `history/<file stem>.v<n>.json`; the current file is the contract's
 * `version`.
 */
const HISTORY_DIR = 'history';

/**
 * Builds the registries that the constructs would publish for the data
 * products in the given folders (each holding a `data-product.yaml`): one
 * registry per domain, one schema per event with every version, tagged as
 * the constructs tag them. This is how the sample domains become the
 * embedded registry mirror, and how a freshly scaffolded product is
 * published locally.
 *
 * @throws ContractValidationError when a contract or its schemas are invalid.
 * @public
 */
export function registriesFromDomains(
  contractFolders: readonly string[],
): RawRegistry[] {
  const byDomain = new Map<string, RawSchema[]>();
  for (const folder of contractFolders) {
    const { contract, schemas } = schemasOfContract(folder);
    byDomain.set(contract.domain, [
      ...(byDomain.get(contract.domain) ?? []),
      ...schemas,
    ]);
  }
  return [...byDomain.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, schemas]) => ({
      name: registryNameFor(domain),
      description: `Event schemas of the ${domain} domain`,
      tags: { [TAG_KEYS.domain]: domain },
      schemas: schemas.sort((a, b) => a.name.localeCompare(b.name)),
    }));
}

/**
 * The folders under `root` that hold a data contract, sorted.
 *
 * @public
 */
export function findContractFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => join(root, entry.name))
    .filter(folder => existsSync(join(folder, CONTRACT_FILE_NAME)))
    .sort();
}

function schemasOfContract(folder: string): {
  contract: DataProductContract;
  schemas: RawSchema[];
} {
  const file = join(folder, CONTRACT_FILE_NAME);
  const parsed = parseDataProductContract(readFileSync(file, 'utf8'), {
    file,
  });
  const details = checkContractSchemas(parsed, path =>
    readFileSync(join(folder, path), 'utf8'),
  );
  const { contract } = parsed;
  const schemas = resolveEvents(contract).map<RawSchema>(event => {
    const document = (detail: unknown) =>
      JSON.stringify(
        toRegistryDocument(readEventSchema(detail, 'JSONSchemaDraft4').detail, {
          source: event.source,
          detailType: event.detailType,
          description: event.description,
        }),
      );
    const versions: RawSchemaVersion[] = [
      ...historyOf(folder, event.schema, event.version).map(older => ({
        version: older.version,
        content: document(JSON.parse(readFileSync(older.path, 'utf8'))),
      })),
      {
        version: String(event.version),
        content: document(details[event.detailType]),
      },
    ];
    return {
      name: event.schemaName,
      format: 'JSONSchemaDraft4',
      description: event.description,
      tags: contractToTags(contract, event),
      versions,
    };
  });
  return { contract, schemas };
}

function historyOf(
  folder: string,
  schemaFile: string,
  currentVersion: number,
): Array<{ version: string; path: string }> {
  const historyFolder = join(folder, dirname(schemaFile), HISTORY_DIR);
  if (!existsSync(historyFolder)) {
    return [];
  }
  const stem = basename(schemaFile, '.json');
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.v([1-9]\\d*)\\.json$`);
  return readdirSync(historyFolder)
    .map(file => ({ file, match: pattern.exec(file) }))
    .filter(({ match }) => match && Number(match[1]) < currentVersion)
    .map(({ file, match }) => ({
      version: (match as RegExpExecArray)[1],
      path: join(historyFolder, file),
    }))
    .sort((a, b) => Number(a.version) - Number(b.version));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
