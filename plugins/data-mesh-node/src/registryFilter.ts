/** Which registries of a source to read. */
export interface RegistryFilter {
  /** Exact registry names; when set, only these are read. */
  readonly names?: readonly string[];
  /** Only registries whose name starts with this. */
  readonly prefix?: string;
}

export function matchesRegistryFilter(
  filter: RegistryFilter,
  registryName: string,
): boolean {
  if (filter.names && !filter.names.includes(registryName)) {
    return false;
  }
  return !filter.prefix || registryName.startsWith(filter.prefix);
}
