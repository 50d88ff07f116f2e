/**
 * Generates a data product's event TypeScript types from its contract and
 * JSON Schemas, at build time: the `datamesh-event-types` command and the
 * functions behind it.
 *
 * @packageDocumentation
 */

export {
  constantCase,
  detailInterfaceName,
  GENERATED_HEADER,
  generateEventTypes,
  renderEventTypes,
} from './generateEventTypes';
export type {
  GeneratedFile,
  GenerateEventTypesOptions,
} from './generateEventTypes';
export { DEFAULT_EVENTS_DIR, runEventTypesCli } from './cli';
