import { findSchemaField } from '@financial-data-mesh/plugin-data-mesh-common';
import { LoadedDataProductContract } from '../contract/loadDataProductContract';
import { mapSchemaToGlue } from '../glue/glueTypeMapping';
import { enclosingPaths } from './fieldReference';

/**
 * How the product's table holds a contract field: reachable from SQL (and
 * whether hashed), or not, and why.
 */
export type FieldStorage =
  | { readonly path: string; readonly hashed: boolean }
  | { readonly path: string; readonly unreachable: string };

/**
 * Where a field path leads in the table. SQL reaches a nested field only
 * through structs and arrays; a field inside a value the table stores as
 * text (a hashed PII object, an object schema without `type: object`, a
 * value of several types) is out of reach, and a query that tried would
 * fail as a whole. The Glue mapping decides what is stored how; this asks
 * it about every enclosing path.
 *
 * @param hashedFields - the field paths the table holds hashed.
 */
export function fieldStorage(
  loaded: LoadedDataProductContract,
  hashedFields: readonly string[],
  path: string,
): FieldStorage {
  const hashed = new Set(hashedFields);
  // The contract check made sure some event has the field; the events
  // share the table, so one that has it tells how the table stores it.
  const detail = Object.values(loaded.detailSchemas).find(schema =>
    findSchemaField(schema, path),
  );
  for (const enclosing of enclosingPaths(path)) {
    if (hashed.has(enclosing)) {
      return {
        path,
        unreachable: `it lies inside ${enclosing}, which is hashed (PII) as a whole`,
      };
    }
    const intoArray = path.slice(enclosing.length).startsWith('[]');
    const node = detail && findSchemaField(detail, enclosing);
    const glueType = node
      ? mapSchemaToGlue(node, enclosing, hashed).glueType
      : 'unknown';
    if (!glueType.startsWith(intoArray ? 'array<' : 'struct<')) {
      return {
        path,
        unreachable: `${enclosing} is stored as ${glueType}, not as ${intoArray ? 'an array' : 'a struct'}, so SQL cannot reach into it`,
      };
    }
  }
  return { path, hashed: hashed.has(path) };
}
