/**
 * Which registries of a source to read.
 *
 * @public
 */
export interface RegistryFilter {
  /** Exact registry names; when set, only these are read. */
  readonly names?: readonly string[];
  /** Only registries whose name starts with this. */
  readonly prefix?: string;
}

/**
 * Whether a registry name passes a source's include and exclude lists.
 *
 * @public
 */
export function matchesRegistryFilter(
  filter: RegistryFilter,
  registryName: string,
): boolean {
  if (filter.names && !filter.names.includes(registryName)) {
    return false;
  }
  return !filter.prefix || registryName.startsWith(filter.prefix);
}
