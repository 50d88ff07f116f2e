import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import {
  checkContractSchemas,
  DataProductContract,
  JsonSchema,
  parseDataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * A data contract that passed every check, with the schemas it references:
 * what the constructs build a pipeline from.
 * @public
 */
export interface LoadedDataProductContract {
  readonly contract: DataProductContract;
  /** The contract's path, as given; used in error messages. */
  readonly file: string;
  /** Each event's `detail` schema with `$ref`s resolved, by detail-type. */
  readonly detailSchemas: Readonly<Record<string, JsonSchema>>;
  /** Each event's schema file exactly as written (what the registry publishes), by detail-type. */
  readonly schemaDocuments: Readonly<Record<string, Record<string, unknown>>>;
}

/**
 * Reads, parses and checks a `data-product.yaml` and the JSON Schemas it
 * references, with the common package's parser (the only one there is).
 *
 * @throws ContractValidationError naming the file, line and field of every problem.
 * @public
 */
export function loadDataProductContract(
  contractFile: string,
): LoadedDataProductContract {
  const file = relative(process.cwd(), contractFile) || contractFile;
  const parsed = parseDataProductContract(readFileSync(contractFile, 'utf8'), {
    file,
  });
  const baseDir = dirname(contractFile);
  const readSchemaFile = (path: string) =>
    readFileSync(join(baseDir, path), 'utf8');
  const detailSchemas = checkContractSchemas(parsed, readSchemaFile);
  const schemaDocuments = Object.fromEntries(
    parsed.contract.events.map(event => [
      event.detailType,
      JSON.parse(readSchemaFile(event.schema)) as Record<string, unknown>,
    ]),
  );
  return { contract: parsed.contract, file, detailSchemas, schemaDocuments };
}
