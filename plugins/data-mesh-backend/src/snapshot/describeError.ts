import { SchemaFormatError } from '@financial-data-mesh/plugin-data-mesh-common';

/**
 * What went wrong reading a schema, for its `problems`: a SchemaFormatError
 * says it itself; anything else (a bug, or content no reader foresaw) is
 * named by its type so it can be reported.
 */
export function describeError(error: unknown): string {
  if (error instanceof SchemaFormatError) {
    return error.message;
  }
  if (error instanceof Error) {
    return `unreadable content (${error.name}: ${error.message})`;
  }
  return `unreadable content (${String(error)})`;
}
