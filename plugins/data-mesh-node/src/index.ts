/**
 * Node.js building blocks of the data mesh plugins: the registry source
 * interface shared by the backend's sources, and the local registry mirror.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './registryFilter';
export * from './directory/layout';
export * from './directory/DirectoryRegistrySource';
export * from './directory/writeDirectoryRegistry';
export * from './directory/registriesFromDomains';
