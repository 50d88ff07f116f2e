import {
  checkContractSchemas,
  DataProductContractInput,
  parseDataProductContract,
} from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';

/**
 * A contract written in the test, checked like a file on disk: through the
 * common parser and schema checks, with its schema files given by path.
 * JSON is YAML, so the contract goes through the same parser as a file.
 */
export function inMemoryContract(
  contract: DataProductContractInput,
  schemaFiles: Readonly<Record<string, Record<string, unknown>>>,
): LoadedDataProductContract {
  const file = 'in-memory/data-product.yaml';
  const parsed = parseDataProductContract(JSON.stringify(contract), { file });
  const readSchemaFile = (path: string): string => {
    const schema = schemaFiles[path];
    if (!schema) {
      throw new Error(`no schema file ${path} in the test`);
    }
    return JSON.stringify(schema);
  };
  const detailSchemas = checkContractSchemas(parsed, readSchemaFile);
  return {
    contract: parsed.contract,
    file,
    detailSchemas,
    schemaDocuments: Object.fromEntries(
      parsed.contract.events.map(event => [
        event.detailType,
        schemaFiles[event.schema],
      ]),
    ),
  };
}
