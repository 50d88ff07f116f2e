/**
 * Generates a data product's event TypeScript types from its contract and
 * JSON Schemas, at build time: the `datamesh-event-types` command and the
 * functions behind it.
 *
 * @packageDocumentation
 */

export { generateEventTypes, renderEventTypes } from './generateEventTypes';
export type {
  GeneratedFile,
  GenerateEventTypesOptions,
} from './generateEventTypes';
export { runEventTypesCli } from './cli';
