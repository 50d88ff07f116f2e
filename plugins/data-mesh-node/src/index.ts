/**
 * Node.js building blocks of the data mesh plugins: the registry source
 * interface shared by the backend's sources, and the local registry mirror
 * (read it, write it, build it from a domain's contracts).
 *
 * Every export is named here, on purpose: this is the package's public API
 * (see report.api.md). The mirror's file layout is internal.
 *
 * @packageDocumentation
 */

export type {
  FailedSchema,
  RawRegistry,
  RawSchema,
  RawSchemaVersion,
  RegistrySource,
  SourceLocation,
  SourceReadResult,
  SourceWarning,
} from './types';
export { matchesRegistryFilter } from './registryFilter';
export type { RegistryFilter } from './registryFilter';
export { DirectoryRegistrySource } from './directory/DirectoryRegistrySource';
export type { DirectoryRegistrySourceOptions } from './directory/DirectoryRegistrySource';
export { writeDirectoryRegistry } from './directory/writeDirectoryRegistry';
export {
  findContractFolders,
  registriesFromDomains,
} from './directory/registriesFromDomains';
