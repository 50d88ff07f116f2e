import {
  RegistrySource,
  writeDirectoryRegistry,
} from '@financial-data-mesh/plugin-data-mesh-node';

export interface ExportSummary {
  readonly registries: ReadonlyArray<{
    readonly name: string;
    readonly schemas: number;
    readonly versions: number;
  }>;
  readonly warnings: readonly string[];
}

/**
 * Copies every registry a source holds into a local mirror folder, in the
 * layout the directory source reads: for air-gapped catalogs and for test
 * fixtures taken from a real account. Each registry is swapped in whole, so
 * an interrupted export leaves the previous copy intact.
 */
export async function exportRegistries(
  source: RegistrySource,
  targetFolder: string,
  onProgress: (message: string) => void = () => {},
): Promise<ExportSummary> {
  onProgress(`Reading ${describeSource(source)}...`);
  const { registries, warnings } = await source.read();
  const summary: Array<ExportSummary['registries'][number]> = [];
  for (const registry of registries) {
    await writeDirectoryRegistry(targetFolder, registry);
    const versions = registry.schemas.reduce(
      (sum, schema) => sum + schema.versions.length,
      0,
    );
    summary.push({
      name: registry.name,
      schemas: registry.schemas.length,
      versions,
    });
    onProgress(
      `${registry.name}: ${registry.schemas.length} schemas, ${versions} versions`,
    );
  }
  return {
    registries: summary,
    warnings: warnings.map(w =>
      [w.registry, w.schema, w.message].filter(Boolean).join(': '),
    ),
  };
}

function describeSource(source: RegistrySource): string {
  const { type, accountId, region, path } = source.location;
  return type === 'aws'
    ? `AWS account ${accountId ?? '(default credentials)'} in ${region}`
    : `folder ${path}`;
}
