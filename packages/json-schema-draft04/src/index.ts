/**
 * Rewrites JSON Schema draft-04 into draft-07: the one converter the
 * event publisher's validation and the common package's AsyncAPI
 * documents share. No dependencies, so either can take it.
 *
 * @packageDocumentation
 */

export { draft04ToDraft07 } from './draft04ToDraft07';
export type { JsonSchemaObject } from './draft04ToDraft07';
