/**
 * The on-disk layout of a registry mirror. It mirrors the Schema Registry's
 * own model one to one, so an exported AWS registry drops in unchanged:
 *
 * ```
 * <root>/<registry>/registry.json              { description?, tags? }
 * <root>/<registry>/<schema>/schema.json       { type, description?, tags? }
 * <root>/<registry>/<schema>/versions/<n>.json the content of version n
 * ```
 */
export const REGISTRY_FILE = 'registry.json';
export const SCHEMA_FILE = 'schema.json';
export const VERSIONS_DIR = 'versions';

/** `registry.json`. */
export interface RegistryFileContent {
  description?: string;
  tags?: Record<string, string>;
}

/** `schema.json`. */
export interface SchemaFileContent {
  type: string;
  description?: string;
  tags?: Record<string, string>;
  lastModified?: string;
  /** When each version was created, by version label (ISO 8601). */
  versionCreatedDates?: Record<string, string>;
}

/** `3.json` -> `"3"`; undefined for files that are not versions. */
export function versionOfFile(fileName: string): string | undefined {
  const match = /^([1-9]\d*)\.json$/.exec(fileName);
  return match?.[1];
}
